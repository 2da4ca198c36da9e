// Tables over all records and their aggregates: exact decimals, groups with 小计 and a 合计, in
// the bound model, in the PDF (read back with pdftotext, header on every page) and in the
// workbook (formulas and cached values read back with openpyxl and re-evaluated here). The
// expected figures are computed independently from the data, in integer units.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "template/decimal.hpp"
#include "core/error.hpp"
#include "flow/compose.hpp"
#include "layout/layout.hpp"
#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gongwen {
namespace {

using CliRun = test::CommandRun;
CliRun cli(const std::string& args, const fs::path& dir) { return test::run_gongwen(args, dir); }

// ---- Decimal -------------------------------------------------------------------------------

TEST(Decimal, SumsExactly) {
  const Decimal a = *Decimal::parse("0.1"), b = *Decimal::parse("0.2");
  EXPECT_EQ((a + b).text(), "0.3");
  Decimal s;
  for (int i = 0; i < 100000; ++i) s = s + a;  // a double drifts to 10000.000000018848
  EXPECT_EQ(s.text(), "10000.0");
  EXPECT_EQ((*Decimal::parse("1,234.5") + *Decimal::parse("-0.55")).text(), "1233.95");
  EXPECT_EQ((*Decimal::parse("1.5e3")).text(), "1500");
  EXPECT_FALSE(Decimal::parse("abc"));
}

TEST(Decimal, DividesAndCompares) {
  EXPECT_EQ(Decimal::parse("262.45")->divided(3, 4).text(), "87.4833");
  EXPECT_EQ(Decimal::parse("2")->divided(3, 2).text(), "0.67");
  EXPECT_EQ(Decimal::parse("-2")->divided(3, 2).text(), "-0.67");
  EXPECT_LT(Decimal::parse("81.87")->compare(*Decimal::parse("81.870001")), 0);
  EXPECT_EQ(Decimal::parse("5.10")->compare(*Decimal::parse("5.1")), 0);
  EXPECT_THROW(*Decimal::parse("999999999999999999999999999999999999") + *Decimal::parse("1"), std::overflow_error);
}

// ---- binding --------------------------------------------------------------------------------

std::shared_ptr<const Layout> layout_from(const std::string& toml, const std::string& name) {
  const fs::path dir = test::scratch_path(name);
  fs::create_directories(dir);
  std::ofstream(dir / "layout.toml") << toml;
  return load_layout(dir / "layout.toml", test::fonts());
}

const char* kGrouped = R"(
[[back]]
type = "table"
columns = ["10mm", "1fr", "30mm"]
  [[back.rows]]
  header = true
  cells = ["序号", "部门", "金额"]
  [[back.rows]]
  for_each = "{{records}}"
  group_by = "{{item.dep}}"
  cells = ["{{n}}", "{{item.dep}}", "{{item.amount}}"]
  [[back.rows]]
  subtotal = true
  cells = [{ text = "{{group}}小计{{count()}}", colspan = 2 }, "{{sum(amount) | fixed(2)}}"]
  [[back.rows]]
  cells = [{ text = "合计{{count()}}", colspan = 2 }, "{{sum(amount) | fixed(2)}}"]
)";

std::vector<std::string> row_texts(const BoundTable& t, int row) {
  std::vector<std::string> out;
  for (const BoundCell& c : t.cells)
    if (c.row == row) out.push_back(c.paragraphs.empty() ? "" : c.paragraphs.front());
  return out;
}

