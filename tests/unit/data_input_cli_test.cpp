// Data in every format through the real command line with the shipped layouts: a GB18030 CSV and
// workbooks with document fields from --set and --document, list fields from line breaks, bad
// workbooks with no output, `check` naming a missing document field once; and gongwen's own
// 一览表 read back to the records it was written from.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "template/format.hpp"
#include "data/record.hpp"
#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using CliRun = gongwen::test::CommandRun;
CliRun gongwen_cli(const std::string& args) { return gongwen::test::run_gongwen(args); }

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
fs::path layout(const char* name) { return gongwen::test::source_dir() / "layouts" / name; }
fs::path fixture(const char* name) { return fs::path(GONGWEN_TEST_DIR) / "fixtures" / name; }

/// Two records for perf-eval-result.toml, list fields written as lines in one cell.
fs::path write_workbook(const fs::path& dir) {
  const fs::path path = dir / "项目.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "2017年度");
  const char* head[] = {"project_name", "budget_wan", "score", "conclusion", "performance", "problems", "suggestions", "rectification"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), head[c], nullptr);
  for (lxw_row_t r = 1; r <= 2; ++r) {
    worksheet_write_string(ws, r, 0, r == 1 ? "信息系统运维" : "数据采集", nullptr);
    worksheet_write_number(ws, r, 1, r == 1 ? 20.645 : 12, nullptr);
    worksheet_write_number(ws, r, 2, r == 1 ? 88.47 : 91.2, nullptr);
    worksheet_write_string(ws, r, 3, r == 1 ? "良好" : "优秀", nullptr);
    worksheet_write_string(ws, r, 4, "按计划开展运维；\n系统运行稳定。", nullptr);
    for (lxw_col_t c = 5; c < 8; ++c) worksheet_write_string(ws, r, c, "无。", nullptr);
  }
  workbook_close(wb);
  return path;
}

}  // namespace

TEST(DataInputCli, Gb18030CsvWithSetRendersTheShippedLayout) {
  const fs::path out = gongwen::test::scratch_path("input-cli-csv");
  const CliRun r = gongwen_cli("render " + q(layout("perf-eval-result.toml")) + " " + q(fixture("csv/gb18030-records.csv")) +
                            " --encoding gb18030 --set 'document.title=[上海市2017年度, 财政支出项目绩效评价结果]' --dump -q -o " + q(out));
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string dump = gongwen::test::read_file(out / "gb18030-records.dump.txt");
  EXPECT_NE(dump.find("上海市2017年度"), std::string::npos);
  // Lines of one cell are the items of a list field: numbered without --list-fields.
  EXPECT_NE(dump.find("1、按计划开展运维；"), std::string::npos) << dump.substr(0, 2000);
  EXPECT_NE(dump.find("2、系统运行稳定。"), std::string::npos);
  EXPECT_NE(dump.find("2、加强宣传。"), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "gb18030-records.pdf"));
}

TEST(DataInputCli, WorkbookWithDocumentFileRendersEveryShippedFormat) {
  const fs::path dir = gongwen::test::scratch_path("input-cli-xlsx");
  fs::create_directories(dir);
  const fs::path book = write_workbook(dir);
  std::ofstream(dir / "doc.toml") << "title = \"2017年度财政支出项目绩效评价结果\"\n";
  const CliRun r = gongwen_cli("render " + q(layout("perf-eval-result.toml")) + " " + q(book) + " --document " + q(dir / "doc.toml") +
                            " --format pdf,xlsx --dump -q -o " + q(dir / "out"));
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string dump = gongwen::test::read_file(dir / "out" / "项目.dump.txt");
  EXPECT_NE(dump.find("2017年度财政支出项目绩效评价结果"), std::string::npos);
  EXPECT_NE(dump.find("20.645"), std::string::npos);
  EXPECT_NE(dump.find("2、系统运行稳定。"), std::string::npos);
  // --set wins over --document; a JSON document file works alike.
  std::ofstream(dir / "doc.json") << R"({"document": {"title": ["甲"]}})";
  const CliRun s = gongwen_cli("render " + q(layout("perf-eval-signoff.toml")) + " " + q(book) + " --document " + q(dir / "doc.json") +
                            " --set 'document.title=乙' --dump -q -o " + q(dir / "out2"));
  EXPECT_EQ(s.status, 0) << s.output;
}

