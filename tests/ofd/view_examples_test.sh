#!/bin/sh
# Every shipped layout rendered to PDF and OFD, the OFD opened by ofd.js 0.2.6 in headless
# Chromium (tests/ofd/ofd_view.py): all pages render, the text holds every record string, each
# page matches the PDF page rasterised by pdftoppm. Exit 77 (skipped) without Chromium/node/npm.
#   view_examples_test.sh GONGWEN SOURCE_DIR
set -u
GONGWEN=$1
SRC=$2
OUT=$(mktemp -d "${TMPDIR:-/tmp}/gongwen-ofd-view.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
status=0
while read -r layout data; do
  case $layout in ''|'#'*) continue ;; esac
  name=$(basename "$layout" .toml)
  stem=$(basename "$data" .json)
  dir="$OUT/$name"
  "$GONGWEN" render "$SRC/$layout" "$SRC/$data" -o "$dir" --format pdf,ofd -q || { echo "FAIL $name: render"; status=1; continue; }
  /usr/bin/python3 "$SRC/tests/ofd/ofd_view.py" "$dir/$stem.ofd" --page-width 600 --pdf "$dir/$stem.pdf" --records "$SRC/$data" > "$OUT/$name.txt"
  rc=$?
  [ $rc -eq 77 ] && { tail -1 "$OUT/$name.txt"; exit 77; }
  [ $rc -eq 0 ] || { cat "$OUT/$name.txt"; status=1; }
  tail -1 "$OUT/$name.txt" | sed "s|^|$name: |"
done < "$SRC/tests/ofd/examples.txt"
exit $status
