"""ctypes declarations of gongwen.h and the Python classes over them."""
import ctypes
import json
import os
from dataclasses import dataclass

_KINDS = {1: "layout", 2: "data", 3: "font", 4: "io", 5: "render", 6: "usage", 7: "internal"}


class _Error(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("message", ctypes.c_char_p), ("detail", ctypes.c_char_p),
                ("file", ctypes.c_char_p), ("line", ctypes.c_int), ("column", ctypes.c_int),
                ("record", ctypes.c_size_t), ("field", ctypes.c_char_p)]


class _Buffer(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("size", ctypes.c_size_t)]


_WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)


def _library_path():
    """$GONGWEN_LIBRARY; else, for the module in a source tree (python/gongwen), the library of
    the default build folder beside it (build/); else the installed libgongwen.so.0."""
    if os.environ.get("GONGWEN_LIBRARY"):
        return os.environ["GONGWEN_LIBRARY"]
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(here, os.pardir, os.pardir, "build", "libgongwen.so.0")
    if os.path.isfile(os.path.join(here, os.pardir, "tests", "test_gongwen.py")) and os.path.exists(built):
        return os.path.normpath(built)
    return "libgongwen.so.0"


def _load():
    lib = ctypes.CDLL(_library_path())
    err = ctypes.POINTER(ctypes.POINTER(_Error))
    buf = ctypes.POINTER(_Buffer)
    paths = ctypes.POINTER(ctypes.c_char_p)
    sig = {
        "gongwen_error_free": (None, [ctypes.POINTER(_Error)]),
        "gongwen_buffer_free": (None, [buf]),
        "gongwen_version": (ctypes.c_char_p, []),
        "gongwen_options_new": (ctypes.c_void_p, []),
        "gongwen_options_free": (None, [ctypes.c_void_p]),
        "gongwen_options_set_font_map": (None, [ctypes.c_void_p, ctypes.c_char_p]),
        "gongwen_options_add_font_map": (None, [ctypes.c_void_p, ctypes.c_char_p]),
        "gongwen_options_add_font_dir": (None, [ctypes.c_void_p, ctypes.c_char_p]),
        "gongwen_options_set_creation_time": (None, [ctypes.c_void_p, ctypes.c_int64]),
        "gongwen_options_set_threads": (None, [ctypes.c_void_p, ctypes.c_uint]),
        "gongwen_options_set_temp_dir": (None, [ctypes.c_void_p, ctypes.c_char_p]),
        "gongwen_renderer_new": (ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_void_p, err]),
        "gongwen_renderer_from_text": (ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                                         ctypes.c_void_p, err]),
        "gongwen_renderer_free": (None, [ctypes.c_void_p]),
        "gongwen_render_pdf": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                              buf, err]),
        "gongwen_render_pdf_to": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                 ctypes.c_char_p, _WRITE_FN, ctypes.c_void_p, err]),
        "gongwen_render_xlsx": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                               ctypes.c_char_p, err]),
        "gongwen_render_xlsx_buffer": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                                      ctypes.c_char_p, buf, err]),
        "gongwen_render_batch": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, buf, err]),
        "gongwen_check": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                         buf, err]),
        "gongwen_check_files": (ctypes.c_int, [ctypes.c_void_p, paths, ctypes.c_size_t, ctypes.c_char_p, buf, err]),
        "gongwen_fonts": (ctypes.c_int, [ctypes.c_void_p, paths, ctypes.c_size_t, ctypes.c_char_p, buf, err]),
        "gongwen_font_report": (ctypes.c_int, [ctypes.c_void_p, paths, ctypes.c_size_t, ctypes.c_char_p, buf, err]),
    }
    for name, (res, args) in sig.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    return lib


_lib = _load()


def version():
    """The library's version ("0.2.0")."""
    return _lib.gongwen_version().decode()


def _text(b):
    return b.decode("utf-8", "replace") if b else ""


