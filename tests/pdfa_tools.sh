#!/bin/sh
# PDF/A-3u output read by independent tools: every shipped layout rendered with --pdfa (PDF and
# workbook) passes `qpdf --check`, renders in poppler (pdftoppm), MuPDF (mutool draw) and
# Ghostscript without a warning, and `pdfdetach` lists its records JSON and workbook; the JSON it
# saves holds exactly the input records (and renders again into the same PDF) and the workbook
# it saves is the one written beside.
# Usage: pdfa_tools.sh GONGWEN_CLI SOURCE_DIR. Exit 77 (skipped) when a tool is missing.
set -eu
cli=$1
src=$2
for tool in qpdf pdfdetach pdftoppm mutool gs python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed (scripts/setup)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

check_one() {  # LAYOUT DATA: renders into $tmp/<layout>, checks records.pdf
  layout=$1
  data=$2
  name=$(basename "$layout" .toml)
  stem=$(basename "$data" .json)
  out=$tmp/$name
  "$cli" render "$src/$layout" "$src/$data" -o "$out" --format pdf,xlsx --pdfa -q
  pdf=$out/$stem.pdf
  qpdf --check "$pdf" >"$tmp/qpdf.txt" 2>&1 || { cat "$tmp/qpdf.txt"; fail "$name: qpdf --check"; }
  grep -q "No syntax or stream encoding errors found" "$tmp/qpdf.txt" || { cat "$tmp/qpdf.txt"; fail "$name: qpdf"; }
  pdfdetach -list "$pdf" >"$tmp/list.txt"
  grep -q "^2 embedded files" "$tmp/list.txt" || { cat "$tmp/list.txt"; fail "$name: pdfdetach -list"; }
  grep -q " $stem.json$" "$tmp/list.txt" || fail "$name: records JSON not listed"
  grep -q " $stem.xlsx$" "$tmp/list.txt" || fail "$name: workbook not listed"
  pdfdetach -savefile "$stem.json" -o "$tmp/got.json" "$pdf"
  pdfdetach -savefile "$stem.xlsx" -o "$tmp/got.xlsx" "$pdf"
  cmp -s "$tmp/got.xlsx" "$out/$stem.xlsx" || fail "$name: the attached workbook differs from $stem.xlsx"
  python3 - "$tmp/got.json" "$src/$data" <<'PY' || fail "$name: attached records differ from the input"
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
want_records = want["records"] if isinstance(want, dict) else want
assert got["records"] == want_records, "records differ"
for k, v in (want.get("document", {}) if isinstance(want, dict) else {}).items():
    assert got["document"].get(k) == v, k
PY
  # The attached records render again into the very same file (PDF only: no workbook beside).
  mkdir -p "$tmp/again"
  cp "$tmp/got.json" "$tmp/again/$stem.json"
  "$cli" render "$src/$layout" "$src/$data" -o "$tmp/first" --pdfa -q
  "$cli" render "$src/$layout" "$tmp/again/$stem.json" -o "$tmp/second" --pdfa -q
  cmp -s "$tmp/first/$stem.pdf" "$tmp/second/$stem.pdf" || fail "$name: the attached records do not render the same PDF"
  rm -rf "$tmp/again" "$tmp/first" "$tmp/second"
  pdftoppm -r 20 -png "$pdf" "$tmp/p" 2>"$tmp/poppler.txt" || fail "$name: pdftoppm"
  [ ! -s "$tmp/poppler.txt" ] || { cat "$tmp/poppler.txt"; fail "$name: poppler warned"; }
  ls "$tmp"/p-*.png >/dev/null 2>&1 || fail "$name: pdftoppm drew nothing"
  rm -f "$tmp"/p-*.png
  mutool draw -q -r 20 -o "$tmp/m-%d.png" "$pdf" >"$tmp/mupdf.txt" 2>&1 || { cat "$tmp/mupdf.txt"; fail "$name: mutool draw"; }
  # Debian 12's MuPDF is built without lcms2: it says so on every run, whatever the file.
  ! grep -v "ICC support is not available" "$tmp/mupdf.txt" | grep -qi "error\|warning" ||
    { cat "$tmp/mupdf.txt"; fail "$name: MuPDF warned"; }
  rm -f "$tmp"/m-*.png
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage "$pdf" >"$tmp/gs.txt" 2>&1 || { cat "$tmp/gs.txt"; fail "$name: gs"; }
  [ ! -s "$tmp/gs.txt" ] || { cat "$tmp/gs.txt"; fail "$name: Ghostscript warned"; }
  echo "ok: $name"
}

check_one layouts/perf-eval-result.toml examples/2017-shanghai/records.json
check_one layouts/perf-eval-signoff.toml examples/2017-shanghai/records.json
check_one layouts/gbt9704-notice.toml examples/gbt9704-notice/records.json
check_one layouts/project-list.toml examples/project-list/records.json
check_one layouts/perf-self-eval.toml examples/perf-self-eval/records.json
