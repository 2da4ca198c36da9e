// Issue #12's hidden-form audit: forms written against docs/layout-format.md alone, each place
// where the documentation and the behaviour disagreed, through the real command line — render
// and check must agree, errors are located, and the workbook is read back with openpyxl.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gongwen::test::run_gongwen;

namespace {

/// A scratch folder holding `layout.toml` and the data file `data_name`.
fs::path form_dir(const std::string& name, const std::string& layout, const std::string& data_name, const std::string& data) {
  const fs::path d = gongwen::test::scratch_path(name);
  fs::create_directories(d);
  std::ofstream(d / "layout.toml") << layout;
  std::ofstream(d / data_name, std::ios::binary) << data;
  return d;
}

/// Every cell of every sheet as openpyxl reads it (value, cached value of formulas, number
/// format) and the merged ranges: an Excel-independent reader.
constexpr const char* kDump = R"PY(
import json, sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
out = {}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cells[c.coordinate] = {"value": c.value, "cached": cached[ws.title][c.coordinate].value,
                                   "type": c.data_type, "format": c.number_format}
    out[ws.title] = {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
print(json.dumps(out, ensure_ascii=False, default=str))
)PY";

json read_workbook(const fs::path& xlsx) { return gongwen::test::python_json(kDump, xlsx); }

constexpr const char* kParagraph = R"TOML(
[[record.blocks]]
type = "paragraph"
text = "{{name}}"
)TOML";

}  // namespace

// A header or footer is drawn once its page is complete, with no record: a field other than
// {{page}} / {{pages}} used to fail at render time as "footer.text: missing field", without the
// field or a place in the layout. Now a layout error at the key, from render and check alike.
TEST(LayoutAudit, FooterFieldIsALocatedLayoutError) {
  const fs::path d = form_dir("audit-footer", std::string("[footer]\ntext = \"{{name}} 第 {{page}} 页\"\n") + kParagraph,
                              "data.json", R"([{"name": "张三"}])");
  const std::string want = "layout.toml:2:8: footer.text: {{name}}: a header or footer shows only {{page}}, {{pages}}";
  const auto render = run_gongwen("render layout.toml data.json -o out", d);
  EXPECT_EQ(render.status, 1) << render.output;
  EXPECT_NE(render.output.find(want), std::string::npos) << render.output;
  EXPECT_FALSE(fs::exists(d / "out" / "data.pdf"));
  const auto check = run_gongwen("check layout.toml data.json", d);
  EXPECT_NE(check.status, 0);
  EXPECT_NE(check.output.find(want), std::string::npos) << check.output;
}

// `text = ["…", "…"]` (several fixed paragraphs) was "expected a string"; the message now says
// what a paragraph's text is and how to get several paragraphs.
TEST(LayoutAudit, ParagraphTextListSaysHowToGetParagraphs) {
  const fs::path d = form_dir("audit-paralist", "[[record.blocks]]\ntype = \"paragraph\"\ntext = [\"甲\", \"乙\"]\n",
                              "data.json", R"([{"name": "张三"}])");
  const auto r = run_gongwen("render layout.toml data.json -o out", d);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("layout.toml:3:8: record.blocks[0].text: expected one template string"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("one block each"), std::string::npos) << r.output;
}