TEST(RecordTable, GroupsSubtotalsAndExactTotals) {
  auto layout = layout_from(kGrouped, "rt-grouped");
  const json recs = json::parse(R"([{"dep":"甲","amount":0.1},{"dep":"乙","amount":"5"},{"dep":"甲","amount":0.2},
                                    {"dep":"乙","amount":null}])");
  DocumentInput in;
  const json doc = json::object();
  in.document = &doc;
  in.data_name = "d.json";
  for (const auto& r : recs) in.records.push_back(&r);
  const BoundDocument b = bind_head(*layout, in);
  ASSERT_EQ(b.back.blocks.size(), 1u);
  const auto& t = std::get<BoundTable>(b.back.blocks[0]);
  ASSERT_EQ(t.rows.size(), 8u);  // header, 甲 ×2, 小计, 乙 ×2, 小计, 合计
  EXPECT_EQ(row_texts(t, 1), (std::vector<std::string>{"1", "甲", "0.1"}));
  EXPECT_EQ(row_texts(t, 2), (std::vector<std::string>{"2", "甲", "0.2"}));
  EXPECT_EQ(row_texts(t, 3), (std::vector<std::string>{"甲小计2", "0.30"}));
  EXPECT_EQ(row_texts(t, 4), (std::vector<std::string>{"3", "乙", "5"}));
  EXPECT_EQ(row_texts(t, 6), (std::vector<std::string>{"乙小计2", "5.00"}));  // the null is skipped
  EXPECT_EQ(row_texts(t, 7), (std::vector<std::string>{"合计4", "5.30"}));
  // The 合计's formula covers every item row and skips the 小计 rows (SUBTOTAL).
  const BoundCell* total = nullptr;
  for (const auto& c : t.cells)
    if (c.row == 7 && c.aggregate) total = &c;
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->aggregate->first_row, 1);
  EXPECT_EQ(total->aggregate->last_row, 6);
  EXPECT_TRUE(total->aggregate->nested);
  EXPECT_EQ(total->aggregate->column, 2);
}

TEST(RecordTable, DocumentListsAndMinMaxAvg) {
  auto layout = layout_from(R"(
[[front]]
type = "table"
columns = ["1fr", "1fr"]
  [[front.rows]]
  for_each = "{{document.items}}"
  cells = ["{{n}}", "{{item.v}}"]
  [[front.rows]]
  cells = ["{{min(v)}}～{{max(v)}}", "{{avg(v) | fixed(3)}}"]
)", "rt-doc-list");
  const json doc = json::parse(R"({"items": [{"v": 2.5}, {"v": "-1.25"}, {"v": 10}]})");
  DocumentInput in;
  in.document = &doc;
  in.data_name = "d.json";
  const BoundDocument b = bind_head(*layout, in);
  const auto& t = std::get<BoundTable>(b.front.blocks.at(0));
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(row_texts(t, 1), (std::vector<std::string>{"2", "-1.25"}));
  EXPECT_EQ(row_texts(t, 3), (std::vector<std::string>{"-1.25～10", "3.750"}));  // 11.25 / 3
}

TEST(RecordTable, AggregateErrorsNameRecordAndField) {
  auto layout = layout_from(R"(
[[back]]
type = "table"
columns = ["1fr", "1fr"]
  [[back.rows]]
  for_each = "{{records}}"
  cells = ["{{n}}", "{{item.name}}"]
  [[back.rows]]
  cells = ["合计", "{{sum(amount)}}"]
)", "rt-errors");
  const json doc = json::object();
  auto bind = [&](const json& recs) {
    DocumentInput in;
    in.document = &doc;
    in.data_name = "d.json";
    for (const auto& r : recs) in.records.push_back(&r);
    bind_head(*layout, in);
  };
  auto message = [&](const json& recs) {
    try {
      bind(recs);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Data);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(json::parse(R"([{"name":"a","amount":1},{"name":"b"}])")), "d.json: record 2: amount: missing field (sum)");
  EXPECT_EQ(message(json::parse(R"([{"name":"a","amount":"待定"}])")), "d.json: record 1: amount: sum needs a number, got string \"待定\"");
  EXPECT_EQ(message(json::parse(R"([{"name":"a","amount":"999999999999999999999999999999999999"},{"name":"b","amount":1}])")),
            "d.json: record 2: amount: number too large for exact decimal arithmetic (36 digits)");
}

