// Nothing drawn past its box: a 署名 longer than its date ends at the type area's right edge, a
// sign-off value longer than its signing line wraps inside its column and pushes the next row
// down. Measured from outside with pdftotext -bbox-layout.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <fstream>

#include "pdf_checks.hpp"
#include "pdf_words.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gongwen::test::PdfLine;

namespace {
constexpr double kMm = 72 / 25.4;
const double kLeft = 28 * kMm, kRight = 595.276 - 26 * kMm;  // both layouts: GB/T 9704 type area

const PdfLine* with(const std::vector<PdfLine>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (gongwen::test::squash(l.text).find(text) != std::string::npos) return &l;
  return nullptr;
}
}  // namespace

TEST(FitBox, LongSignatureEndsAtTheTypeAreasEdge) {
  const fs::path src = gongwen::test::source_dir();
  json d = json::parse(gongwen::test::read_file(src / "examples/gbt9704-notice/records.json"));
  d["records"][0]["issuer"] = "上海市住房和城乡建设管理委员会";
  const fs::path pdf = gongwen::test::scratch_path("long-signature.pdf");
  std::ofstream(pdf, std::ios::binary) << gongwen::Renderer(src / "layouts/gbt9704-notice.toml").render_pdf(d, "records.json");
  const auto lines = gongwen::test::pdf_lines(pdf.string());
  const PdfLine* name = with(lines, "上海市住房和城乡建设管理委员会");
  const PdfLine* date = with(lines, "2018年7月1日");
  ASSERT_TRUE(name && date);
  EXPECT_LE(name->x1, kRight + 0.3);  // pdftotext boxes the last glyph with its 16 pt advance, the grid sets 15.79 pt; 8.4 pt past before
  EXPECT_GT(name->x1, kRight - 1.0);  // flush with the edge, not moved further than needed
  EXPECT_LT(date->x1, kRight - 3 * 16);  // the date keeps its 右空四字
}

TEST(FitBox, LongSignoffValueWrapsInsideItsColumn) {
  const fs::path src = gongwen::test::source_dir();
  const fs::path dir = gongwen::test::scratch_path("long-signoff");
  fs::create_directories(dir);
  std::string layout = gongwen::test::read_file(src / "layouts/perf-eval-signoff.toml");
  const std::string from = "{ label = \"评价单位（盖章）：\", value = \"\" }";
  ASSERT_NE(layout.find(from), std::string::npos);
  layout.replace(layout.find(from), from.size(), "{ label = \"评价单位（盖章）：\", value = \"上海市住房和城乡建设管理委员会绩效评价处\" }");
  std::ofstream(dir / "signoff.toml") << layout;
  json d = json::parse(gongwen::test::read_file(src / "examples/2017-shanghai/records.json"));
  d["records"] = json::array({d["records"][0]});
  const fs::path pdf = dir / "signoff.pdf";
  std::ofstream(pdf, std::ios::binary) << gongwen::Renderer(dir / "signoff.toml").render_pdf(d, "records.json");
  const auto words = gongwen::test::pdf_words(pdf);
  const double col_right = kLeft + (kRight - kLeft) / 2;
  const gongwen::test::Word* label = nullptr;
  const gongwen::test::Word* next_row = nullptr;
  std::string value;
  double value_bottom = 0;
  for (const auto& w : words) {
    if (w.text.rfind("评价单位（盖章）：", 0) == 0) label = &w;
    if (w.text == "复核人（签字）：") next_row = &w;
  }
  ASSERT_TRUE(label && next_row);
  ASSERT_EQ(label->page, next_row->page);
  for (const auto& w : words)  // the first column from the label down to the next row
    if (w.page == label->page && w.x0 < col_right - 1 && w.y0 >= label->y0 - 0.01 && w.y0 < next_row->y0) {
      EXPECT_LE(w.x1, col_right + 0.01) << w.text;
      value += w.text;
      value_bottom = std::max(value_bottom, w.y1);
    }
  EXPECT_EQ(value, "评价单位（盖章）：上海市住房和城乡建设管理委员会绩效评价处");
  EXPECT_GE(next_row->y0, value_bottom + 0.01);  // the next row moved down below the wrapped value
}