// `gongwen check` did not render the workbook's own templates: a missing field in
// [xlsx] sheet_name, a summary column or the summary title passed check and failed render.
TEST(LayoutAudit, CheckAndRenderAgreeOnWorkbookTemplates) {
  struct Case {
    std::string xlsx, message;
  };
  const Case cases[] = {
      {"[xlsx]\nsheet_name = \"{{code}}\"\n", "data.json: record 2: code: sheet_name: missing field"},
      {"[[xlsx.summary.columns]]\nheader = \"编号\"\nvalue = \"{{code}}\"\n", "data.json: record 2: code: missing field"},
      {"[xlsx.summary]\ntitle = \"{{document.title}}\"\n[[xlsx.summary.columns]]\nheader = \"姓名\"\nvalue = \"{{name}}\"\n",
       "data.json: document: document.title: missing field"},
  };
  int i = 0;
  for (const Case& c : cases) {
    const fs::path d = form_dir("audit-xlsxcheck-" + std::to_string(i++), kParagraph + c.xlsx, "data.json",
                                R"([{"name": "张三", "code": "A1"}, {"name": "李四"}])");
    const auto render = run_gongwen("render layout.toml data.json -o out --format pdf,xlsx", d);
    EXPECT_EQ(render.status, 1) << c.xlsx << render.output;
    EXPECT_NE(render.output.find(c.message), std::string::npos) << render.output;
    EXPECT_FALSE(fs::exists(d / "out" / "data.xlsx"));
    const auto check = run_gongwen("check layout.toml data.json", d);
    EXPECT_EQ(check.status, 1) << c.xlsx << check.output;
    EXPECT_NE(check.output.find(c.message), std::string::npos) << c.xlsx << check.output;
  }
}

// A summary column with total = true over CSV text ("1286450.5", as every CSV gives) was written
// as text, so its =SUM() was 0 in Excel while the sheet showed the amounts, and number_format
// reached only the totals row. Now such a column holds numbers in its number format.
TEST(LayoutAudit, SummaryTotalsOverCsvTextAreNumbers) {
  const std::string layout = std::string(kParagraph) + R"TOML(
[xlsx.summary]
name = "汇总"
  [[xlsx.summary.columns]]
  header = "编号"
  value = "{{code}}"
  [[xlsx.summary.columns]]
  header = "金额（元）"
  value = "{{amount}}"
  total = true
  number_format = "#,##0.00"
  [[xlsx.summary.columns]]
  header = "评分"
  value = "{{score}}"
)TOML";
  const fs::path d = form_dir("audit-summary-csv", layout, "data.csv",
                              "name,code,amount,score\n甲,0012,1286450.5,92.5\n乙,0013,86200,78\n丙,0014,\"1,000.25\",55\n");
  const auto r = run_gongwen("render layout.toml data.csv -o out --format xlsx", d);
  ASSERT_EQ(r.status, 0) << r.output;
  const json wb = read_workbook(d / "out" / "data.xlsx");
  const json& cells = wb.at("汇总").at("cells");
  EXPECT_EQ(cells.at("B2").at("type"), "n");
  EXPECT_DOUBLE_EQ(cells.at("B2").at("value").get<double>(), 1286450.5);
  EXPECT_EQ(cells.at("B2").at("format"), "#,##0.00");
  EXPECT_DOUBLE_EQ(cells.at("B4").at("value").get<double>(), 1000.25);
  EXPECT_EQ(cells.at("B5").at("value"), "=SUM(B2:B4)");
  EXPECT_NEAR(cells.at("B5").at("cached").get<double>(), 1373650.75, 1e-6);
  // Columns that neither sum nor set a format keep the text as written (leading zeros).
  EXPECT_EQ(cells.at("A2").at("value"), "0012");
  EXPECT_EQ(cells.at("C2").at("value"), "92.5");
}

