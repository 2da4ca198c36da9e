// Row and column spans on any row, read back from outside: word boxes from pdftotext
// -bbox-layout and merged ranges from the workbook's XML. The shipped 项目支出绩效自评表
// (layouts/perf-self-eval.toml) carries the tall labels: 项目资金（万元） over its column heads
// and four rows, 年度总体目标 over two, 绩效指标 beside the indicator heads and every indicator.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "pdf_checks.hpp"
#include "pdf_words.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gongwen::test::run;
using gongwen::test::Word;
using gongwen::test::pdf_words;

namespace {

const Word* find(const std::vector<Word>& words, const std::string& text, int page = 1, size_t nth = 0) {
  for (const Word& w : words)
    if (w.page == page && w.text == text && nth-- == 0) return &w;
  return nullptr;
}

/// Merged ranges of a worksheet, keyed by the text of their top-left cell.
std::multimap<std::string, std::string> merged_by_text(const fs::path& xlsx, int sheet) {
  const std::string strings = run("unzip -p '" + xlsx.string() + "' xl/sharedStrings.xml");
  const std::string xml = run("unzip -p '" + xlsx.string() + "' xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
  std::vector<std::string> shared;
  static const std::regex si(R"re(<si>([\s\S]*?)</si>)re"), t(R"re(<t[^>]*>([^<]*)</t>)re");
  for (std::sregex_iterator it(strings.begin(), strings.end(), si), e; it != e; ++it) {
    const std::string body = (*it)[1];
    std::string text;
    for (std::sregex_iterator k(body.begin(), body.end(), t); k != e; ++k) text += (*k)[1];
    shared.push_back(text);
  }
  std::map<std::string, std::string> cell_text;
  static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"[^>]*t="s"[^>]*><v>([0-9]+)</v>)re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), cell), e; it != e; ++it)
    cell_text[(*it)[1]] = shared.at(std::stoul((*it)[2]));
  std::multimap<std::string, std::string> out;
  static const std::regex merge(R"re(<mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"/>)re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), merge), e; it != e; ++it)
    out.emplace(cell_text[(*it)[1]], std::string((*it)[1]) + ":" + std::string((*it)[2]));
  return out;
}

int row_of(const std::string& ref) { return std::stoi(ref.substr(ref.find_first_of("0123456789"))); }
std::string col_of(const std::string& ref) { return ref.substr(0, ref.find_first_of("0123456789")); }

fs::path write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

}  // namespace

// The minimal case from issue #12: the covered cell is left out of the second row.
TEST(FormsCells, RowspanOnFixedRowsLeavesTheCoveredCellOut) {
  const fs::path dir = gongwen::test::scratch_path("cells-min");
  const fs::path layout = write(dir / "min.toml", R"([[record.blocks]]
type = "table"
columns = ["30mm", "1fr", "1fr"]

  [[record.blocks.rows]]
  cells = [{ text = "项目资金", rowspan = 2 }, "年初预算数", "{{a}}"]

  [[record.blocks.rows]]
  cells = ["全年执行数", "{{b}}"]
)");
  const fs::path data = write(dir / "min.json", R"([{"a": "100.00", "b": "98.50"}])");
  gongwen::Renderer r(layout);
  const auto files = r.render_file(data, dir / "out", {true, true, false});
  ASSERT_EQ(files.size(), 2u);
  const auto words = pdf_words(dir / "out/min.pdf");
  const Word* label = find(words, "项目资金");
  const Word* top = find(words, "年初预算数");
  const Word* bottom = find(words, "全年执行数");
  const Word* a = find(words, "100.00");
  const Word* b = find(words, "98.50");
  ASSERT_TRUE(label && top && bottom && a && b);
  // The label stands left of both rows, centred between them; the rows keep their columns.
  EXPECT_LT(label->x1, top->x0);
  EXPECT_NEAR(label->ymid(), (top->ymid() + bottom->ymid()) / 2, 1.0);
  EXPECT_NEAR(top->x0, bottom->x0, 0.01);
  EXPECT_NEAR(a->x0, b->x0, 0.01);
  EXPECT_GT(bottom->y0, top->y1 - 0.01);
  // The workbook merges A1:A2 for the label.
  const auto merges = merged_by_text(dir / "out/min.xlsx", 1);
  auto it = merges.find("项目资金");
  ASSERT_NE(it, merges.end());
  EXPECT_EQ(col_of(it->second.substr(0, it->second.find(':'))), "A");
  EXPECT_EQ(row_of(it->second.substr(it->second.find(':') + 1)) - row_of(it->second), 1);
}

