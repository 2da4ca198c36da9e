#!/usr/bin/env bash
# Reading a large workbook (issue 17): time and peak RSS of gongwen reading every record of a
# 100k-row XLSX sheet, next to the same records as JSON Lines and CSV.
#
#   bench/xlsx_read_bench.sh [-n ROWS]      (default 100000)
#
# 1. Generates ROWS records (deterministic, python3 standard library) as JSON Lines and CSV.
# 2. Has gongwen write the workbook: `render --format xlsx` of the JSON Lines; past
#    max_record_sheets the workbook holds the 一览表 alone, one row per record (libxlsxwriter
#    constant-memory mode, inline strings).
# 3. Runs `gongwen fonts LAYOUT DATA` on each file under /usr/bin/time -v: it reads every
#    record (and tallies its characters) without typesetting, so the figures are the reader's.
#    Peak RSS is also measured at ROWS/10 rows: a streaming reader's peak does not grow with the
#    number of rows.
# Needs: a built build/gongwen (or GONGWEN=path), python3, /usr/bin/time.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
GONGWEN=${GONGWEN:-$ROOT/build/gongwen}
LAYOUT=$ROOT/layouts/perf-eval-result.toml
ROWS=100000
[ "${1:-}" = "-n" ] && ROWS=$2
TMP=$(mktemp -d "${BENCH_TMP:-/tmp}/gongwen-xlsx-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

make_data() {  # make_data N DIR
  python3 - "$1" "$2" <<'PY'
import csv, json, sys
n, d = int(sys.argv[1]), sys.argv[2]
doc = {"document": {"title": ["上海市2017年度", "财政支出项目绩效评价结果"]}}
with open(f"{d}/records.jsonl", "w", encoding="utf-8") as j, open(f"{d}/records.csv", "w", encoding="utf-8", newline="") as c:
    j.write(json.dumps(doc, ensure_ascii=False) + "\n")
    w = csv.writer(c)
    w.writerow(["project_name", "budget_wan", "score", "conclusion"])
    for i in range(1, n + 1):
        r = {"project_name": f"第{i}号项目：信息系统运维与数据采集分析", "budget_wan": round(10 + i % 997 * 0.125, 3),
             "score": round(60 + i % 40 + 0.47, 2), "conclusion": ["良好", "优秀", "中"][i % 3],
             "performance": ["按计划开展运维；"], "problems": [], "suggestions": [], "rectification": []}
        j.write(json.dumps(r, ensure_ascii=False) + "\n")
        w.writerow([r["project_name"], r["budget_wan"], r["score"], r["conclusion"]])
PY
}

measure() {  # measure LABEL FILE → "LABEL  seconds  peak-RSS-MiB"
  local out
  out=$( { /usr/bin/time -v "$GONGWEN" fonts "$LAYOUT" "$2" > /dev/null; } 2>&1 )
  local wall rss
  wall=$(printf '%s\n' "$out" | sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p')
  rss=$(printf '%s\n' "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')
  printf '%-28s %10s %10.1f MiB\n' "$1" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

for n in $((ROWS / 10)) "$ROWS"; do
  mkdir -p "$TMP/$n"
  make_data "$n" "$TMP/$n"
  "$GONGWEN" render "$LAYOUT" "$TMP/$n/records.jsonl" --format xlsx -q -o "$TMP/$n"
  echo "== $n rows (workbook $(du -h "$TMP/$n/records.xlsx" | cut -f1), load $(cut -d' ' -f1 /proc/loadavg))"
  printf '%-28s %10s %14s\n' "input" "wall" "peak RSS"
  measure "xlsx (一览表 sheet)" "$TMP/$n/records.xlsx"
  measure "jsonl" "$TMP/$n/records.jsonl"
  measure "csv" "$TMP/$n/records.csv"
done