TEST(DataInputCli, MissingDocumentFieldAndBadWorkbooks) {
  const fs::path dir = gongwen::test::scratch_path("input-cli-bad");
  fs::create_directories(dir);
  const fs::path book = write_workbook(dir);
  const CliRun c = gongwen_cli("check " + q(layout("perf-eval-result.toml")) + " " + q(book));
  EXPECT_EQ(c.status, 1);
  size_t count = 0;
  for (size_t at = c.output.find("document.title: missing field"); at != std::string::npos;
       at = c.output.find("document.title: missing field", at + 1))
    ++count;
  EXPECT_EQ(count, 1u) << c.output;  // once, not once per record
  std::ofstream(dir / "bad.xlsx") << "not a zip";
  const CliRun r = gongwen_cli("render " + q(layout("perf-eval-result.toml")) + " " + q(dir / "bad.xlsx") +
                            " --set document.title=x -q -o " + q(dir / "out"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.output, (dir / "bad.xlsx").string() + ": not an XLSX workbook (not a zip archive)\n");
  EXPECT_FALSE(fs::exists(dir / "out" / "bad.pdf"));
  const CliRun u = gongwen_cli("render " + q(layout("perf-eval-result.toml")) + " " + q(book) + " --set title=x -o " + q(dir / "out"));
  EXPECT_EQ(u.status, 2);
  EXPECT_NE(u.output.find("--set needs document.FIELD=VALUE, got 'title=x'"), std::string::npos) << u.output;
}

TEST(DataInputCli, SummarySheetReadsBackToTheRecords) {
  const fs::path out = gongwen::test::scratch_path("input-cli-roundtrip");
  const fs::path data = gongwen::test::source_dir() / "examples/2017-shanghai/records.json";
  const CliRun r = gongwen_cli("render " + q(layout("perf-eval-result.toml")) + " " + q(data) + " --format xlsx -q -o " + q(out));
  ASSERT_EQ(r.status, 0) << r.output;
  // The summary's columns: header → the record field its value template reads.
  const toml::table t = toml::parse_file(layout("perf-eval-result.toml").string());
  std::vector<std::pair<std::string, std::string>> columns;
  const std::regex field(R"(\{\{(\w+))");
  for (const auto& c : *t["xlsx"]["summary"]["columns"].as_array()) {
    const auto& tab = *c.as_table();
    std::smatch m;
    const std::string value = tab["value"].value_or("");
    ASSERT_TRUE(std::regex_search(value, m, field));
    columns.emplace_back(tab["header"].value_or(""), m[1]);
  }
  gongwen::DataOptions o;
  o.sheet = "一览表";
  auto src = gongwen::open_records(out / "records.xlsx", o);
  const json records = gongwen::test::example_records()["records"];
  size_t n = 0;
  while (auto rec = src->next()) {
    ASSERT_LT(n, records.size());
    for (const auto& [header, f] : columns) {
      const json& got = rec->fields.at(header);
      if (f == "index") {
        EXPECT_EQ(got, n + 1);
      } else if (records[n][f].is_number()) {
        // Shown rounded by the column's filter; the cell holds the displayed number.
        ASSERT_TRUE(got.is_number()) << header << ": " << got;
        EXPECT_EQ(gongwen::shortest_decimal(got.get<double>()), gongwen::shortest_decimal(records[n][f].get<double>())) << header;
      } else {
        EXPECT_EQ(got, records[n][f]) << header;
      }
    }
    ++n;
  }
  EXPECT_EQ(n, records.size());  // the title row and the 合计 row are no records
}

namespace {
/// A CSV cell: quoted, quotes doubled; a list of strings becomes one line per item.
std::string csv_cell(const json& v) {
  std::string s;
  if (v.is_string()) s = v.get<std::string>();
  else if (v.is_array())
    for (const json& item : v) s += (s.empty() ? "" : "\n") + item.get<std::string>();
  else if (!v.is_null()) s = v.dump();
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// The shipped example `dir` as a CSV of its records (lists as lines in a cell) and a document
/// file: what an office exporting from Excel has.
std::pair<fs::path, fs::path> example_as_csv(const char* example, const fs::path& out) {
  const json data = json::parse(gongwen::test::read_file(gongwen::test::source_dir() / "examples" / example / "records.json"));
  std::vector<std::string> keys;
  const json records = data.is_array() ? data : data.at("records");
  const json document = data.is_object() ? data.value("document", json::object()) : json::object();
  for (const json& r : records)
    for (auto it = r.begin(); it != r.end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i) text += (i ? "," : "") + keys[i];
  text += "\n";
  for (const json& r : records) {
    for (size_t i = 0; i < keys.size(); ++i) text += (i ? "," : "") + csv_cell(r.value(keys[i], json()));
    text += "\n";
  }
  fs::create_directories(out);
  const fs::path csv = out / (std::string(example) + ".csv"), doc = out / "document.json";
  std::ofstream(csv, std::ios::binary) << text;
  std::ofstream(doc, std::ios::binary) << document.dump();
  return {csv, doc};
}
}  // namespace

// Every shipped layout whose records are flat renders from a CSV export with --document, list
// fields read from the lines of their cells; --set overrides a document field.
TEST(DataInputCli, ShippedLayoutsRenderFromCsvWithDocumentAndSet) {
  const struct {
    const char* layout;
    const char* example;
    const char* probe;  // a record string that must reach the PDF
  } cases[] = {
      {"perf-eval-result.toml", "2017-shanghai", "工商注册数据采集与分析系统运维"},
      {"perf-eval-signoff.toml", "2017-shanghai", "工商注册数据采集与分析系统运维"},
      {"gbt9704-notice.toml", "gbt9704-notice", "评价范围"},
      {"project-list.toml", "project-list", nullptr},
  };
  for (const auto& c : cases) {
    const fs::path dir = gongwen::test::scratch_path(std::string("csv-doc-") + c.layout);
    const auto [csv, doc] = example_as_csv(c.example, dir);
    const CliRun r = gongwen_cli("render " + q(layout(c.layout)) + " " + q(csv) + " --document " + q(doc) +
                                 " --set 'document.title=文件标题测试' -o " + q(dir / "out") + " --format pdf,xlsx -q");
    ASSERT_EQ(r.status, 0) << c.layout << ": " << r.output;
    const fs::path pdf = dir / "out" / (csv.stem().string() + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << c.layout;
    ASSERT_TRUE(fs::exists(dir / "out" / (csv.stem().string() + ".xlsx"))) << c.layout;
    const std::string text = gongwen::test::squash(gongwen::test::run("pdftotext '" + pdf.string() + "' -"));
    if (c.probe) EXPECT_NE(text.find(c.probe), std::string::npos) << c.layout;
    // The title set on the command line replaces the document file's.
    if (std::string(c.example) == "2017-shanghai") EXPECT_NE(text.find("文件标题测试"), std::string::npos) << c.layout;
  }
}