// A fixed label in a header row spanning the for_each row covers every generated row, on every
// page the table continues on (its header repeated beside it).
TEST(FormsCells, LabelSpansHeaderAndEveryGeneratedRowAcrossPages) {
  const fs::path dir = gongwen::test::scratch_path("cells-list");
  const fs::path layout = write(dir / "list.toml", R"([[record.blocks]]
type = "table"
columns = ["20mm", "1fr", "30mm"]

  [[record.blocks.rows]]
  header = true
  cells = [{ text = "绩效指标", rowspan = 2 }, "指标名称", "{{unit}}"]

  [[record.blocks.rows]]
  for_each = "{{items}}"
  cells = ["{{item.name}}", "{{item.value}}"]
)");
  json rec;
  rec["unit"] = "指标值";
  for (int i = 1; i <= 60; ++i) rec["items"].push_back({{"name", "指标" + std::to_string(i)}, {"value", std::to_string(i * 3)}});
  const fs::path data = write(dir / "list.json", json::array({rec}).dump());
  gongwen::Renderer r(layout);
  r.render_file(data, dir / "out", {true, true, false});
  const auto words = pdf_words(dir / "out/list.pdf");
  int pages = 0;
  for (const Word& w : words) pages = std::max(pages, w.page);
  ASSERT_GE(pages, 2) << "60 rows should need a second page";
  for (int p = 1; p <= pages; ++p) {
    const Word* label = find(words, "绩效指标", p);
    const Word* head = find(words, "指标名称", p);
    ASSERT_TRUE(label && head) << "page " << p;
    // The templated header cell takes the label style: centred like 指标名称's own column head.
    const Word* unit = find(words, "指标值", p);
    ASSERT_TRUE(unit) << "page " << p;
    double last = 0;
    // The lowest word of the item-name column below the head ("指标 12": Han–Latin spacing may
    // make two words of a name).
    for (const Word& w : words)
      if (w.page == p && w.x0 >= head->x0 - 1 && w.x1 < unit->x0 && w.y0 > head->y1) last = std::max(last, w.y1);
    ASSERT_GT(last, head->y1);
    // Centred between the head row and the last item row of this page, left of both.
    EXPECT_LT(label->x1, head->x0);
    EXPECT_NEAR(label->ymid(), (head->y0 + last) / 2, 3.0) << "page " << p;
  }
  // Workbook: one merge from the header row through the 60th item.
  const auto merges = merged_by_text(dir / "out/list.xlsx", 1);
  auto it = merges.find("绩效指标");
  ASSERT_NE(it, merges.end());
  const std::string& ref = it->second;
  EXPECT_EQ(row_of(ref.substr(ref.find(':') + 1)) - row_of(ref), 60);
}

