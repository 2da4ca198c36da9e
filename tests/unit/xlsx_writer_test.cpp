// The XLSX writer end to end: bound documents from the real pipeline (font book, the example
// layout, examples/2017-shanghai/records.json), written, then read back with an independent
// reader (Debian's python3-openpyxl) and checked for what Excel users see and print.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "flow/compose.hpp"
#include "layout/layout.hpp"
#include "test_support.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- reading a workbook back ----------------------------------------------------------------

/// Dumps what the tests look at as JSON. openpyxl is Excel-independent code: if it reads our
/// merges, widths, heights and formats, so do office suites.
constexpr const char* kDumpScript = R"PY(
import json, sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
out = {"sheets": [], "title": wb.properties.title, "subject": wb.properties.subject,
       "keywords": wb.properties.keywords, "created": wb.properties.created.isoformat() if wb.properties.created else None,
       "defined_names": [(d.name, d.localSheetId, d.attr_text) for d in wb.defined_names.definedName]}
def side(s):
    return s.style if s is not None else None
for ws in wb.worksheets:
    cws = cached[ws.title]
    s = {"name": ws.title,
         "merges": sorted(str(r) for r in ws.merged_cells.ranges),
         "cols": [{"min": d.min, "max": d.max, "width": d.width} for d in ws.column_dimensions.values() if d.customWidth],
         "rows": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None},
         "paper": ws.page_setup.paperSize, "orientation": ws.page_setup.orientation,
         "fit_width": ws.page_setup.fitToWidth, "fit_height": ws.page_setup.fitToHeight,
         "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
         "centered": bool(ws.print_options.horizontalCentered),
         "margins": [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom,
                     ws.page_margins.header, ws.page_margins.footer],
         "print_title_rows": ws.print_title_rows,
         "freeze": ws.freeze_panes, "autofilter": ws.auto_filter.ref,
         "row_breaks": [b.id for b in ws.row_breaks.brk],
         "footer": ws.oddFooter.center.text, "cells": []}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            s["cells"].append({"ref": c.coordinate, "row": c.row, "col": c.column, "value": c.value,
                               "cached": cws[c.coordinate].value, "type": c.data_type, "format": c.number_format,
                               "font": c.font.name, "size": c.font.sz, "bold": bool(c.font.b),
                               "wrap": bool(c.alignment.wrap_text), "h": c.alignment.horizontal, "v": c.alignment.vertical,
                               "border": [side(c.border.left), side(c.border.right), side(c.border.top), side(c.border.bottom)]})
    out["sheets"].append(s)
print(json.dumps(out, ensure_ascii=False, default=str))
)PY";

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(command + " failed:\n" + out);
  return out;
}

/// This process's scratch folder, removed when the tests end.
fs::path scratch_dir() {
  struct Dir {
    fs::path path = fs::temp_directory_path() / ("gongwen-xlsx-test-" + std::to_string(::getpid()));
    ~Dir() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  };
  static const Dir dir;
  fs::create_directories(dir.path);
  return dir.path;
}

json read_workbook(const fs::path& xlsx) {
  const fs::path script = scratch_dir() / "dump.py";
  if (!fs::exists(script)) std::ofstream(script) << kDumpScript;
  return json::parse(run("/usr/bin/python3 '" + script.string() + "' '" + xlsx.string() + "'"));
}

const json& sheet(const json& wb, const std::string& name) {
  for (const json& s : wb["sheets"])
    if (s["name"] == name) return s;
  throw std::runtime_error("no sheet " + name);
}

const json* find_cell(const json& s, const std::function<bool(const json&)>& pred) {
  for (const json& c : s["cells"])
    if (pred(c)) return &c;
  return nullptr;
}

/// Column width in pt as Excel draws it from the stored width (which includes the 5 px padding).
double col_pt(const json& s, int col) {
  for (const json& d : s["cols"])
    if (d["min"].get<int>() <= col && col <= d["max"].get<int>()) return std::floor(d["width"].get<double>() * 7 + 0.5) * 0.75;
  return 64 * 0.75;
}

