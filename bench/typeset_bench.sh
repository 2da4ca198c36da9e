#!/usr/bin/env bash
# Typesetting benchmark (issue 13): the same paragraphs set by gongwen and by xeCJK, in the same
# font (FandolFang 14 pt) and column width (345.83 pt, the value cell of perf-eval-result), with
# 2-character first-line indents; then the spacing measures of both PDFs, read from outside with
# mutool (bench/peers/spacing_measures.py). gongwen is measured twice: without 孤字 control (as
# xeCJK, which leaves a lone last character) and with it (its default).
#
#   bench/typeset_bench.sh [--keep]
#
# Paragraphs: every item of every list field of examples/2017-shanghai/records.json, numbered
# "1、" … per field as the layout prints them, each project name, and three paragraphs rich in
# brackets, quotes and adjacent marks.
# Figures (2026-12-06, commit 1b297ea; xeCJK 3.9.1 from Debian 12's texlive):
#   measure                              gongwen (= with 孤字 control)   xeCJK
#   adjacent pairs reduced               21 of 21                        18 of 21
#   largest Han gap, justified lines     0.035 em                        0.046 em
#   Han–Latin gaps before / after        0.236 / 0.236 em (diff 0.000)   0.329 / 0.330 (0.002)
#   line-end marks to the right edge     0.00 pt (4 lines)               2.69 pt (2 lines)
#   line-start bracket treatments        1                               1
# Needs: a built build/gongwen (or GONGWEN=path), mutool (mupdf-tools), python3, and xelatex
# with xeCJK and the Fandol fonts: Debian's texlive-xetex + texlive-lang-chinese, installed here
# with apt-get (niced) when missing and running as root — a large download, so not part of the
# README set-up.
set -eu

cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
GONGWEN=${GONGWEN:-$ROOT/build/gongwen}
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

if ! command -v xelatex >/dev/null || ! kpsewhich xeCJK.sty >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing texlive-xetex texlive-lang-chinese (large) ..." >&2
    nice -n 19 apt-get install -y --no-install-recommends texlive-xetex texlive-lang-chinese >&2
  else
    echo "typeset_bench: needs xelatex + xeCJK (apt-get install texlive-xetex texlive-lang-chinese)" >&2
    exit 1
  fi
fi
for tool in mutool python3; do
  command -v $tool >/dev/null || { echo "typeset_bench: needs $tool" >&2; exit 1; }
done
[ -x "$GONGWEN" ] || { echo "typeset_bench: no gongwen at $GONGWEN (build first)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/typeset-bench.XXXXXX")
[ $KEEP = 1 ] && echo "files in $TMP" >&2 || trap 'rm -rf "$TMP"' EXIT

# The paragraphs, as gongwen records and as a LaTeX body.
python3 - "$ROOT/examples/2017-shanghai/records.json" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
paras = []
for r in json.load(open(src, encoding="utf-8"))["records"]:
    paras.append(r["project_name"])
    for field in ("performance", "problems", "suggestions", "rectification"):
        paras += [f"{i}、{t}" for i, t in enumerate(r.get(field) or [], 1)]
# Paragraphs rich in brackets, quotes and adjacent marks (the records have few).
paras += [
    "用户对平台的综合满意度达 89.13%，达到了 85%的预期目标；预算金额20.645万元，评价分值88.47分（良好）。"
    "《上海市合作交流“十三五”规划》——对口支援……“援外”项目（《实施方案》）已完成。",
    "根据《上海市市级财政支出项目绩效评价管理办法（试行）》（沪财绩〔2014〕22号）和《关于开展2017年度市级"
    "财政支出项目绩效评价工作的通知》（沪财绩〔2018〕5号）的要求，市财政局委托第三方机构对“援外”项目、"
    "“十三五”规划项目（试行）；“对口支援”项目（2018版）进行了评价，形成了“优秀”“良好”“中”“差”四个等级。",
    "评价工作依据《预算法》《政府采购法》和《项目支出绩效评价管理办法》（财预〔2020〕10号），结合项目实际，"
    "设置了“产出数量”“产出质量”“产出时效”“产出成本”等指标（详见附表1）。项目单位按照“谁申报、谁负责”的原则，"
    "完成IPv6改造，对服务器CPU 使用率、内存占用率（峰值）进行监测，形成了 12份巡检报告（2018版）。",
]
json.dump({"records": [{"paragraphs": paras}]}, open(f"{tmp}/paras.json", "w", encoding="utf-8"),
          ensure_ascii=False)
esc = lambda s: s.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&").replace("#", "\\#").replace("_", "\\_")
with open(f"{tmp}/xecjk.tex", "w", encoding="utf-8") as f:
    f.write(r"""\documentclass{article}
\usepackage[paperwidth=459.216pt,paperheight=841.89pt,margin=20mm]{geometry}
\usepackage{xeCJK}
\setCJKmainfont{FandolFang-Regular.otf}
\setmainfont{FandolFang-Regular.otf}
\pagestyle{empty}
\begin{document}
\fontsize{14pt}{21pt}\selectfont
\setlength{\parindent}{28pt}\setlength{\parskip}{0pt}
""")
    f.write("\n\n".join(esc(p) for p in paras))
    f.write("\n\\end{document}\n")
PY

"$GONGWEN" render "$ROOT/bench/peers/typeset.toml" "$TMP/paras.json" -o "$TMP/gongwen" -q
# xeCJK leaves a 孤字 (a last line of one Han character); gongwen avoids it by default, which can
# force a loose line above it. Same rules as xeCJK first, then gongwen's default.
sed 's/^line_pitch = 1.5$/line_pitch = 1.5\norphan_control = false/' "$ROOT/bench/peers/typeset.toml" >"$TMP/typeset-orphans.toml"
"$GONGWEN" render "$TMP/typeset-orphans.toml" "$TMP/paras.json" -o "$TMP/gongwen-orphans" -q
(cd "$TMP" && xelatex -interaction=batchmode -halt-on-error xecjk.tex >/dev/null) ||
  { echo "typeset_bench: xelatex failed, see $TMP/xecjk.log" >&2; KEEP=1; trap - EXIT; exit 1; }

echo "same paragraphs, FandolFang 14 pt, 345.83 pt column (measured with mutool):"
python3 "$ROOT/bench/peers/spacing_measures.py" "$TMP/gongwen-orphans/paras.pdf" --label gongwen
python3 "$ROOT/bench/peers/spacing_measures.py" "$TMP/gongwen/paras.pdf" --label "gongwen+孤字"
python3 "$ROOT/bench/peers/spacing_measures.py" "$TMP/xecjk.pdf" --label xeCJK
