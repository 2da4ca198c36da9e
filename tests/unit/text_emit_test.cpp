// Emitting laid-out lines as glyph runs: one run per face, positions from the justified line,
// text ranges for copy/paste, and run extents inside the measure.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "text_test_support.hpp"

using namespace gongwen;
using test::kEm;

namespace {

std::vector<GlyphRun> runs_of(const ParagraphLayout& p, double x, double y) {
  std::vector<Item> items;
  emit_lines(p, 0, p.lines.size(), x, y, items);
  std::vector<GlyphRun> runs;
  for (auto& it : items) runs.push_back(std::get<GlyphRun>(it));
  return runs;
}

/// A compressed line-end comma does not push the run past the measure.
TEST(TextEmit, RunEndsAtTheMeasure) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("一二三四五六七八九，十甲乙丙", st, 9.5 * kEm);
  ASSERT_EQ(p.lines.size(), 2u);
  auto runs = runs_of(p, 100, 200);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_NEAR(runs[0].x, 100, 1e-9);
  EXPECT_NEAR(runs[0].x + runs[0].width, 100 + 9.5 * kEm, 1e-6);
  EXPECT_NEAR(runs[0].glyphs.back().x, 9 * kEm, 1e-6);  // the comma's glyph origin
  EXPECT_NEAR(runs[1].y - runs[0].y, p.pitch, 1e-9);
  EXPECT_NEAR(runs[1].width, 4 * kEm, 1e-6);
}

/// Fallback characters get runs of their own; glyph text ranges rebuild the text exactly once.
TEST(TextEmit, RunsPerFaceAndTextRanges) {
  auto st = test::style10();
  const std::string text = "张堃、王珺、李喆同志参加。";
  ParagraphLayout p = layout_paragraph(text, st, 30 * kEm);
  auto runs = runs_of(p, 0, 0);
  ASSERT_EQ(runs.size(), 7u);  // 张 | 堃 | 、王 | 珺 | 、李 | 喆 | 同志参加。
  std::string rebuilt;
  double x_expect = 0;
  for (const GlyphRun& r : runs) {
    EXPECT_NEAR(r.x, x_expect, 1e-6);
    for (const PlacedGlyph& g : r.glyphs) rebuilt += r.text.substr(g.text_begin, g.text_end - g.text_begin);
    x_expect = r.x + r.width;
  }
  EXPECT_EQ(rebuilt, text);
  EXPECT_TRUE(runs[1].face->postscript_name().starts_with("NotoSerifCJK"));
  EXPECT_TRUE(runs[2].face->postscript_name().starts_with("FandolFang"));
  EXPECT_EQ(runs[2].text, "、王");
}

}  // namespace