double row_pt(const json& s, int row) {
  auto it = s["rows"].find(std::to_string(row));
  return it == s["rows"].end() ? 15.0 : it->get<double>();
}

/// An independent, deliberately simple estimate of the height a wrapped cell needs: CJK = one
/// em, anything else 0.55 em, 1.2 × size per line (as check-xlsx estimates, but required whole).
double estimated_need(const std::string& text, double size, double width_pt) {
  double lines = 0;
  std::stringstream ss(text);
  for (std::string para; std::getline(ss, para, '\n');) {
    std::u32string u;
    for (size_t i = 0; i < para.size();) {
      unsigned char c = static_cast<unsigned char>(para[i]);
      int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      u.push_back(c < 0x80 ? c : 0x4E00);  // only the width class matters here
      i += static_cast<size_t>(n);
    }
    double w = 0;
    for (char32_t cp : u) w += cp < 0x80 ? 0.55 * size : size;
    lines += std::max(1.0, std::ceil(w / std::max(width_pt, 1.0)));
  }
  return lines * size * 1.2;
}

/// Every wrapped text cell sits in rows (summed over its merge) tall enough for its text.
void expect_rows_hold_text(const json& s) {
  std::map<std::pair<int, int>, std::array<int, 4>> merges;  // top-left → r0, c0, r1, c1
  const std::regex range(R"(([A-Z]+)(\d+):([A-Z]+)(\d+))");
  auto col_index = [](const std::string& letters) {
    int n = 0;
    for (char ch : letters) n = n * 26 + (ch - 'A' + 1);
    return n;
  };
  for (const json& m : s["merges"]) {
    std::smatch mm;
    const std::string text = m.get<std::string>();
    ASSERT_TRUE(std::regex_match(text, mm, range)) << text;
    const int r0 = std::stoi(mm[2]), c0 = col_index(mm[1]), r1 = std::stoi(mm[4]), c1 = col_index(mm[3]);
    merges[{r0, c0}] = {r0, c0, r1, c1};
  }
  for (const json& c : s["cells"]) {
    if (c["type"] != "s" || !c["wrap"].get<bool>()) continue;
    const int r = c["row"], col = c["col"];
    std::array<int, 4> box{r, col, r, col};
    if (auto it = merges.find({r, col}); it != merges.end()) box = it->second;
    double width = -4, have = 0;
    for (int j = box[1]; j <= box[3]; ++j) width += col_pt(s, j);
    for (int i = box[0]; i <= box[2]; ++i) have += row_pt(s, i);
    const double need = estimated_need(c["value"], c["size"], width);
    EXPECT_GE(have, need) << s["name"] << "!" << c["ref"] << " holds " << c["value"];
  }
}

// ---- building documents through the real pipeline -------------------------------------------

/// The example layout without any [xlsx] section it may have, so each test states its own.
std::string example_layout_without_xlsx() {
  std::ifstream in(test::source_dir() / "layouts" / "perf-eval-result.toml");
  std::string out, line;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.starts_with("[")) skipping = line.starts_with("[xlsx") || line.starts_with("[[xlsx");
    if (!skipping) out += line + "\n";
  }
  return out;
}

constexpr const char* kXlsxSection = R"TOML(
[xlsx]
sheet_name = "表{{index}}"
max_record_sheets = MAX

[xlsx.summary]
name = "一览表"
title = "{{document.title | join(\"\")}}"
total_label = "合计"
style = "value"
header_style = "label"

[[xlsx.summary.columns]]
header = "序号"
value = "{{index}}"

[[xlsx.summary.columns]]
header = "项目名称"
value = "{{project_name}}"

[[xlsx.summary.columns]]
header = "预算金额（万元）"
value = "{{budget_wan | decimals(2, 4)}}"
total = true

[[xlsx.summary.columns]]
header = "评价分值"
value = "{{score | fixed(2)}}分"