class Error(Exception):
    """A gongwen failure: kind ("layout", "data", "font", "io", "render", "usage", "internal"),
    the complete message, and its location: file, line, column (layouts, syntax), record (1-based)
    and field (data)."""

    def __init__(self, kind, message, detail="", file="", line=0, column=0, record=0, field=""):
        super().__init__(message)
        self.kind, self.message, self.detail = kind, message, detail
        self.file, self.line, self.column, self.record, self.field = file, line, column, record, field


def _raise(code, err):
    if code == 0:
        return
    e = err.contents if err else None
    try:
        if e is None:
            raise Error(_KINDS.get(code, "internal"), "gongwen error %d" % code)
        raise Error(_KINDS.get(e.kind, "internal"), _text(e.message), _text(e.detail), _text(e.file), e.line,
                    e.column, e.record, _text(e.field))
    finally:
        if err:
            _lib.gongwen_error_free(err)


def _take(buf):
    try:
        return ctypes.string_at(buf.data, buf.size)
    finally:
        _lib.gongwen_buffer_free(ctypes.byref(buf))


@dataclass(frozen=True)
class Problem:
    """One problem found by Renderer.check: severity ("error" or "warning"), kind, message and
    location (file, line, column, record, field)."""
    severity: str
    kind: str
    message: str
    file: str
    line: int
    column: int
    record: int
    field: str


def _data_json(records, document=None):
    """records: a list of dicts (or an iterable of them), or {"document": ..., "records": ...}."""
    if isinstance(records, dict):
        data = records
    else:
        data = {"records": list(records)}
        if document is not None:
            data["document"] = document
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _paths(paths):
    arr = (ctypes.c_char_p * max(1, len(paths)))(*[os.fsencode(str(p)) for p in paths])
    return arr, len(paths)


class _Options:
    def __init__(self, font_map=None, font_maps=(), font_dirs=(), creation_time=None, threads=0, temp_dir=None):
        self.handle = _lib.gongwen_options_new()
        if not self.handle:
            raise MemoryError("gongwen_options_new")
        if font_map:
            _lib.gongwen_options_set_font_map(self.handle, os.fsencode(str(font_map)))
        for m in font_maps:
            _lib.gongwen_options_add_font_map(self.handle, os.fsencode(str(m)))
        for d in font_dirs:
            _lib.gongwen_options_add_font_dir(self.handle, os.fsencode(str(d)))
        if creation_time is not None:
            _lib.gongwen_options_set_creation_time(self.handle, int(creation_time))
        _lib.gongwen_options_set_threads(self.handle, int(threads))
        if temp_dir is not None:
            _lib.gongwen_options_set_temp_dir(self.handle, os.fsencode(str(temp_dir)))

    def __del__(self):
        if getattr(self, "handle", None):
            _lib.gongwen_options_free(self.handle)
            self.handle = None


