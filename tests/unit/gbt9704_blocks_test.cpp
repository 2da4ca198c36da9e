// The GB/T 9704 pieces one by one: heading detection, balanced titles, the preset's styles and
// their overrides, the signature without a seal (§7.3.5.2), the 版记 on an even page, and
// located errors for bad keys and values of the new blocks.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/error.hpp"
#include "flow/official.hpp"
#include "layout/layout.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr double kMm = 72 / 25.4;
const double kLeft = 28 * kMm, kRight = 595.276 - 26 * kMm;
const double kChar = 156 * kMm / 28;

/// Writes `toml` as a layout next to the example's seal (so "seal.png" resolves) and loads it.
const fs::path& layouts_dir() {
  static const fs::path dir = gongwen::test::scratch_path("9704-layouts");
  return dir;
}

fs::path layout_file(const std::string& name, const std::string& toml) {
  const fs::path& dir = layouts_dir();
  fs::create_directories(dir);
  fs::copy_file(gongwen::test::source_dir() / "examples/gbt9704-notice/seal.png", dir / "seal.png",
                fs::copy_options::overwrite_existing);
  const fs::path p = dir / (name + ".toml");
  std::ofstream(p, std::ios::binary) << toml;
  return p;
}

std::shared_ptr<const gongwen::Layout> load(const std::string& name, const std::string& toml) {
  return gongwen::load_layout(layout_file(name, toml), gongwen::test::fonts());
}

/// The error a layout gives, with the temporary folder taken out.
std::string error_of(const std::string& name, const std::string& toml) {
  try {
    load(name, toml);
  } catch (const gongwen::Error& e) {
    std::string s = e.what();
    const std::string dir = layouts_dir().string() + "/";
    for (size_t p; (p = s.find(dir)) != std::string::npos;) s.erase(p, dir.size());
    return s;
  }
  return "no error";
}

const char* kHead = "preset = \"gbt9704\"\n";

/// Text runs of a dump: text → (x, right edge, baseline).
struct TextRun { double x, right, y; };
std::map<std::string, TextRun> runs(const std::string& dump) {
  std::map<std::string, TextRun> out;
  static const std::regex text(R"re(^  text x=([-\d.]+) y=([-\d.]+) w=([-\d.]+) .*"(.*)"$)re");
  std::istringstream in(dump);
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, text)) out[m[4]] = {std::stod(m[1]), std::stod(m[1]) + std::stod(m[3]), std::stod(m[2])};
  return out;
}

}  // namespace

TEST(Gbt9704Headings, LevelsFromTheNumbering) {
  using gongwen::heading_level;
  EXPECT_EQ(heading_level("一、总体要求"), 1);
  EXPECT_EQ(heading_level("十二、其他"), 1);
  EXPECT_EQ(heading_level("（一）评价范围。本次……"), 2);
  EXPECT_EQ(heading_level("(三)组织方式"), 2);
  EXPECT_EQ(heading_level("1.项目决策。重点……"), 3);
  EXPECT_EQ(heading_level("12．项目管理"), 3);
  EXPECT_EQ(heading_level("（1）90分以上为“优”；"), 4);
  EXPECT_EQ(heading_level("(10)其他"), 4);
  // Body text that only looks numbered.
  EXPECT_EQ(heading_level("2018年度财政支出"), 0);
  EXPECT_EQ(heading_level("1.5亿元用于"), 0);
  EXPECT_EQ(heading_level("一是加强管理"), 0);
  EXPECT_EQ(heading_level("（附件略）"), 0);
  EXPECT_EQ(heading_level("为进一步加强"), 0);
  // The heading font reaches through the first full stop when text follows it.
  const std::string run_in = "（一）评价范围。本次评价的对象为……";
  EXPECT_EQ(run_in.substr(0, gongwen::heading_extent(run_in)), "（一）评价范围。");
  EXPECT_EQ(gongwen::heading_extent("一、评价范围"), std::string("一、评价范围").size());
}