[[xlsx.summary.columns]]
header = "评价结论"
value = "{{conclusion}}"
)TOML";

struct Bound {
  std::shared_ptr<const Layout> layout;
  json data;
  BoundDocument doc;
};

json example_records() {
  std::ifstream in(test::source_dir() / "examples" / "2017-shanghai" / "records.json");
  if (!in) {  // the example is written by someone else; a record of our own meanwhile
    return json::parse(R"({"document": {"title": ["测试标题"]}, "records": [{"project_name": "测试项目",
      "budget_wan": 20.645, "score": 88.47, "conclusion": "良好", "performance": ["通过项目实施，完成了任务。"]}]})");
  }
  return json::parse(in);
}

std::unique_ptr<Bound> bind_example(json data, size_t max_record_sheets = 2000, const std::string& sheet_name = "") {
  std::string toml = example_layout_without_xlsx();
  std::string section = kXlsxSection;
  section.replace(section.find("MAX"), 3, std::to_string(max_record_sheets));
  const std::string default_name = "\"表{{index}}\"";
  if (!sheet_name.empty()) section.replace(section.find(default_name), default_name.size(), "\"" + sheet_name + "\"");
  const fs::path file = scratch_dir() / "layout.toml";
  std::ofstream(file) << toml << section;
  auto b = std::make_unique<Bound>();
  b->layout = load_layout(file, test::fonts());
  b->data = std::move(data);
  DocumentInput in;
  in.document = &b->data["document"];
  for (size_t i = 0; i < b->data["records"].size(); ++i) {
    in.records.push_back(&b->data["records"][i]);
    in.indices.push_back(i + 1);
  }
  in.data_name = "records.json";
  in.creation_time = creation_time(*b->layout);
  b->doc = bind_document(*b->layout, in);
  return b;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// ---- the example workbook -------------------------------------------------------------------

class XlsxExample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bound_ = bind_example(example_records()).release();
    path_ = new fs::path(scratch_dir() / "example.xlsx");
    write_xlsx(*bound_->layout, bound_->doc, test::fonts(), *path_);
    wb_ = new json(read_workbook(*path_));
  }
  static void TearDownTestSuite() {
    delete wb_;
    delete path_;
    delete bound_;
  }
  static Bound* bound_;
  static fs::path* path_;
  static json* wb_;
};
Bound* XlsxExample::bound_ = nullptr;
fs::path* XlsxExample::path_ = nullptr;
json* XlsxExample::wb_ = nullptr;

TEST_F(XlsxExample, SummaryFirstThenOneSheetPerRecord) {
  std::vector<std::string> names;
  for (const json& s : (*wb_)["sheets"]) names.push_back(s["name"]);
  ASSERT_EQ(names.size(), bound_->doc.records.size() + 1);
  EXPECT_EQ(names[0], "一览表");
  for (size_t i = 1; i < names.size(); ++i) EXPECT_EQ(names[i], "表" + std::to_string(i));
}