TEST(RecordTable, AggregatesNeedAForEachRowAbove) {
  try {
    layout_from(R"(
[[back]]
type = "table"
columns = ["1fr"]
  [[back.rows]]
  cells = ["{{sum(amount)}}"]
)", "rt-no-rows");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Layout);
    EXPECT_NE(std::string(e.what()).find("layout.toml:6:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("need a for_each row above them"), std::string::npos) << e.what();
  }
  EXPECT_THROW(layout_from("[[front]]\ntype = \"paragraph\"\ntext = \"{{total(x)}}\"\n", "rt-unknown-fn"), Error);
}

// ---- the shipped 一览表, end to end ----------------------------------------------------------------

/// Independent figures: amounts in 10⁻⁴ 万元 and scores in 10⁻² points, as integers.
struct Expected {
  struct Group {
    std::string dep;
    long long amount = 0, score = 0, n = 0;
  };
  std::vector<Group> groups;  // in order of first appearance
  long long amount = 0, score = 0, n = 0;
  std::vector<std::string> names;
};

Expected expected_figures(const json& data) {
  Expected e;
  std::map<std::string, size_t> at;
  for (const auto& r : data["records"]) {
    const std::string dep = r["department"];
    if (!at.count(dep)) {
      at[dep] = e.groups.size();
      e.groups.push_back({dep});
    }
    auto& g = e.groups[at[dep]];
    const long long a = std::llround(r["budget_wan"].get<double>() * 10000), s = std::llround(r["score"].get<double>() * 100);
    g.amount += a, g.score += s, ++g.n;
    e.amount += a, e.score += s, ++e.n;
    e.names.push_back(r["project_name"]);
  }
  return e;
}

/// decimals(2, 4) of an amount in 10⁻⁴ units: "570.881", "20.00".
std::string amount_text(long long units) {
  std::string frac = std::to_string(units % 10000);
  frac.insert(0, 4 - frac.size(), '0');
  while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
  return std::to_string(units / 10000) + "." + frac;
}

/// The mean of scores in 10⁻² units, rounded half up to two decimals.
std::string mean_text(long long sum, long long n) {
  const long long q = (2 * sum + n) / (2 * n);
  std::string frac = std::to_string(q % 100);
  frac.insert(0, 2 - frac.size(), '0');
  return std::to_string(q / 100) + "." + frac;
}

class ProjectList : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    out_ = new fs::path(test::scratch_path("project-list"));
    const CliRun r = cli("render layouts/project-list.toml examples/project-list/records.json -o '" + out_->string() +
                          "' --format pdf,xlsx -q",
                      test::source_dir());
    ASSERT_EQ(r.status, 0) << r.output;
  }
  static fs::path pdf() { return *out_ / "records.pdf"; }
  static fs::path xlsx() { return *out_ / "records.xlsx"; }
  static Expected figures() {
    return expected_figures(json::parse(test::read_file(test::source_dir() / "examples/project-list/records.json")));
  }
  static fs::path* out_;
};
fs::path* ProjectList::out_ = nullptr;

std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) pages.push_back(text.substr(start, ff - start));
  return pages;
}

TEST_F(ProjectList, HeaderOnEveryPageAndEveryProjectOnce) {
  const auto pages = pages_of(test::run("pdftotext -layout '" + pdf().string() + "' -"));
  ASSERT_GE(pages.size(), 2u);
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string p = test::squash(pages[i]);
    EXPECT_NE(p.find("序号项目名称主管部门预算金额（万元）评价分值评价结论"), std::string::npos) << "page " << i + 1;
    EXPECT_NE(p.find("第" + std::to_string(i + 1) + "页共" + std::to_string(pages.size()) + "页"), std::string::npos);
  }
  const std::string raw = test::squash(test::run("pdftotext -raw '" + pdf().string() + "' -"));
  for (const auto& name : figures().names) {
    const std::string n = test::squash(name);
    const size_t at = raw.find(n);
    EXPECT_NE(at, std::string::npos) << name;
    EXPECT_EQ(raw.find(n, at + 1), std::string::npos) << name << " twice";
  }
}

