"""gongwen for Python: official Chinese documents (PDF, XLSX) from data and a layout.

A ctypes binding over gongwen's C API (gongwen.h); no compiler is needed and nothing outside
Debian's python3 is used.

    import gongwen
    r = gongwen.Renderer("layouts/perf-eval-result.toml")
    pdf_bytes = r.render_pdf(records)            # records: a list of dicts (or any iterable)
    r.render_xlsx(records, "out/result.xlsx")
    for p in r.check(records): print(p.record, p.field, p.message)

Every failure raises gongwen.Error, carrying kind, file, line, column, record and field.
The shared library is $GONGWEN_LIBRARY when set; else, when this module is the one of a source
tree, build/libgongwen.so.0 of that tree (the default build: `PYTHONPATH=python python3`); else
the installed libgongwen.so.0.
"""
from ._binding import (Error, Problem, Renderer, font_report, version)

__all__ = ["Error", "Problem", "Renderer", "font_report", "version"]
__version__ = version()