TEST(Gbt9704Headings, RunInHeadingUsesTwoFontsOnOneBaseline) {
  const gongwen::Renderer r(layout_file("headings", std::string(kHead) + R"(
[[record.blocks]]
type = "paragraph"
text = "{{body}}"
style = "body"
headings = "auto"
)"));
  const json data = {{"records", {{{"body", {"一、总体要求", "（一）评价范围。本次评价的对象为市级项目。", "1.项目决策。重点评价立项依据。"}}}}}};
  const std::string dump = r.render_dump(data);
  EXPECT_NE(dump.find("font=FandolHei-Regular \"一、总体要求\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("font=FandolKai-Regular \"（一）评价范围。\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("font=FandolFang-Regular \"本次评价的对象为市级项目。\""), std::string::npos) << dump;
  const auto rs = runs(dump);
  EXPECT_DOUBLE_EQ(rs.at("（一）评价范围。").y, rs.at("本次评价的对象为市级项目。").y);
  EXPECT_NEAR(rs.at("一、总体要求").x, kLeft + 2 * kChar, 0.02);  // indented two characters
}

TEST(Gbt9704Title, BalancedLinesBreakBetweenWords) {
  auto layout = load("title", std::string(kHead) + "[[front]]\ntype = \"paragraph\"\ntext = \"x\"\nstyle = \"title\"\n");
  const gongwen::ParagraphStyle& ps = layout->styles.at("title")->paragraph;
  const double measure = layout->page.type_width();
  auto lines = gongwen::balance_lines("示例市财政局关于开展2018年度财政支出项目绩效评价工作的通知", ps, measure);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "示例市财政局关于开展2018年度");
  EXPECT_EQ(lines[1], "财政支出项目绩效评价工作的通知");
  // Short titles stay on one line; three lines never make an hourglass.
  EXPECT_EQ(gongwen::balance_lines("关于开展绩效评价的通知", ps, measure).size(), 1u);
  lines = gongwen::balance_lines("示例市人民政府办公厅关于印发示例市进一步深化财政预算绩效管理改革推进财政资金提质增效实施方案的通知", ps, measure);
  ASSERT_EQ(lines.size(), 3u);
  gongwen::ParagraphStyle left = ps;
  left.align = gongwen::Align::Left;
  auto width = [&](const std::string& s) { return gongwen::layout_paragraph(s, left, 1e6).lines[0].right; };
  EXPECT_FALSE(width(lines[1]) + ps.size < width(lines[0]) && width(lines[1]) + ps.size < width(lines[2]))
      << lines[0] << " / " << lines[1] << " / " << lines[2];
  for (const auto& l : lines) EXPECT_LE(width(l), measure);
}

TEST(Gbt9704Preset, StylesOnTheGridAndOverridable) {
  auto layout = load("preset", std::string(kHead) + R"(
[styles.body]
font = "宋体"

[styles.note]
based_on = "body"
size = "四号"

[[front]]
type = "paragraph"
text = "x"
style = "note"
)");
  const double grid = 225 * kMm / 22;
  EXPECT_EQ(layout->page.grid_lines, 22);
  EXPECT_EQ(layout->page.grid_chars, 28);
  const auto& body = *layout->styles.at("body");
  EXPECT_EQ(body.family, "宋体");                 // overridden
  EXPECT_DOUBLE_EQ(body.paragraph.size, 16);      // kept from the preset
  EXPECT_NEAR(body.paragraph.letter_spacing, kChar - 16, 1e-9);
  EXPECT_NEAR(body.paragraph.first_indent, 2 * kChar, 1e-9);
  for (const char* s : {"title", "body", "h1", "h2", "h3", "h4", "addressee", "signature", "banji", "note", "default"})
    EXPECT_NEAR(std::fmod(layout->styles.at(s)->paragraph.pitch() + 1e-9, grid), 0, 1e-6) << s;
  EXPECT_EQ(layout->styles.at("h1")->family, "黑体");
  EXPECT_EQ(layout->styles.at("h2")->family, "楷体");
  EXPECT_EQ(layout->styles.at("title")->family, "小标宋");
  EXPECT_DOUBLE_EQ(layout->styles.at("title")->paragraph.size, 22);
  EXPECT_DOUBLE_EQ(layout->styles.at("note")->paragraph.size, 14);
  ASSERT_TRUE(layout->footer.text);
  EXPECT_EQ(layout->footer.placement, gongwen::Furniture::Placement::Outside);
}

TEST(Gbt9704Signature, WithoutSealNameRightTwoDateTwoFurtherRight) {
  const std::string blocks = R"(
[[record.blocks]]
type = "paragraph"
text = "正文。"
style = "body"

[[record.blocks]]
type = "signature"
name = "{{name}}"
date = "{{date | date}}"
)";
  const gongwen::Renderer r(layout_file("sign", std::string(kHead) + blocks));
  // A 署名 longer than the date: 右空二字, the date two characters further right.
  auto rs = runs(r.render_dump(json{{"records", {{{"name", "示例市财政局办公室"}, {"date", "2018-07-01"}}}}}));
  const TextRun name = rs.at("示例市财政局办公室"), date = rs.at("2018年7月1日");
  EXPECT_NEAR(name.right, kRight - 2 * kChar, 0.02);
  EXPECT_NEAR(date.x, name.x + 2 * kChar, 0.02);
  // 正文下空一行: the 署名 two grid lines below the text.
  EXPECT_NEAR(name.y - rs.at("正文。").y, 2 * 225 * kMm / 22, 0.02);
  // A date longer than the 署名: the date 右空二字, the 署名 two characters left of it.
  rs = runs(r.render_dump(json{{"records", {{{"name", "财政局"}, {"date", "2018-12-31"}}}}}));
  const TextRun n2 = rs.at("财政局"), d2 = rs.at("2018年12月31日");
  EXPECT_NEAR(d2.right, kRight - 2 * kChar, 0.02);
  EXPECT_NEAR(n2.x, d2.x - 2 * kChar, 0.02);
  // A 署名 too long for 右空二字 (here it wraps): it starts at the left edge, and the date stays
  // 右空二字 — not at the left edge under the 署名's first character.
  rs = runs(r.render_dump(json{{"records", {{{"name", "上海市住房和城乡建设管理委员会办公室（上海市建筑市场管理办公室）"},
                                             {"date", "2026-01-05"}}}}}));
  const TextRun d3 = rs.at("2026年1月5日");
  EXPECT_NEAR(d3.right, kRight - 2 * kChar, 0.02);
  // One line shorter than the type area but longer than 右空二字 allows: the same.
  rs = runs(r.render_dump(json{{"records", {{{"name", "上海市住房和城乡建设管理委员会办公室（上海市建筑市场）"}, {"date", "2026-01-05"}}}}}));
  EXPECT_NEAR(rs.at("2026年1月5日").right, kRight - 2 * kChar, 0.02);
}