// The layout's own text in the official blocks (附件说明 label, 版记 words, a fixed 署名, the 版头)
// and in a header or footer was not checked when the layout was read: a character no face covers
// failed at render time without a place ("no font covers …") or was blamed on the data
// ("data.json: record 1: 示例局ก: …"). Now each is a layout error at its key.
TEST(LayoutAudit, OfficialBlockTextIsCheckedAgainstItsFonts) {
  struct Case {
    std::string block, where;
  };
  const Case cases[] = {
      {"type = \"attachments\"\nitems = \"{{name}}\"\nlabel = \"附件ก：\"\n", "layout.toml:10:9: record.blocks[1].label"},
      {"type = \"signature\"\nname = \"示例局ก\"\ndate = \"2024年1月1日\"\n", "layout.toml:9:8: record.blocks[1].name"},
      {"type = \"banji\"\nprinted_by = \"办公室\"\nprinted_on = \"2024年1月1日\"\nprinted_suffix = \"印发ก\"\n",
       "layout.toml:11:18: record.blocks[1].printed_suffix"},
      {"type = \"masthead\"\nmark = \"示例ก文件\"\n", "layout.toml:9:8: record.blocks[1].mark"},
  };
  int i = 0;
  for (const Case& c : cases) {
    const std::string layout = std::string("preset = \"gbt9704\"\n") + kParagraph + "\n[[record.blocks]]\n" + c.block;
    const fs::path d = form_dir("audit-official-text-" + std::to_string(i++), layout, "data.json", R"([{"name": "张三"}])");
    for (const char* cmd : {"render layout.toml data.json -o out", "check layout.toml data.json"}) {
      const auto r = run_gongwen(cmd, d);
      EXPECT_NE(r.status, 0) << cmd << r.output;
      EXPECT_NE(r.output.find(c.where + ": no font covers 'ก' U+0E01"), std::string::npos) << cmd << "\n" << r.output;
      EXPECT_NE(r.output.find("in the layout's own text"), std::string::npos) << r.output;
    }
    EXPECT_FALSE(fs::exists(d / "out" / "data.pdf"));
  }
  const fs::path d = form_dir("audit-footer-text", std::string("[footer]\ntext = \"第{{page}}页ก\"\n") + kParagraph, "data.json",
                              R"([{"name": "张三"}])");
  const auto r = run_gongwen("render layout.toml data.json -o out", d);
  EXPECT_NE(r.output.find("layout.toml:2:8: footer.text: no font covers 'ก' U+0E01"), std::string::npos) << r.output;
}

// checkbox("值") on a multiple choice from CSV: the cell "合同\n发票" (Alt+Enter lines, as the
// doc's lists are) was compared whole, so no box was ever ticked; such a field now reads as
// one item per line, like the fields given to join, numbered or count.
TEST(LayoutAudit, CheckboxChoiceReadsCsvLinesAsItems) {
  const std::string layout = R"TOML(
[[record.blocks]]
type = "paragraph"
text = "{{docs | checkbox(\"合同\")}}合同 {{docs | checkbox(\"发票\")}}发票 {{docs | checkbox(\"质保书\")}}质保书"
)TOML";
  const fs::path d = form_dir("audit-checkbox-csv", layout, "data.csv", "name,docs\n甲,\"合同\n发票\"\n乙,质保书\n");
  const auto r = run_gongwen("render layout.toml data.csv -o out --format pdf", d);
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string pdf = (d / "out" / "data.pdf").string();
  FILE* p = popen(("pdftotext -enc UTF-8 '" + pdf + "' -").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  EXPECT_NE(out.find("☑合同 ☑发票 ☐质保书"), std::string::npos) << out;
  EXPECT_NE(out.find("☐合同 ☐发票 ☑质保书"), std::string::npos) << out;
}

