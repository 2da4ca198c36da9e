// The 版头 of the GB/T 9704-2012 notice (§7.2), measured from outside with pdftotext
// -bbox-layout and from gongwen's dump: the red 发文机关标志 centred with its ink's top edge 35 mm
// below the type area, the 发文字号 centred on the grid two lines below it, a red rule as wide as
// the type area 4 mm below the 文号, and the title two lines below the rule.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gongwen::test::PdfLine;

namespace {

constexpr double kMm = 72 / 25.4;
const double kTop = 37 * kMm, kLeft = 28 * kMm, kRight = 595.276 - 26 * kMm;
const double kGrid = 225 * kMm / 22;

/// The example notice as a 红头 document: with a 发文机关标志 and a 发文字号.
json notice() {
  json d = json::parse(gongwen::test::read_file(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json"));
  d["records"][0]["issuer_mark"] = "示例市财政局文件";
  d["records"][0]["doc_number"] = "示财绩〔2018〕12号";
  return d;
}

const gongwen::Renderer& renderer() {
  static const gongwen::Renderer r(gongwen::test::source_dir() / "layouts/gbt9704-notice.toml");
  return r;
}

const PdfLine* line_with(const std::vector<PdfLine>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.page == 1 && gongwen::test::squash(l.text).find(text) != std::string::npos) return &l;
  return nullptr;
}

/// Grid slot (0-based from the type area's top) of a 三号 line's em box.
int slot(const PdfLine& l) { return static_cast<int>(std::floor(((l.y0 + l.y1) / 2 - kTop) / kGrid)); }

}  // namespace

TEST(Gbt9704Masthead, MarkNumberRuleAndTitleWhereSection72Says) {
  const json data = notice();
  const std::string mark_text = data["records"][0]["issuer_mark"], number_text = data["records"][0]["doc_number"];
  const fs::path pdf = gongwen::test::scratch_path("masthead.pdf");
  std::ofstream(pdf, std::ios::binary) << renderer().render_pdf(data, "records.json");
  const auto lines = gongwen::test::pdf_lines(pdf.string());
  const PdfLine* mark = line_with(lines, mark_text);
  const PdfLine* number = line_with(lines, gongwen::test::squash(number_text));
  const PdfLine* title = line_with(lines, "示例市财政局关于开展");
  ASSERT_TRUE(mark && number && title);
  // 发文机关标志: its ink's top edge 35 mm below the type area's top (gbt9704_ink_test measures
  // the ink), so its em box starts a little higher; centred on the type area.
  EXPECT_LT(mark->y0, kTop + 35 * kMm);
  EXPECT_GT(mark->y0, kTop + 33 * kMm);
  EXPECT_NEAR((mark->x0 + mark->x1) / 2, (kLeft + kRight) / 2, 0.5);
  EXPECT_LE(mark->x1 - mark->x0, kRight - kLeft + 0.01);
  // 发文字号: centred, on a grid line, two empty lines below the 标志.
  EXPECT_NEAR((number->x0 + number->x1) / 2, (kLeft + kRight) / 2, 0.5);
  const int mark_last = static_cast<int>(std::ceil((mark->y1 - kTop) / kGrid - 1e-6)) - 1;  // slot of the 标志's bottom
  EXPECT_EQ(slot(*number), mark_last + 3);
  EXPECT_NEAR((number->y0 + number->y1) / 2, kTop + (slot(*number) + 0.5) * kGrid, 0.6);

  // The dump: the 标志 is red; where the rule lies and how thick it is.
  const std::string dump = renderer().render_dump(data, "records.json");
  EXPECT_NE(dump.find("color=#FF0000 \"" + mark_text + "\""), std::string::npos) << dump.substr(0, 400);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dump, m, std::regex(R"(rule ([\d.]+),([\d.]+) ([\d.]+),([\d.]+) w=([\d.]+))")));
  const double rule_y = std::stod(m[2]), rule_w = std::stod(m[5]);
  EXPECT_NEAR(std::stod(m[1]), kLeft, 0.02);
  EXPECT_NEAR(std::stod(m[3]), kRight, 0.02);
  // 4 mm below the 文号 (its em box's bottom edge) to the rule's top edge.
  EXPECT_NEAR(rule_y - rule_w / 2 - number->y1, 4 * kMm, 0.1);
  // The title: 红色分隔线下空二行 — the grid line after the rule's, then two empty ones.
  const int rule_slot = static_cast<int>(std::floor((rule_y + rule_w / 2 - kTop) / kGrid));
  EXPECT_EQ(slot(*title), rule_slot + 3) << "title at slot " << slot(*title) << ", rule in slot " << rule_slot;
}

TEST(Gbt9704Masthead, ATooLongMarkShrinksToOneLine) {
  json data = notice();
  data["records"][0]["issuer_mark"] = "示例市财政局示例市发展和改革委员会示例市审计局文件";
  const std::string dump = renderer().render_dump(data, "records.json");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dump, m, std::regex(R"(text x=([\d.]+) y=[\d.]+ w=([\d.]+) size=([\d.]+) [^\n]*示例市审计局文件)")));
  EXPECT_NEAR(std::stod(m[1]) + std::stod(m[2]), kRight, 0.6);
  EXPECT_NEAR(std::stod(m[1]), kLeft, 0.6);
  EXPECT_LT(std::stod(m[3]), 42);
}

TEST(Gbt9704Masthead, AnEmptyMarkLeavesItOut) {
  json data = notice();
  data["records"][0]["issuer_mark"] = "";
  const std::string dump = renderer().render_dump(data, "records.json");
  EXPECT_EQ(dump.find(data["records"][0]["doc_number"].get<std::string>()), std::string::npos);
  EXPECT_EQ(dump.find("color=#FF0000"), std::string::npos);
}