TEST_F(XlsxExample, RecordSheetMirrorsTheTable) {
  // 表2: the first sheet opens with the front matter (xlsx_blocks_test), the others with the caption.
  const json& s = sheet(*wb_, "表2");
  // Caption merged across both columns, in 黑体 三号.
  EXPECT_NE(std::find(s["merges"].begin(), s["merges"].end(), "A1:B1"), s["merges"].end());
  const json* caption = find_cell(s, [](const json& c) { return c["ref"] == "A1"; });
  ASSERT_NE(caption, nullptr);
  EXPECT_EQ((*caption)["value"], "绩效评价结果信息表 2");
  EXPECT_EQ((*caption)["font"], "黑体");
  EXPECT_EQ((*caption)["size"], 16);
  // Columns: 30 mm and the rest of the 156 mm type area, within a pixel.
  EXPECT_NEAR(col_pt(s, 1), 30 * 72 / 25.4, 0.75);
  EXPECT_NEAR(col_pt(s, 2), 126 * 72 / 25.4, 0.75);
  // Labels in 黑体, centred; values in 仿宋_GB2312; borders outer medium / inner thin.
  const json* label = find_cell(s, [](const json& c) { return c["value"] == "项目名称"; });
  ASSERT_NE(label, nullptr);
  EXPECT_EQ((*label)["font"], "黑体");
  EXPECT_EQ((*label)["size"], 14);
  EXPECT_EQ((*label)["h"], "center");
  EXPECT_EQ((*label)["v"], "center");
  EXPECT_EQ((*label)["border"], json::array({"medium", "thin", "medium", "thin"}));
  const json* name = find_cell(s, [](const json& c) { return c["ref"] == "B2"; });
  ASSERT_NE(name, nullptr);
  EXPECT_EQ((*name)["value"], bound_->data["records"][1]["project_name"]);
  EXPECT_EQ((*name)["font"], "仿宋_GB2312");
  EXPECT_TRUE((*name)["wrap"].get<bool>());
  EXPECT_EQ((*name)["border"], json::array({"thin", "medium", "medium", "thin"}));
  // Numbered paragraphs: one cell, paragraphs on their own lines, first-line indent as 　　.
  const json* perf = find_cell(s, [](const json& c) { return c["type"] == "s" && c["value"].get<std::string>().starts_with("\u3000\u30001、"); });
  ASSERT_NE(perf, nullptr);
  EXPECT_EQ((*perf)["v"], "top");
  EXPECT_NE((*perf)["value"].get<std::string>().find("\n\u3000\u30002、"), std::string::npos);
}

TEST_F(XlsxExample, RowsAreTallEnoughForTheirText) {
  for (const json& s : (*wb_)["sheets"]) expect_rows_hold_text(s);
}

TEST_F(XlsxExample, NumbersAreStoredAsNumbersWithTheirFormat) {
  const json& rec = bound_->data["records"][0];
  const json& s = sheet(*wb_, "表1");
  const json* budget = find_cell(s, [&](const json& c) { return c["type"] == "n" && c["value"] == rec["budget_wan"]; });
  ASSERT_NE(budget, nullptr);
  if (rec["budget_wan"] == 20.645) {
    EXPECT_EQ((*budget)["format"], "0.000\"万元\"");
  }
  const json* score = find_cell(s, [&](const json& c) { return c["type"] == "n" && c["value"] == rec["score"]; });
  ASSERT_NE(score, nullptr);
  EXPECT_EQ((*score)["format"], "0.00\"分\"");
  EXPECT_EQ((*score)["h"], "left");
}

TEST_F(XlsxExample, SummaryHasTypedRowsAndASumFormula) {
  const json& s = sheet(*wb_, "一览表");
  const size_t n = bound_->doc.records.size();
  EXPECT_EQ(s["freeze"], "A3");
  EXPECT_EQ(s["autofilter"], "A2:E" + std::to_string(2 + n));
  EXPECT_NE(std::find(s["merges"].begin(), s["merges"].end(), "A1:E1"), s["merges"].end());
  const json* title = find_cell(s, [](const json& c) { return c["ref"] == "A1"; });
  ASSERT_NE(title, nullptr);
  EXPECT_EQ((*title)["value"], bound_->doc.meta.title);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    const json& rec = bound_->data["records"][i];
    const std::string row = std::to_string(3 + i);
    const json* budget = find_cell(s, [&](const json& c) { return c["ref"] == "C" + row; });
    ASSERT_NE(budget, nullptr);
    EXPECT_EQ((*budget)["type"], "n");
    EXPECT_DOUBLE_EQ((*budget)["value"].get<double>(), rec["budget_wan"].get<double>());
    sum += rec["budget_wan"].get<double>();
    const json* score = find_cell(s, [&](const json& c) { return c["ref"] == "D" + row; });
    ASSERT_NE(score, nullptr);
    EXPECT_EQ((*score)["type"], "n");
    EXPECT_EQ((*score)["format"], "0.00\"分\"");
  }
  const std::string total_row = std::to_string(3 + n);
  const json* label = find_cell(s, [&](const json& c) { return c["ref"] == "A" + total_row; });
  ASSERT_NE(label, nullptr);
  EXPECT_EQ((*label)["value"], "合计");
  const json* total = find_cell(s, [&](const json& c) { return c["ref"] == "C" + total_row; });
  ASSERT_NE(total, nullptr);
  EXPECT_EQ((*total)["value"], "=SUM(C3:C" + std::to_string(2 + n) + ")");
  EXPECT_NEAR((*total)["cached"].get<double>(), sum, 1e-9);
  EXPECT_EQ(s["print_title_rows"], "$1:$2");
}

