#!/usr/bin/env bash
# OFD against PDF (issue 16): the same 1000 records rendered to one combined PDF and to one
# combined OFD, side by side in one run, each RUNS times round-robin, best wall time and
# highest peak RSS (/usr/bin/time).
#
#   bench/ofd_vs_pdf.sh [-n RECORDS] [-r RUNS] [--keep]
#
# Records come from examples/2017-shanghai/records.json through bench/peers/gen_records.py
# (deterministic). Also run: both formats in one run (--format pdf,ofd), and --split PDFs and OFDs.
# Needs a built build/gongwen (or GONGWEN=path), /usr/bin/python3 and /usr/bin/time.
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
GONGWEN=${GONGWEN:-$ROOT/build/gongwen}
LAYOUT=$ROOT/layouts/perf-eval-result.toml
N=1000
RUNS=3
KEEP=0
while [ $# -gt 0 ]; do
  case $1 in
    -n) N=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: $0 [-n RECORDS] [-r RUNS] [--keep]" >&2; exit 2 ;;
  esac
done
[ -x "$GONGWEN" ] || { echo "ofd_vs_pdf: build gongwen first ($GONGWEN)" >&2; exit 1; }
TMP=$(mktemp -d "${BENCH_TMP:-/tmp}/gongwen-ofd-bench.XXXXXX")
[ "$KEEP" = 1 ] || trap 'rm -rf "$TMP"' EXIT
/usr/bin/python3 bench/peers/gen_records.py examples/2017-shanghai/records.json "$TMP" "$N" >/dev/null || exit 1

tasks=("pdf:--format pdf" "ofd:--format ofd" "pdf+ofd:--format pdf,ofd" "pdf-split:--format pdf --split"
       "ofd-split:--format ofd --split")
declare -A best rss
for ((r = 1; r <= RUNS; r++)); do
  for t in "${tasks[@]}"; do
    name=${t%%:*}
    args=${t#*:}
    out="$TMP/out-$name"
    rm -rf "$out"
    # shellcheck disable=SC2086
    m=$(/usr/bin/time -f '%e %M' "$GONGWEN" render "$LAYOUT" "$TMP/records.json" -o "$out" $args -q 2>&1 >/dev/null | tail -1)
    set -- $m
    if [ -z "${best[$name]:-}" ] || awk "BEGIN{exit !($1 < ${best[$name]})}"; then best[$name]=$1; fi
    if [ -z "${rss[$name]:-}" ] || [ "$2" -gt "${rss[$name]}" ]; then rss[$name]=$2; fi
  done
done
pages=$(/usr/bin/python3 -c 'import sys, zipfile; print(sum(n.endswith("/Content.xml") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$TMP/out-ofd/records.ofd")
printf '%d records, %s pages, best of %d runs, load %s\n' "$N" "$pages" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %9s %12s %14s\n' task seconds 'peak RSS MB' 'bytes'
for t in "${tasks[@]}"; do
  name=${t%%:*}
  bytes=$(du -sb "$TMP/out-$name" | cut -f1)
  printf '%-10s %9s %12d %14s\n' "$name" "${best[$name]}" $(( ${rss[$name]} / 1024 )) "$bytes"
done
awk -v p="${best[pdf]}" -v o="${best[ofd]}" -v ps="${best[pdf-split]}" -v os="${best[ofd-split]}" \
  'BEGIN { printf "OFD / PDF time: combined %.2f, split %.2f\n", o / p, os / ps }'
