#!/bin/sh
# Every shipped layout rendered to PDF and OFD in one run, then the OFD read back independently:
#   gongwen check-output       structure (IDs, references, glyphs in the embedded fonts, page boxes)
#   tests/ofd/ofd_text.py      zipfile + ElementTree: every record string in the text, every
#                              character where MuPDF finds the PDF's glyph (±0.01 mm)
# and the OFD rendered again with -j 1 must be byte-identical, as must split OFDs whose fonts were
# subset from faces prepared by hb_subset_preprocess and from the faces themselves.
#   examples_test.sh GONGWEN SOURCE_DIR
set -u
GONGWEN=$1
SRC=$2
OUT=$(mktemp -d "${TMPDIR:-/tmp}/gongwen-ofd-examples.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
status=0
while read -r layout data; do
  case $layout in ''|'#'*) continue ;; esac
  name=$(basename "$layout" .toml)
  stem=$(basename "$data" .json)
  dir="$OUT/$name"
  if ! "$GONGWEN" render "$SRC/$layout" "$SRC/$data" -o "$dir" --format pdf,ofd -q; then
    echo "FAIL $name: render"; status=1; continue
  fi
  "$GONGWEN" check-output "$dir/$stem.ofd" | tail -1 | sed "s|^|$name: |"
  "$GONGWEN" check-output "$dir/$stem.ofd" >/dev/null || { echo "FAIL $name: check-output"; status=1; }
  if ! /usr/bin/python3 "$SRC/tests/ofd/ofd_text.py" "$dir/$stem.ofd" --records "$SRC/$data" --pdf "$dir/$stem.pdf" > "$OUT/$name.txt"; then
    cat "$OUT/$name.txt"; echo "FAIL $name: ofd_text"; status=1
  else
    tail -1 "$OUT/$name.txt" | sed "s|^|$name: |"
  fi
  "$GONGWEN" render "$SRC/$layout" "$SRC/$data" -o "$dir/again" --format ofd -j 1 -q &&
    cmp -s "$dir/$stem.ofd" "$dir/again/$stem.ofd" || { echo "FAIL $name: OFD bytes differ between runs"; status=1; }
done < "$SRC/tests/ofd/examples.txt"
exit $status