TEST_F(XlsxExample, PrintSetupMatchesThePdf) {
  const double in = 1 / 25.4;
  for (const json& s : (*wb_)["sheets"]) {
    SCOPED_TRACE(s["name"].get<std::string>());
    EXPECT_EQ(s["paper"].dump(), "9");  // A4
    EXPECT_TRUE(s["fit_to_page"].get<bool>());
    EXPECT_TRUE(s["fit_width"].is_null() || s["fit_width"] == 1);  // 1 is the default, left out
    EXPECT_EQ(s["fit_height"], 0);
    EXPECT_TRUE(s["centered"].get<bool>());
    EXPECT_EQ(s["footer"], "第 &P 页 共 &N 页");
    if (s["name"] == "一览表") continue;
    EXPECT_EQ(s["orientation"], "portrait");
    EXPECT_NEAR(s["margins"][0].get<double>(), 28 * in, 1e-6);
    EXPECT_NEAR(s["margins"][1].get<double>(), 26 * in, 1e-6);
    EXPECT_NEAR(s["margins"][2].get<double>(), 37 * in, 1e-6);
    EXPECT_NEAR(s["margins"][3].get<double>(), 35 * in, 1e-6);
    // The caption repeats (on 表1 it follows the front matter's title and space).
    EXPECT_EQ(s["print_title_rows"], s["name"] == "表1" ? "$3:$3" : "$1:$1");
  }
}

TEST_F(XlsxExample, PropertiesComeFromTheDocument) {
  EXPECT_EQ((*wb_)["title"], bound_->doc.meta.title);
  EXPECT_FALSE((*wb_)["title"].get<std::string>().empty());
  EXPECT_EQ((*wb_)["subject"], "财政支出项目绩效评价结果");
  EXPECT_EQ((*wb_)["created"], "2018-06-30T00:00:00");
}

// ---- more documents ----------------------------------------------------------------------------

const json kDocument = {{"title", json::array({"测试文档"})}};

json one_record(json fields) {
  json rec = {{"project_name", "项目"}, {"budget_wan", 20.645}, {"score", 88.47}, {"conclusion", "良好"},
              {"performance", json::array({"完成了任务。"})}, {"problems", json::array()},
              {"suggestions", json::array()}, {"rectification", json::array()}};
  for (auto& [k, v] : fields.items()) rec[k] = v;
  return rec;
}