// A running header with the document's title ({{document.title}}, as a 一览表 carries) was
// refused at render time ("header.text: missing field": furniture saw no document fields). It
// reads them now; a missing one is the document data's error, from render and check alike.
TEST(LayoutAudit, HeaderReadsDocumentFields) {
  const std::string layout = std::string("[page]\nmargins = { top = 25, bottom = 25, left = 20, right = 20 }\n") +
                             "[header]\ntext = \"{{document.unit}}资产清单　第 {{page}} 页\"\nplacement = \"right\"\n" +
                             "[document.defaults]\nunit = \"示例市档案馆\"\n" + kParagraph;
  const fs::path d = form_dir("audit-header-document", layout, "data.json",
                              R"({"document": {"unit": "示例市财政局"}, "records": [{"name": "张三"}]})");
  const auto r = run_gongwen("render layout.toml data.json -o out --format pdf", d);
  ASSERT_EQ(r.status, 0) << r.output;
  FILE* p = popen(("pdftotext -enc UTF-8 '" + (d / "out" / "data.pdf").string() + "' -").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  EXPECT_NE(out.find("示例市财政局资产清单"), std::string::npos) << out;  // the data's own document wins

  const fs::path e = form_dir("audit-header-document-missing",
                              std::string("[page]\nmargins = { bottom = 25 }\n[footer]\ntext = \"{{document.unit}} {{page}}\"\n") + kParagraph, "data.json",
                              R"([{"name": "张三"}])");
  const std::string want = "data.json: document: document.unit: footer.text: missing field";
  const auto bad = run_gongwen("render layout.toml data.json -o out --format pdf", e);
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_NE(bad.output.find(want), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(e / "out" / "data.pdf"));
  const auto check = run_gongwen("check layout.toml data.json", e);
  EXPECT_EQ(check.status, 1);
  EXPECT_NE(check.output.find(want), std::string::npos) << check.output;
}

// A header or footer on a page without margins (the default) was drawn off the page, silently.
TEST(LayoutAudit, FurnitureWithoutRoomIsALayoutError) {
  const fs::path d = form_dir("audit-header-room", std::string("[header]\ntext = \"第 {{page}} 页\"\n") + kParagraph,
                              "data.json", R"([{"name": "张三"}])");
  const auto r = run_gongwen("render layout.toml data.json -o out --format pdf", d);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("layout.toml:1:1: header: no room in the top margin (0 mm) for the text"), std::string::npos)
      << r.output;
}

// Tables with aggregates are bound by their own path (rows generated over groups and records):
// `rowspan` counts [[rows]] entries there too, and a span reaching a for_each row covers every
// row it generates; a rowspan cell inside a for_each row is printed once, over all its rows and
// the entries after it. The header span used to cover only the first generated row (the next
// rows shifted one column left: their amount landed in column C), and a rowspan inside a
// for_each row after an aggregate row failed with "table row 6 has more cells than columns".
TEST(LayoutAudit, RowSpansOverAForEachInATableWithAggregates) {
  const std::string layout = R"TOML(
[[record.blocks]]
type = "table"
columns = ["25mm", "30mm", "1fr", "30mm"]
  [[record.blocks.rows]]
  header = true
  cells = [{ text = "项目支出", rowspan = 2 }, "类别", "明细", "金额"]
  [[record.blocks.rows]]
  for_each = "{{items}}"
  cells = ["{{item.cat}}", "{{item.name}}", "{{item.amt | fixed(2)}}"]
  [[record.blocks.rows]]
  cells = [{ text = "合计", colspan = 3 }, "{{sum(amt) | fixed(2)}}"]
  [[record.blocks.rows]]
  for_each = "{{notes}}"
  cells = [{ text = "备注", rowspan = 2 }, { text = "{{item}}", colspan = 3 }]
  [[record.blocks.rows]]
  cells = [{ text = "（完）", colspan = 3 }]
)TOML";
  const fs::path d = form_dir("audit-span-aggregate", layout, "data.json",
                              R"([{"items": [{"cat": "设备", "name": "电脑", "amt": 5000.5}, {"cat": "设备", "name": "打印机", "amt": 1200},
                                              {"cat": "耗材", "name": "纸张", "amt": 300}], "notes": ["甲说明", "乙说明"]}])");
  const auto r = run_gongwen("render layout.toml data.json -o out --format pdf,xlsx", d);
  ASSERT_EQ(r.status, 0) << r.output;
  const json wb = read_workbook(d / "out" / "data.xlsx");
  const json& s = wb.at(wb.begin().key());
  const json& merged = s.at("merged");
  auto has = [&](const char* range) { return std::find(merged.begin(), merged.end(), range) != merged.end(); };
  EXPECT_TRUE(has("A1:A4")) << merged;  // 项目支出 beside the heads and the three items
  EXPECT_EQ(s.at("cells").at("D3").at("value"), 1200);
  EXPECT_EQ(s.at("cells").at("D4").at("value"), 300);
  EXPECT_TRUE(has("A5:C5")) << merged;  // 合计
  EXPECT_TRUE(has("A6:A8")) << merged;  // 备注 over both notes and （完）
  EXPECT_EQ(s.at("cells").at("B7").at("value"), "乙说明");
}

