#!/usr/bin/env bash
# Combined-PDF scale benchmark (issue 14): one PDF of 20k, 100k and 200k records must keep its
# peak RSS flat (≤ 300 MB at 200k records in a release build) and take time linear in the count.
#
#   bench/combined_scale.sh [-n "20000 100000 200000"] [-j JOBS] [--pdfa] [--no-text] [--keep]
#
# 1. Generates the largest count once as JSON Lines (bench/peers/gen_records.py --jsonl-only:
#    unique records from examples/2017-shanghai, first line the document); the smaller counts
#    are its first lines (record n is the same for any count). JSON Lines is streamed; a .json
#    array is parsed whole, so large combined runs should use JSON Lines or CSV (docs/batch.md).
# 2. Renders each count into one PDF with layouts/perf-eval-result.toml under /usr/bin/time:
#    wall time, CPU time (user + sys), peak RSS, pages, time per record.
# 3. Checks that every record's text is in the PDF (unless --no-text): pdftotext, page
#    furniture ("— N —") dropped, lines joined; every record's caption "绩效评价结果信息表 N",
#    and every paragraph tag "（编号N-J）" of the data, must be found.
# 4. Prints the table, the linearity ratios of time per record against the smallest count
#    (wall and CPU; the target is within 10 %) and PASS/FAIL for the RSS limit.
# CPU time is the steadier figure on a shared machine (run it under nice there): wall time moves
# with other load.
#
# Needs: a release build at build/gongwen (or GONGWEN=path), python3, pdfinfo and pdftotext
# (poppler-utils), /usr/bin/time. Environment: GONGWEN, BENCH_TMP (parent of the temp folder),
# RSS_LIMIT_MB (default 300).
set -u

cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
GONGWEN=${GONGWEN:-$ROOT/build/gongwen}
LAYOUT=$ROOT/layouts/perf-eval-result.toml
EXAMPLE=$ROOT/examples/2017-shanghai/records.json
COUNTS="20000 100000 200000"
JOBS=
TEXT=1
PDFA=0  # --pdfa: PDF/A-3u, the records JSON spooled and attached (docs/formats.md)
KEEP=0
RSS_LIMIT_MB=${RSS_LIMIT_MB:-300}

while [ $# -gt 0 ]; do
  case $1 in
    -n) COUNTS=$2; shift 2 ;;
    -j) JOBS=$2; shift 2 ;;
    --no-text) TEXT=0; shift ;;
    --pdfa) PDFA=1; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "combined_scale: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