TEST(Gbt9704Banji, EvenPageLeavesABlankUnnumberedPage) {
  const gongwen::Renderer r(layout_file("even", std::string(kHead) + R"(
[[record.blocks]]
type = "paragraph"
text = "{{body}}"
style = "body"

[[record.blocks]]
type = "banji"
printed_by = "示例市财政局办公室"
printed_on = "2018年7月2日"
even_page = true
)"));
  // Page 1 is odd: the 版记 goes to page 2, which has room, so no page is left blank.
  std::string dump = r.render_dump(json{{"records", {{{"body", "正文。"}}}}});
  EXPECT_NE(dump.find("pages=2"), std::string::npos) << dump;
  EXPECT_NE(dump.find("\"— 2 —\""), std::string::npos);
  // Text filling page 2 to its foot: page 3 is left blank and unnumbered, the 版记 on page 4 too.
  json body = json::array();
  for (int i = 0; i < 44; ++i) body.push_back("这是一段用来填满版面的正文文字，每段恰好一行。");
  dump = r.render_dump(json{{"records", {{{"body", body}}}}});
  EXPECT_NE(dump.find("pages=4"), std::string::npos) << dump.substr(0, 100);
  EXPECT_NE(dump.find("\"— 2 —\""), std::string::npos);
  EXPECT_EQ(dump.find("\"— 3 —\""), std::string::npos);
  EXPECT_EQ(dump.find("\"— 4 —\""), std::string::npos);
}

TEST(Gbt9704Layout, BadKeysAndValuesAreLocated) {
  EXPECT_EQ(error_of("headings", std::string(kHead) + "[[front]]\ntype = \"paragraph\"\ntext = \"x\"\nheadings = \"manual\"\n"),
            "headings.toml:5:12: front[0].headings: expected \"auto\" or { h1 = \"style\", h2 = …, h3 = …, h4 = … }");
  EXPECT_EQ(error_of("noh", "[[front]]\ntype = \"paragraph\"\ntext = \"x\"\nheadings = \"auto\"\n"),
            "noh.toml:4:12: front[0].headings: \"auto\" needs the styles h1, h2, h3 and h4 (preset = \"gbt9704\" has them); 'h1' is not defined");
  EXPECT_EQ(error_of("nodate", std::string(kHead) + "[[front]]\ntype = \"signature\"\nname = \"局\"\n"),
            "nodate.toml:2:1: front[0]: a signature block needs date = \"...\"");
  EXPECT_EQ(error_of("noseal", std::string(kHead) + "[[front]]\ntype = \"signature\"\nname = \"局\"\ndate = \"d\"\nseal = \"missing.png\"\n"),
            "noseal.toml:6:8: front[0].seal: cannot read image 'missing.png': no such file");
  EXPECT_EQ(error_of("notpng", std::string(kHead) + "[[front]]\ntype = \"image\"\nfile = \"notpng.toml\"\n"),
            "notpng.toml:4:8: front[0].file: image 'notpng.toml': not a PNG or JPEG image");
  EXPECT_EQ(error_of("banjikey", std::string(kHead) + "[[front]]\ntype = \"banji\"\nprinted_by = \"a\"\nprinted_on = \"b\"\ncc = \"c\"\n"),
            "banjikey.toml:6:1: unknown key 'front[0].cc' (expected one of: type, copy_to, copy_label, printed_by, printed_on, "
            "printed_suffix, style, thick_rule, thin_rule, even_page)");
  EXPECT_EQ(error_of("grid", std::string(kHead) + "[page]\ngrid = { lines = 0, chars = 28 }\n"),
            "grid.toml:3:18: page.grid.lines: expected the number of lines per page (1 to 200)");
  EXPECT_EQ(error_of("big", std::string(kHead) + "[[front]]\ntype = \"image\"\nfile = \"seal.png\"\nwidth = \"200mm\"\n"),
            "big.toml:2:1: front[0]: the image (200 × 200 mm) is larger than the type area");
  EXPECT_EQ(error_of("spacer", std::string(kHead) + "[[front]]\ntype = \"spacer\"\nlines = -1\n"),
            "spacer.toml:4:9: front[0].lines: expected a number of lines between 0 and 200");
}