TEST(XlsxWriter, FormulaLookingTextStaysText) {
  json data = {{"document", {{"title", json::array({"标题"})}}}, {"records", json::array()}};
  for (const char* s : {"=1+2", "+SUM(A1)", "-5", "@cmd", "=HYPERLINK(\"http://x\")", "_x0041_"})
    data["records"].push_back(one_record({{"project_name", s}, {"conclusion", s}}));
  auto b = bind_example(data);
  const fs::path out = scratch_dir() / "formulas.xlsx";
  write_xlsx(*b->layout, b->doc, test::fonts(), out);
  const json wb = read_workbook(out);
  for (size_t i = 0; i < data["records"].size(); ++i) {
    const json& s = sheet(wb, "表" + std::to_string(i + 1));
    const std::string want = data["records"][i]["project_name"];
    // Right of the 项目名称 label (on 表1 the front matter's title comes first).
    const json* label = find_cell(s, [](const json& x) { return x["value"] == "项目名称"; });
    ASSERT_NE(label, nullptr);
    const json* c = find_cell(s, [&](const json& x) { return x["row"] == (*label)["row"] && x["col"] == 2; });
    ASSERT_NE(c, nullptr);
    EXPECT_EQ((*c)["type"], "s") << want;
    EXPECT_EQ((*c)["value"], want);
  }
  // Readers decode _xHHHH_ in strings, so a literal one has its underscore escaped (_x005F_).
  EXPECT_NE(run("unzip -p '" + out.string() + "' xl/sharedStrings.xml").find("_x005F_x0041_"), std::string::npos);
  const std::string xml = run("unzip -p '" + out.string() + "' xl/worksheets/sheet2.xml");
  EXPECT_EQ(xml.find("<f>"), std::string::npos) << "a record sheet holds a formula";
}

TEST(XlsxWriter, HostileAndDuplicateSheetNamesAreMadeValid) {
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "评";
  json data = {{"document", kDocument}, {"records", json::array()}};
  for (std::string s : {std::string("a/b:c*?[x]"), long_name, long_name, std::string("'History'"), std::string("一览表")})
    data["records"].push_back(one_record({{"project_name", s}}));
  auto b = bind_example(data, 2000, "{{project_name}}");
  const fs::path out = scratch_dir() / "names.xlsx";
  write_xlsx(*b->layout, b->doc, test::fonts(), out);
  const json wb = read_workbook(out);
  std::vector<std::string> names;
  for (const json& s : wb["sheets"]) names.push_back(s["name"]);
  ASSERT_EQ(names.size(), 6u);
  EXPECT_EQ(names[1], "a_b_c___x_");
  EXPECT_EQ(names[2], long_name.substr(0, 31 * 3));
  EXPECT_EQ(names[3], long_name.substr(0, 27 * 3) + " (2)");
  EXPECT_EQ(names[4], "History (2)");
  EXPECT_EQ(names[5], "一览表 (2)");
}

TEST(XlsxWriter, TwoRunsAreByteIdentical) {
  auto b = bind_example(example_records());
  const fs::path a = scratch_dir() / "same-a.xlsx", c = scratch_dir() / "same-b.xlsx";
  write_xlsx(*b->layout, b->doc, test::fonts(), a);
  // Across a clock second: nothing in the file may come from the clock.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_xlsx(*b->layout, b->doc, test::fonts(), c);
  const std::string x = slurp(a), y = slurp(c);
  ASSERT_FALSE(x.empty());
  EXPECT_TRUE(x == y) << "the two workbooks differ";
  // And an unset creation time is pinned, not "now".
  BoundDocument doc = b->doc;
  doc.meta.creation_time = 0;
  write_xlsx(*b->layout, doc, test::fonts(), a);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_xlsx(*b->layout, doc, test::fonts(), c);
  EXPECT_TRUE(slurp(a) == slurp(c));
}