die() { echo "combined_scale: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

[ -x "$GONGWEN" ] || die "no gongwen at $GONGWEN (a release build: cmake -DCMAKE_BUILD_TYPE=Release)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v pdfinfo >/dev/null || die "pdfinfo is missing (apt-get install poppler-utils)"
[ "$TEXT" = 0 ] || command -v pdftotext >/dev/null || die "pdftotext is missing (apt-get install poppler-utils)"

WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/gongwen-scale.XXXXXX") || die "mktemp failed"
if [ "$KEEP" = 1 ]; then note "keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; trap 'exit 130' INT TERM; fi
mkdir -p "$WORK/bin" && cp "$GONGWEN" "$WORK/bin/gongwen" || die "cannot copy $GONGWEN"
# The copy finds its font map as an installed program does: ../share/gongwen beside bin/.
mkdir -p "$WORK/share" && ln -s "$ROOT/fonts" "$WORK/share/gongwen" || die "cannot link the font map"
GW=$WORK/bin/gongwen

MAX=0
for n in $COUNTS; do [ "$n" -gt "$MAX" ] && MAX=$n; done
note "generating $MAX records (JSON Lines)"
mkdir -p "$WORK/data"
python3 "$ROOT/bench/peers/gen_records.py" "$EXAMPLE" "$WORK/data" "$MAX" --jsonl-only || die "generation failed"

# check_text PDF N: every caption 1..N and every paragraph tag of DATA found in the PDF's text.
check_text() {
  local pdf=$1 data=$2 n=$3
  pdftotext -enc UTF-8 "$pdf" - | python3 -c '
import re, sys
n, data = int(sys.argv[1]), sys.argv[2]
text = sys.stdin.read()
# Page numbers sit between the halves of a paragraph that crosses a page break: drop them.
text = "".join(l for l in text.replace("\f", "\n").split("\n") if not re.fullmatch(r"\s*— \d+ —\s*", l))
captions = set(int(m) for m in re.findall(r"绩效评价结果信息表 (\d+)", text))
# pdftotext shows the ¼ em Han–Latin gap (clreq) as a space: "（编号 0001-1）".
tag = re.compile(r"（编号\s?(\d+-\d+)）")
want = set()
with open(data, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i == 0: continue  # the document line
        if i > n: break
        want.update(tag.findall(line))
have = set(tag.findall(text))
miss_c = n - len(captions & set(range(1, n + 1)))
miss_t = len(want - have)
print(f"{miss_c} {miss_t} {len(want)}")
' "$n" "$data"
}

RESULTS=()
for n in $COUNTS; do
  head -n $((n + 1)) "$WORK/data/records.jsonl" > "$WORK/r$n.jsonl"
  note "rendering $n records"
  out=$WORK/out$n
  args=(render "$LAYOUT" "$WORK/r$n.jsonl" -o "$out" -q)
  [ -n "$JOBS" ] && args+=(-j "$JOBS")
  [ "$PDFA" = 1 ] && args+=(--pdfa)
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time$n" "$GW" "${args[@]}" || die "render of $n records failed"
  read -r wall rss user sys < "$WORK/time$n"
  pdf=$out/r$n.pdf
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  bytes=$(stat -c %s "$pdf")
  text="-"
  if [ "$TEXT" = 1 ]; then
    note "checking the text of $n records"
    read -r miss_c miss_t tags < <(check_text "$pdf" "$WORK/r$n.jsonl" "$n")
    text="captions missing $miss_c/$n, tags missing $miss_t/$tags"
    [ "$miss_c" = 0 ] && [ "$miss_t" = 0 ] || TEXT_FAIL=1
  fi
  rm -f "$pdf" "$WORK/r$n.jsonl"
  RESULTS+=("$n $wall $rss $user $sys $pages $bytes|$text")
done

echo
echo "combined PDF, $LAYOUT"
echo "gongwen $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%9s %9s %9s %9s %8s %12s %12s %10s  %s\n' records wall_s cpu_s rss_MB pages wall_ms/rec cpu_ms/rec ratio text
base_wall= base_cpu=
status=0
for r in "${RESULTS[@]}"; do
  read -r n wall rss user sys pages bytes <<< "${r%%|*}"
  text=${r#*|}
  cpu=$(echo "$user + $sys" | bc -l)
  wpr=$(echo "$wall * 1000 / $n" | bc -l)
  cpr=$(echo "$cpu * 1000 / $n" | bc -l)
  [ -z "$base_wall" ] && base_wall=$wpr && base_cpu=$cpr
  ratio=$(printf '%.3f/%.3f' "$(echo "$wpr / $base_wall" | bc -l)" "$(echo "$cpr / $base_cpu" | bc -l)")
  rss_mb=$((rss / 1024))
  printf '%9d %9.2f %9.2f %9d %8d %12.3f %12.3f %10s  %s\n' "$n" "$wall" "$cpu" "$rss_mb" "$pages" "$wpr" "$cpr" "$ratio" "$text"
  [ "$rss_mb" -le "$RSS_LIMIT_MB" ] || status=1
done
echo "ratio: time per record against the first count, wall/CPU (linear: 1.00; target within 10 %)"
[ "$status" = 0 ] && echo "peak RSS ≤ $RSS_LIMIT_MB MB: PASS" || echo "peak RSS ≤ $RSS_LIMIT_MB MB: FAIL"
[ "${TEXT_FAIL:-0}" = 0 ] || { echo "text check: FAIL"; status=1; }
exit $status
