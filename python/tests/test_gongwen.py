"""The Python module against the library: render, check, fonts and errors — and the same
results as the gongwen command on the same inputs.

Run from ctest (GONGWEN_LIBRARY = the built library, GONGWEN_CLI = the built command,
PYTHONPATH = python/), or against an installed package with neither set."""
import copy
import io
import json
import os
import pathlib
import subprocess
import zipfile

import pytest

import gongwen

SOURCE = pathlib.Path(os.environ.get("GONGWEN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
LAYOUT = SOURCE / "layouts" / "perf-eval-result.toml"
EXAMPLE = SOURCE / "examples" / "2017-shanghai" / "records.json"
CLI = os.environ.get("GONGWEN_CLI", "gongwen")


@pytest.fixture(scope="module")
def renderer():
    return gongwen.Renderer(str(LAYOUT))


@pytest.fixture()
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def cli(*args, cwd=None):
    return subprocess.run([CLI, *map(str, args)], cwd=cwd, capture_output=True, text=True)


def pdf_text(pdf_bytes, tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf_bytes)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_version():
    assert gongwen.version() == gongwen.__version__
    assert gongwen.version().count(".") == 2


def test_render_pdf_from_a_list_of_dicts(renderer, example, tmp_path):
    records = example["records"]
    pdf = renderer.render_pdf(records, document=example["document"])
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "绩效评价结果信息表" in text
    assert records[0]["project_name"].replace(" ", "")[:10] in text.replace(" ", "")


def test_render_pdf_same_bytes_as_the_cli(renderer, example, tmp_path):
    out = tmp_path / "out"
    run = cli("render", LAYOUT, EXAMPLE, "-o", out, "-q")
    assert run.returncode == 0, run.stderr
    assert renderer.render_pdf(example) == (out / "records.pdf").read_bytes()
    stream = io.BytesIO()
    renderer.render_pdf_to(example, stream)
    assert stream.getvalue() == (out / "records.pdf").read_bytes()


def test_render_xlsx(renderer, example, tmp_path):
    path = tmp_path / "a.xlsx"
    renderer.render_xlsx(example, path)
    with zipfile.ZipFile(path) as z:
        assert "xl/workbook.xml" in z.namelist()
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert example["records"][0]["project_name"] in shared
    assert renderer.render_xlsx(example) == path.read_bytes()  # as bytes: the same workbook


def test_temp_dir_is_an_option(renderer, example, tmp_path):
    plain = renderer.render_xlsx(example)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert gongwen.Renderer(str(LAYOUT), temp_dir=scratch).render_xlsx(example) == plain
    assert list(scratch.iterdir()) == []  # nothing left behind
    with pytest.raises(gongwen.Error) as e:
        gongwen.Renderer(str(LAYOUT), temp_dir=tmp_path / "missing").render_xlsx(example)
    assert e.value.kind == "io"
    assert "missing" in str(e.value)


def test_data_error_carries_record_and_field(renderer, example):
    bad = copy.deepcopy(example)
    bad["records"][2]["budget_wan"] = "abc"
    with pytest.raises(gongwen.Error) as e:
        renderer.render_pdf(bad, data_name="mem.json")
    assert e.value.kind == "data"
    assert e.value.record == 3
    assert e.value.field == "budget_wan"
    assert e.value.file == "mem.json"
    assert str(e.value).startswith("mem.json: record 3: budget_wan: ")


def test_layout_error_carries_line_and_column():
    with pytest.raises(gongwen.Error) as e:
        gongwen.Renderer.from_text("# a layout\n[page\n", name="bad.toml")
    assert e.value.kind == "layout"
    assert (e.value.file, e.value.line) == ("bad.toml", 2)
    assert e.value.column > 0


def test_missing_layout_file():
    with pytest.raises(gongwen.Error) as e:
        gongwen.Renderer("/nonexistent/layout.toml")
    assert e.value.kind == "layout"
    assert "/nonexistent/layout.toml" in str(e.value)


def test_check_returns_structured_problems(renderer, example):
    assert renderer.check(example) == []
    bad = copy.deepcopy(example)
    bad["records"][0]["conclusion"] = "优秀"
    del bad["records"][3]["score"]
    problems = renderer.check(bad, data_name="data.json")
    assert [(p.record, p.field, p.severity) for p in problems] == [(1, "conclusion", "error"), (4, "score", "error")]
    assert problems[1].message.startswith("data.json: record 4: score: missing field")


def test_check_gives_what_the_cli_prints(renderer, example, tmp_path):
    bad = copy.deepcopy(example)
    bad["records"][0]["conclusion"] = "优秀"
    bad["records"][1]["project_name"] = "项目\U00020000"
    (tmp_path / "data.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    run = cli("check", LAYOUT, "data.json", cwd=tmp_path)
    assert run.returncode == 1
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        problems = renderer.check(["data.json"])
    finally:
        os.chdir(cwd)
    assert run.stdout == "".join(p.message + "\n" for p in problems)
    assert run.stderr == "gongwen check: 4 record(s), %d problem(s)\n" % len(problems)


def test_fonts_gives_what_the_cli_prints(renderer, example, tmp_path):
    bad = copy.deepcopy(example)
    bad["records"][1]["project_name"] = "项目\U00020000"
    data = tmp_path / "data.json"
    data.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    report = renderer.fonts([data])
    run = cli("fonts", LAYOUT, data)
    assert run.returncode == 1
    for fam in report["families"]:
        assert "  %s (xlsx: %s)\n" % (fam["family"], fam["xlsx_name"]) in run.stdout
        for face in fam["regular"]:
            assert "      %s  %s #%d\n" % (face["postscript_name"], face["file"], face["index"]) in run.stdout
    missing = [m for f in report["coverage"][0]["families"] for m in f["missing"]]
    assert missing and all(m["text"] == "\U00020000" for m in missing)
    assert run.stdout.count("not covered: ") == len(missing)
    assert report["all_covered"] is False
    everything = gongwen.font_report()
    assert {f["family"] for f in report["families"]} <= {f["family"] for f in everything["families"]}


def test_render_files_like_the_cli(renderer, example, tmp_path):
    bad = copy.deepcopy(example)
    bad["records"][1]["budget_wan"] = "abc"
    data = tmp_path / "d.json"
    data.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    result = renderer.render_files([data], tmp_path / "out", split=True, keep_going=True)
    assert result["rendered"] == 3
    assert [(f["record"], f["field"], f["kind"]) for f in result["failures"]] == [(2, "budget_wan", "data")]
    errors = json.loads((tmp_path / "out" / "errors.json").read_text(encoding="utf-8"))
    assert errors[0]["field"] == "budget_wan"


def test_one_renderer_from_many_threads(renderer, example):
    # ctypes releases the GIL during each call: the renders really overlap.
    import concurrent.futures
    expected = renderer.render_pdf(example)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: renderer.render_pdf(example), range(8)))
    assert all(r == expected for r in results)


def test_bad_batch_options_are_refused(renderer, tmp_path):
    with pytest.raises(gongwen.Error) as e:
        renderer.render_files([EXAMPLE], tmp_path / "out", formats=["pdf"], colour="red")
    assert e.value.kind == "usage"
    assert "unknown key 'colour'" in str(e.value)
    with pytest.raises(gongwen.Error) as e:
        renderer.render_files([EXAMPLE], tmp_path / "out", formats=["docx"])
    assert "docx" in str(e.value)
    assert not (tmp_path / "out").exists()