// The shipped 项目支出绩效自评表: every text round-trips, no kinsoku breaks, the tall labels are
// true spans in the PDF and merged ranges in the workbook.
TEST(FormsCells, PerfSelfEvalSpansReadBack) {
  const fs::path src = gongwen::test::source_dir();
  const fs::path dir = gongwen::test::scratch_path("perf-self-eval");
  gongwen::Renderer r(src / "layouts/perf-self-eval.toml");
  r.render_file(src / "examples/perf-self-eval/records.json", dir, {true, true, false});
  const json data = json::parse(gongwen::test::read_file(src / "examples/perf-self-eval/records.json"));
  const fs::path pdf = dir / "records.pdf";
  const auto words = pdf_words(pdf);
  // Text inside grid columns [c0, c1) of record `page`'s form, in reading order (the layout's
  // columns: 15 mm margin, 10 16 21 1fr 21 21 11 14 1fr mm over 180 mm).
  constexpr double kMm = 72 / 25.4;
  const std::vector<double> widths{10, 16, 21, 33, 21, 21, 11, 14, 33};
  auto text_in = [&](int page, size_t c0, size_t c1) {
    double x0 = 15, x1 = 15;
    for (size_t i = 0; i < c1; ++i) {
      if (i < c0) x0 += widths[i];
      x1 += widths[i];
    }
    std::string t;
    for (const Word& w : words)
      // pdftotext boxes a line-end mark with its full advance, although it is set half-width
      // with its ink inside the cell: allow half an em past the column's edge.
      if (w.page == page && w.x0 >= x0 * kMm - 0.5 && w.x1 <= x1 * kMm + 6) t += w.text;
    return t;
  };
  for (size_t i = 0; i < data["records"].size(); ++i) {
    const json& rec = data["records"][i];
    const int page = static_cast<int>(i) + 1;
    auto has = [&](size_t c0, size_t c1, const std::string& s) {
      EXPECT_NE(text_in(page, c0, c1).find(gongwen::test::squash(s)), std::string::npos) << s;
    };
    has(2, 9, rec["project_name"]);
    has(2, 5, rec["department"]);
    has(7, 9, rec["implementer"]);
    has(2, 5, rec["goal"]);
    has(5, 9, rec["goal_result"]);
    for (const auto& ind : rec["indicators"]) {
      has(3, 4, ind["name"]);
      if (ind.contains("deviation")) has(8, 9, ind["deviation"]);
    }
  }
  EXPECT_TRUE(gongwen::test::kinsoku_violations(gongwen::test::pdf_lines(pdf.string())).empty());

  // 项目资金（万元）: centred over the column heads row and the four amount rows, left of them.
  const Word* funds = find(words, "项目资金");
  const Word* heads = find(words, "年初预算数");
  const Word* other = find(words, "其他资金");
  ASSERT_TRUE(funds && heads && other);
  EXPECT_LT(funds->x1, other->x0);
  EXPECT_GT(funds->y0, heads->y1);    // below the first row: it is not a one-row cell
  EXPECT_LT(funds->y1, other->y0);
  // 绩效指标: beside the indicator heads and every indicator of the first record.
  const Word* ind = find(words, "绩效");
  const Word* level1 = find(words, "一级");  // "一级" / "指标" in its narrow column
  const std::string last_name = data["records"][0]["indicators"].back()["name"];
  const Word* last = find(words, last_name);
  ASSERT_TRUE(ind && level1 && last);
  EXPECT_LT(ind->x1, level1->x0);
  EXPECT_NEAR(ind->y1, (level1->y0 + last->y1) / 2, 12.0);  // 绩效/指标: two lines about the middle
  for (const Word& w : words)  // nothing else in the label's column beside the indicators
    if (w.page == 1 && w.y0 > level1->y0 && w.y1 < last->y1 && w.x1 <= level1->x0 && w.text != "绩效" && w.text != "指标")
      ADD_FAILURE() << "word in the spanned column: " << w.text;

  const size_t n = data["records"][0]["indicators"].size();
  const auto merges = merged_by_text(dir / "records.xlsx", 1);
  auto span_rows = [&](const std::string& label) {
    auto it = merges.find(label);
    if (it == merges.end()) return -1;
    return row_of(it->second.substr(it->second.find(':') + 1)) - row_of(it->second) + 1;
  };
  EXPECT_EQ(span_rows("项目资金（万元）"), 5);
  EXPECT_EQ(span_rows("年度总体目标"), 2);
  EXPECT_EQ(span_rows("绩效指标"), static_cast<int>(n) + 1);
}

// Checkboxes drawn from booleans with choose(): ■ and □ (GB 2312, in every shipped face) come
// back out of the PDF; a non-boolean value is an error naming the record and field.
TEST(FormsCells, CheckboxesFromBooleans) {
  const fs::path dir = gongwen::test::scratch_path("cells-checkbox");
  const fs::path layout = write(dir / "box.toml", R"([[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]

  [[record.blocks.rows]]
  cells = ["是否同意", "{{agree | choose(\"■\", \"□\")}}同意　{{agree | choose(\"□\", \"■\")}}不同意"]
)");
  const fs::path data = write(dir / "box.json", R"([{"agree": true}, {"agree": false}])");
  gongwen::Renderer r(layout);
  r.render_file(data, dir / "out", {true, false, false});
  const std::string text = gongwen::test::squash(run("pdftotext '" + (dir / "out/box.pdf").string() + "' -"));
  EXPECT_NE(text.find("■同意□不同意"), std::string::npos) << text;
  EXPECT_NE(text.find("□同意■不同意"), std::string::npos) << text;
  EXPECT_TRUE(gongwen::test::font_problems((dir / "out/box.pdf").string()).empty());

  const fs::path bad = write(dir / "bad.json", R"([{"agree": "maybe"}])");
  try {
    r.render_file(bad, dir / "bad", {true, false, false});
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json: record 1: agree: choose needs true or false"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "bad/bad.pdf"));
}