TEST(XlsxWriter, LongParagraphsGetTallRowsSplitBelow409pt) {
  // 16 paragraphs of ~300 characters: ~200 lines of 14 pt text, far beyond one 409 pt row.
  json paras = json::array();
  std::string sentence = "通过项目实施，运行维护工作按计划开展，每月定期对系统数据库服务器和分析系统应用服务器进行巡检，并形成了12份巡检报告。";
  for (int i = 0; i < 16; ++i) {
    std::string p;
    for (int k = 0; k < 5; ++k) p += sentence;
    paras.push_back(p);
  }
  json data = {{"document", kDocument}, {"records", json::array({one_record({{"performance", paras}})})}};
  auto b = bind_example(data);
  const fs::path out = scratch_dir() / "long.xlsx";
  write_xlsx(*b->layout, b->doc, test::fonts(), out);
  const json wb = read_workbook(out);
  const json& s = sheet(wb, "表1");
  expect_rows_hold_text(s);
  // The label 主要绩效 is merged down over the rows holding the pieces.
  const json* label = find_cell(s, [](const json& c) { return c["value"] == "主要绩效"; });
  ASSERT_NE(label, nullptr);
  const int first = (*label)["row"];
  int last = first;
  for (const json& m : s["merges"]) {
    const std::string t = m;
    if (t.starts_with("A" + std::to_string(first) + ":A")) last = std::stoi(t.substr(t.find(":A") + 2));
  }
  ASSERT_GT(last, first) << "no vertical merge for the label";
  std::string joined;
  for (int r = first; r <= last; ++r) {
    EXPECT_LE(row_pt(s, r), 409.0);
    EXPECT_GT(row_pt(s, r), 100.0) << "row " << r;
    const json* piece = find_cell(s, [&](const json& c) { return c["ref"] == "B" + std::to_string(r); });
    ASSERT_NE(piece, nullptr) << "row " << r;
    joined += piece->at("value").get<std::string>() + "\n";
  }
  // Nothing lost or repeated: the pieces are the paragraphs, in order.
  std::string want;
  for (int i = 0; i < 16; ++i) want += "\u3000\u3000" + std::to_string(i + 1) + "、" + paras[i].get<std::string>() + "\n";
  auto strip = [](std::string t) {
    std::erase(t, '\n');
    return t;
  };
  EXPECT_EQ(strip(joined), strip(want));
  // The sheet prints on several pages, broken by us between rows.
  EXPECT_FALSE(s["row_breaks"].empty());
}

TEST(XlsxWriter, LargeBatchesWriteOnlyTheSummaryInConstantMemory) {
  json data = example_records();
  while (data["records"].size() < 5) data["records"].push_back(data["records"][0]);
  auto b = bind_example(data, /*max_record_sheets=*/2);
  const fs::path out = scratch_dir() / "batch.xlsx";
  write_xlsx(*b->layout, b->doc, test::fonts(), out);
  const json wb = read_workbook(out);
  ASSERT_EQ(wb["sheets"].size(), 1u);
  const json& s = wb["sheets"][0];
  EXPECT_TRUE(s["merges"].empty());  // no merges in constant-memory mode
  const json* title = find_cell(s, [](const json& c) { return c["ref"] == "A1"; });
  ASSERT_NE(title, nullptr);
  EXPECT_EQ((*title)["h"], "centerContinuous");
  const size_t n = data["records"].size();
  const json* total = find_cell(s, [&](const json& c) { return c["ref"] == "C" + std::to_string(3 + n); });
  ASSERT_NE(total, nullptr);
  EXPECT_EQ((*total)["value"], "=SUM(C3:C" + std::to_string(2 + n) + ")");
  expect_rows_hold_text(s);
}

TEST(XlsxWriter, FailuresLeaveNoFileBehind) {
  auto b = bind_example(example_records());
  // A folder that does not exist: an Io error naming the file, nothing created.
  const fs::path missing = scratch_dir() / "no-such-dir" / "out.xlsx";
  try {
    write_xlsx(*b->layout, b->doc, test::fonts(), missing);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(std::string(e.what()).find("out.xlsx"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(missing.parent_path()));
  // A render error half-way: the previous file stays as it was, no temporary file remains.
  const fs::path dir = scratch_dir() / "keep";
  fs::create_directories(dir);
  const fs::path target = dir / "out.xlsx";
  std::ofstream(target) << "previous";
  json data = {{"document", kDocument}, {"records", json::array({one_record({{"project_name", std::string(40000, 'x')}})})}};
  auto bad = bind_example(data);  // 40 000 characters: over Excel's cell limit in the summary
  EXPECT_THROW(write_xlsx(*bad->layout, bad->doc, test::fonts(), target), Error);
  EXPECT_EQ(slurp(target), "previous");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
}

}  // namespace
}  // namespace gongwen