class Renderer:
    """A layout loaded once, with its fonts; render as many times as wanted (thread-safe).

    Renderer(layout_path, font_map=None, font_maps=(), font_dirs=(), creation_time=None, threads=0)
    Renderer.from_text(toml_text, name="layout.toml", ...)
    """

    def __init__(self, layout=None, *, font_map=None, font_maps=(), font_dirs=(), creation_time=None, threads=0,
                 temp_dir=None, _text=None, _name=None):
        self._handle = None
        opts = _Options(font_map, font_maps, font_dirs, creation_time, threads, temp_dir)
        err = ctypes.POINTER(_Error)()
        if _text is not None:
            raw = _text.encode("utf-8")
            handle = _lib.gongwen_renderer_from_text(raw, len(raw), (_name or "layout.toml").encode("utf-8"),
                                                     opts.handle, ctypes.byref(err))
        else:
            handle = _lib.gongwen_renderer_new(os.fsencode(str(layout)), opts.handle, ctypes.byref(err))
        if not handle:
            _raise(7, err)
        self._handle = handle

    @classmethod
    def from_text(cls, toml_text, name="layout.toml", **options):
        return cls(None, _text=toml_text, _name=name, **options)

    def __del__(self):
        if getattr(self, "_handle", None):
            _lib.gongwen_renderer_free(self._handle)
            self._handle = None

    def render_pdf(self, records, document=None, data_name="data"):
        """The PDF of `records` as bytes."""
        raw = _data_json(records, document)
        buf, err = _Buffer(), ctypes.POINTER(_Error)()
        _raise(_lib.gongwen_render_pdf(self._handle, raw, len(raw), data_name.encode("utf-8"), ctypes.byref(buf),
                                       ctypes.byref(err)), err)
        return _take(buf)

    def render_pdf_to(self, records, stream, document=None, data_name="data"):
        """Writes the PDF of `records` to a binary stream (anything with .write(bytes))."""
        raw = _data_json(records, document)
        failure = []

        def write(_user, data, size):
            try:
                stream.write(ctypes.string_at(data, size))
                return 0
            except Exception as e:  # stop the C side; re-raised below
                failure.append(e)
                return 1

        err = ctypes.POINTER(_Error)()
        code = _lib.gongwen_render_pdf_to(self._handle, raw, len(raw), data_name.encode("utf-8"), _WRITE_FN(write),
                                          None, ctypes.byref(err))
        if failure:
            if err:
                _lib.gongwen_error_free(err)
            raise failure[0]
        _raise(code, err)

    def render_xlsx(self, records, path=None, document=None, data_name="data"):
        """Writes the workbook of `records` to `path` (whole or not at all); without a path,
        returns it as bytes."""
        raw = _data_json(records, document)
        err = ctypes.POINTER(_Error)()
        if path is None:
            buf = _Buffer()
            _raise(_lib.gongwen_render_xlsx_buffer(self._handle, raw, len(raw), data_name.encode("utf-8"),
                                                   ctypes.byref(buf), ctypes.byref(err)), err)
            return _take(buf)
        _raise(_lib.gongwen_render_xlsx(self._handle, raw, len(raw), data_name.encode("utf-8"),
                                        os.fsencode(str(path)), ctypes.byref(err)), err)

    def render_files(self, data, out_dir="out", formats=("pdf",), **batch):
        """Renders data files as `gongwen render` does; returns the batch result as a dict
        (records, rendered, skipped, files, failures)."""
        opts = dict(batch, data=[str(p) for p in data], out_dir=str(out_dir), formats=list(formats))
        buf, err = _Buffer(), ctypes.POINTER(_Error)()
        _raise(_lib.gongwen_render_batch(self._handle, json.dumps(opts).encode("utf-8"), ctypes.byref(buf),
                                         ctypes.byref(err)), err)
        return json.loads(_take(buf))

    def check(self, records, document=None, data_name="data"):
        """Every problem of `records` (a list of Problem; empty when all is well). A list of data
        file paths (str or os.PathLike) is checked as files."""
        buf, err = _Buffer(), ctypes.POINTER(_Error)()
        if isinstance(records, (list, tuple)) and records and all(isinstance(r, (str, os.PathLike)) for r in records):
            arr, n = _paths(records)
            code = _lib.gongwen_check_files(self._handle, arr, n, None, ctypes.byref(buf), ctypes.byref(err))
        else:
            raw = _data_json(records, document)
            code = _lib.gongwen_check(self._handle, raw, len(raw), data_name.encode("utf-8"), ctypes.byref(buf),
                                      ctypes.byref(err))
        _raise(code, err)
        report = json.loads(_take(buf))
        return [Problem(p["severity"], p["kind"], p["message"], p["file"], p["line"], p["column"], p["record"],
                        p["field"]) for p in report["problems"]]

    def fonts(self, data=()):
        """The font report (dict): the layout's styles and families, and the coverage of `data`
        (data file paths)."""
        arr, n = _paths(list(data))
        buf, err = _Buffer(), ctypes.POINTER(_Error)()
        _raise(_lib.gongwen_fonts(self._handle, arr, n, None, ctypes.byref(buf), ctypes.byref(err)), err)
        return json.loads(_take(buf))


def font_report(data=(), **options):
    """The font report without a layout: every family of the font maps."""
    opts = _Options(**options)
    arr, n = _paths(list(data))
    buf, err = _Buffer(), ctypes.POINTER(_Error)()
    _raise(_lib.gongwen_font_report(opts.handle, arr, n, None, ctypes.byref(buf), ctypes.byref(err)), err)
    return json.loads(_take(buf))