// A for_each row with `when` in a table with aggregates: the rows left out were still summed and
// counted, so the PDF printed 合计（3项）6500.50 over two rows while the workbook's =SUM() of the
// same rows gave 6200.5. Aggregates, {{n}} and 小计 now cover the rows shown.
TEST(LayoutAudit, AggregatesCoverOnlyTheRowsShown) {
  const std::string simple = R"TOML(
[[record.blocks]]
type = "table"
columns = ["12mm", "30mm", "1fr", "30mm"]
  [[record.blocks.rows]]
  for_each = "{{items}}"
  group_by = "{{item.cat}}"
  when = "{{item.shown}}"
  cells = ["{{n}}", "{{item.cat}}", "{{item.name}}", "{{item.amt | fixed(2)}}"]
  [[record.blocks.rows]]
  subtotal = true
  cells = [{ text = "{{group}}小计", colspan = 3 }, "{{sum(amt) | fixed(2)}}"]
  [[record.blocks.rows]]
  cells = [{ text = "合计（{{count()}}项）", colspan = 3 }, "{{sum(amt) | fixed(2)}}"]
)TOML";
  const fs::path d = form_dir("audit-when-aggregate", simple, "data.json",
                              R"([{"items": [{"cat": "设备", "name": "电脑", "amt": 5000.5, "shown": true},
                                              {"cat": "耗材", "name": "纸张", "amt": 300, "shown": false},
                                              {"cat": "设备", "name": "打印机", "amt": 1200, "shown": true}]}])");
  const auto r = run_gongwen("render layout.toml data.json -o out --format pdf,xlsx", d);
  ASSERT_EQ(r.status, 0) << r.output;
  FILE* p = popen(("pdftotext -layout -enc UTF-8 '" + (d / "out" / "data.pdf").string() + "' -").c_str(), "r");
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  pclose(p);
  std::string squashed;
  for (char c : text)
    if (c != ' ' && c != '\n') squashed += c;
  EXPECT_NE(squashed.find("2设备打印机1200.00"), std::string::npos) << text;  // n counts the rows shown
  EXPECT_NE(squashed.find("设备小计6200.50"), std::string::npos) << text;
  EXPECT_EQ(squashed.find("耗材"), std::string::npos) << text;  // no row, no 小计
  EXPECT_NE(squashed.find("合计（2项）6200.50"), std::string::npos) << text;
  const json wb = read_workbook(d / "out" / "data.xlsx");
  const json& cells = wb.at(wb.begin().key()).at("cells");
  EXPECT_NEAR(cells.at("D4").at("cached").get<double>(), 6200.5, 1e-9) << cells;  // 合计 = printed figure
}

// The summary title alone (no columns) writes no 一览表, so check does not ask for its fields.
TEST(LayoutAudit, SummaryTitleWithoutColumnsIsNotChecked) {
  const fs::path d = form_dir("audit-summary-title-only", std::string(kParagraph) + "[xlsx.summary]\ntitle = \"{{document.title}}\"\n",
                              "data.json", R"([{"name": "张三"}])");
  EXPECT_EQ(run_gongwen("render layout.toml data.json -o out --format xlsx", d).status, 0);
  const auto check = run_gongwen("check layout.toml data.json", d);
  EXPECT_EQ(check.status, 0) << check.output;
}
