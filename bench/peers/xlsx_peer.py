#!/usr/bin/python3
"""python3-xlsxwriter peer of `gongwen render ... --format xlsx` (bench/batch_bench.sh).

usage: /usr/bin/python3 xlsx_peer.py [--tempfiles] RECORDS.json OUT.xlsx

A 一览表 summary sheet (one row per record, 合计 row) and one sheet per record, as gongwen
writes them (layouts/perf-eval-result.toml [xlsx]): the caption 绩效评价结果信息表 N merged over
both columns, label/value rows (labels 黑体, values 仿宋_GB2312, 14pt, wrapped, middle/top
aligned), medium outer and thin inner borders, numbers kept as numbers with a 万元/分 format,
row heights estimated from the text width, A4 print set-up (margins of the layout, caption row
repeated, fit to one page wide, page footer).

The workbook is assembled in memory ({"in_memory": True}), xlsxwriter's fastest mode; with
--tempfiles it uses its default mode (every part written to a temp file first), which is several
times slower on a disk-backed /tmp.
"""
import json
import math
import sys

import xlsxwriter

LABEL_WIDTH = 15.43      # column widths in Excel character units (16.14 and 68 once stored)
VALUE_WIDTH = 67.29
CHARS_PER_LINE = 2 * 24  # half-width units per line of the value column at 14pt
LINE_HEIGHT = 18.75      # points per line at 14pt
PADDING = 3.75

LIST_ROWS = (("performance", "主要绩效"), ("problems", "存在问题"),
             ("suggestions", "整改建议"), ("rectification", "整改情况"))


def text_width(s):
    """Width in half-width units: CJK and full-width characters count 2."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in s)


def row_height(paragraphs, indent=4):
    lines = sum(max(1, math.ceil((text_width(p) + indent) / CHARS_PER_LINE)) for p in paragraphs)
    return lines * LINE_HEIGHT + PADDING


def main():
    args = sys.argv[1:]
    tempfiles = "--tempfiles" in args
    src, out = [a for a in args if a != "--tempfiles"]
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    records = data["records"]
    title = data.get("document", {}).get("title", [])
    if isinstance(title, str):
        title = [title]

    wb = xlsxwriter.Workbook(out, {} if tempfiles else {"in_memory": True})
    base = {"font_size": 14, "text_wrap": True, "valign": "vcenter"}

    def fmt(**kw):
        return wb.add_format({**base, **kw})

    def borders(left=1, right=1, top=1, bottom=1):
        return {"left": left, "right": right, "top": top, "bottom": bottom}

    # label/value formats for a first, middle and last row (medium = 2 outside, thin = 1 inside)
    caption = fmt(font_name="黑体", font_size=16, align="center", text_wrap=False)
    styles = {}
    for pos, (top, bottom) in {"first": (2, 1), "mid": (1, 1), "last": (1, 2)}.items():
        label = dict(font_name="黑体", align="center", **borders(2, 1, top, bottom))
        value = dict(font_name="仿宋_GB2312", align="justify", **borders(1, 2, top, bottom))
        styles[pos] = {
            "label": fmt(**label),
            "text": fmt(**value),
            "money": fmt(num_format='0.000"万元"', **value),
            "score": fmt(num_format='0.00"分"', **value),
            "paras": fmt(**{**value, "valign": "top", "indent": 2}),
        }

    # 一览表 first (as layouts/perf-eval-result.toml's [xlsx.summary]): title, header row, one
    # row per record, 合计 row summing the budgets.
    ws = wb.add_worksheet("一览表")
    ws.hide_gridlines(2)
    head = fmt(font_name="黑体", align="center", **borders())
    cell = fmt(font_name="仿宋_GB2312", align="left", **borders())
    centred = fmt(font_name="仿宋_GB2312", align="center", **borders())
    money = fmt(font_name="仿宋_GB2312", align="right", num_format="0.00##", **borders())
    headers = ("序号", "项目名称", "预算金额（万元）", "评价分值", "评价结论")
    for c, w in enumerate((8, 48, 18, 12, 12)):
        ws.set_column(c, c, w)
    ws.merge_range(0, 0, 0, len(headers) - 1, "".join(title), caption)
    ws.set_row(0, 30)
    for c, h in enumerate(headers):
        ws.write_string(1, c, h, head)
    for i, r in enumerate(records, 1):
        row = i + 1
        ws.write_number(row, 0, i, centred)
        ws.write_string(row, 1, r["project_name"], cell)
        ws.write_number(row, 2, r["budget_wan"], money)
        ws.write_string(row, 3, f"{r['score']:.2f}分", centred)
        ws.write_string(row, 4, r["conclusion"], centred)
    total = len(records) + 2
    ws.write_string(total, 0, "合计", head)
    ws.write_formula(total, 2, f"=SUM(C3:C{total})", money)
    ws.repeat_rows(1)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)

    for i, r in enumerate(records, 1):
        ws = wb.add_worksheet(f"表{i}")
        ws.hide_gridlines(2)
        ws.set_column(0, 0, LABEL_WIDTH)
        ws.set_column(1, 1, VALUE_WIDTH)
        ws.set_paper(9)
        ws.set_margins(left=28 / 25.4, right=26 / 25.4, top=37 / 25.4, bottom=35 / 25.4)
        ws.center_horizontally()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_footer("&C第 &P 页 共 &N 页")

        ws.merge_range(0, 0, 0, 1, f"绩效评价结果信息表 {i}", caption)
        ws.set_row(0, 25.5)

        rows = [("项目名称", r["project_name"], "text", row_height([r["project_name"]], 0)),
                ("预算金额", r["budget_wan"], "money", None),
                ("评价分值", r["score"], "score", None),
                ("评价结论", r["conclusion"], "text", None)]
        for key, label in LIST_ROWS:
            items = r.get(key) or []
            if items or key == "performance":
                text = "\n".join(f"{n}、{p}" for n, p in enumerate(items, 1))
                rows.append((label, text, "paras", row_height([f"{n}、{p}" for n, p in
                                                               enumerate(items, 1)])))
        last = len(rows) - 1
        for k, (label, val, kind, height) in enumerate(rows):
            st = styles["first" if k == 0 else "last" if k == last else "mid"]
            ws.write_string(k + 1, 0, label, st["label"])
            if isinstance(val, str):
                ws.write_string(k + 1, 1, val, st[kind])
            else:
                ws.write_number(k + 1, 1, val, st[kind])
            ws.set_row(k + 1, height if height is not None else LINE_HEIGHT + PADDING)

    wb.close()


if __name__ == "__main__":
    main()