TEST_F(ProjectList, SubtotalsAndTotalEqualExactSums) {
  const Expected e = figures();
  const std::string text = test::run("pdftotext -layout '" + pdf().string() + "' -");
  auto line_with = [&](const std::string& key) {
    for (size_t start = 0, nl; start < text.size(); start = nl + 1) {
      nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      const std::string line = test::squash(text.substr(start, nl - start));
      if (line.find(key) != std::string::npos) return line;
    }
    return std::string();
  };
  ASSERT_GE(e.groups.size(), 5u);
  for (const auto& g : e.groups) {
    const std::string key = g.dep + "小计（" + std::to_string(g.n) + "项）";
    EXPECT_EQ(line_with(key), key + amount_text(g.amount) + mean_text(g.score, g.n));
  }
  const std::string key = "合计（" + std::to_string(e.n) + "项）";
  EXPECT_EQ(line_with(key), key + amount_text(e.amount) + mean_text(e.score, e.n));
  // 0.1 + 0.2 in the data (two 市教育委员会 projects) does not drift: the total is exact.
  EXPECT_EQ(amount_text(e.amount).find("99999"), std::string::npos);
}

/// Every formula cell of the first sheet, with its cached value and the value this script gets
/// by evaluating SUBTOTAL/SUM/AVERAGE itself over the cells (SUBTOTAL skipping SUBTOTALs).
constexpr const char* kFormulaScript = R"PY(
import json, re, sys, openpyxl
from openpyxl.utils import range_boundaries
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
ws = wb.worksheets[0]
cws = cached.worksheets[0]
def evaluate(f):
    m = re.fullmatch(r"=(SUBTOTAL\((\d+),|SUM\(|AVERAGE\()([A-Z]+\d+:[A-Z]+\d+)\)", f)
    code = {"SUM(": 9, "AVERAGE(": 1}.get(m.group(1), int(m.group(2) or 0))
    c0, r0, c1, r1 = range_boundaries(m.group(3))
    vals = []
    for r in range(r0, r1 + 1):
        v = ws.cell(r, c0).value
        if isinstance(v, str) and v.startswith("=SUBTOTAL"):
            continue
        if isinstance(v, str) and v.startswith("="):
            v = cws.cell(r, c0).value
        if isinstance(v, (int, float)):
            vals.append(v)
    return sum(vals) if code == 9 else sum(vals) / len(vals)
out = {"title": wb.properties.title, "name": ws.title, "cells": []}
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value.startswith("="):
            label = ws.cell(c.row, 1).value
            out["cells"].append({"ref": c.coordinate, "formula": c.value, "cached": cws[c.coordinate].value,
                                 "evaluated": evaluate(c.value), "label": label})
print(json.dumps(out, ensure_ascii=False))
)PY";

TEST_F(ProjectList, WorkbookHasLiveSubtotalsWithCachedValues) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "no /usr/bin/python3";
  const fs::path script = *out_ / "formulas.py";
  std::ofstream(script) << kFormulaScript;
  const json wb = json::parse(test::run("/usr/bin/python3 '" + script.string() + "' '" + xlsx().string() + "'"));
  const Expected e = figures();
  EXPECT_EQ(wb["title"], "上海市2017年度市级财政支出项目绩效评价结果一览表");
  // Per group a sum and an average, and the same for the 合计.
  ASSERT_EQ(wb["cells"].size(), 2 * (e.groups.size() + 1)) << wb.dump(1);
  size_t sums = 0;
  for (const auto& c : wb["cells"]) {
    const std::string f = c["formula"];
    EXPECT_TRUE(std::regex_match(f, std::regex(R"(=SUBTOTAL\((9|1),[A-Z]+\d+:[A-Z]+\d+\))"))) << f;
    ASSERT_TRUE(c["cached"].is_number()) << c.dump();
    const double cached = c["cached"].get<double>(), evaluated = c["evaluated"].get<double>();
    if (f.starts_with("=SUBTOTAL(9")) {
      ++sums;
      EXPECT_NEAR(cached, evaluated, 1e-9) << c.dump();  // the cache is what Excel recomputes
      // The 合计's label cell holds its count as a number (合计（42项） is its number format).
      const std::string label = c["label"].is_string() ? c["label"].get<std::string>() : "";
      long long want = e.amount;
      for (const auto& g : e.groups)
        if (label.starts_with(g.dep)) want = g.amount;
      EXPECT_NEAR(cached, static_cast<double>(want) / 10000, 1e-9) << label;
    } else {
      EXPECT_NEAR(cached, evaluated, 0.005 + 1e-9) << c.dump();  // cached as printed: 2 decimals
    }
  }
  EXPECT_EQ(sums, e.groups.size() + 1);
}

TEST(ProjectListCheck, CleanDataPassesAndBadDataAgreesWithRender) {
  const fs::path src = test::source_dir();
  CliRun ok = cli("check layouts/project-list.toml examples/project-list/records.json", src);
  EXPECT_EQ(ok.status, 0) << ok.output;
  // A budget in words and a missing one: render stops at the first, check lists both, with the
  // same words; no output file.
  json data = json::parse(test::read_file(src / "examples/project-list/records.json"));
  data["records"][2]["budget_wan"] = "待定";
  data["records"][5].erase("budget_wan");
  data["records"][7]["conclusion"] = "差";  // its score is 81.87 or whatever: not 差 unless below 60
  const fs::path dir = test::scratch_path("project-list-bad");
  fs::create_directories(dir);
  std::ofstream(dir / "data.json") << data.dump();
  const std::string layout = (src / "layouts/project-list.toml").string();
  const CliRun render = cli("render '" + layout + "' data.json -o out", dir);
  EXPECT_NE(render.status, 0);
  EXPECT_FALSE(fs::exists(dir / "out" / "data.pdf"));
  const CliRun check = cli("check '" + layout + "' data.json", dir);
  EXPECT_NE(check.status, 0);
  const std::string first = render.output.substr(0, render.output.find('\n'));
  EXPECT_NE(first.find("data.json: record 3: budget_wan: "), std::string::npos) << render.output;
  EXPECT_NE(check.output.find(first.substr(first.find("data.json"))), std::string::npos) << check.output;
  EXPECT_NE(check.output.find("data.json: record 6: budget_wan: missing field"), std::string::npos) << check.output;
  EXPECT_NE(check.output.find("data.json: record 8: conclusion: '差' contradicts score"), std::string::npos) << check.output;
}

TEST(BandCheck, ChecksEveryRowWhateverTheShape) {
  // All projects packed into one record, as a form without tables over records needed them.
  const json data = json::parse(R"({"records": [{"title": "一览表", "projects": [
      {"name": "甲", "score": 81.87, "conclusion": "差"},
      {"name": "乙", "score": "92.5", "conclusion": "优秀"},
      {"name": "丙", "score": "59.995", "conclusion": "差"}]}]})");
  const fs::path dir = test::scratch_path("band-check");
  fs::create_directories(dir);
  std::ofstream(dir / "data.json") << data.dump();
  const CliRun r = cli("check '" + (test::source_dir() / "layouts/project-list.toml").string() + "' data.json", dir);
  EXPECT_NE(r.output.find("data.json: record 1: projects[0].conclusion: '差' contradicts score 81.87 (band from 80: '良好')"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("data.json: record 1: projects[2].conclusion: '差' contradicts score 60.00 (band from 60: '中')"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("projects[1]"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace gongwen
