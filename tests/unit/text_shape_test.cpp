// Itemizing and shaping (HarfBuzz): per-character font fallback, uncovered characters, glyph ids
// and the cluster → text map.
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "text_test_support.hpp"

using namespace gongwen;

namespace {

std::string cluster_text(const ShapedText& t, const Cluster& c) { return t.text.substr(c.begin, c.end - c.begin); }

/// Rare name characters fall back to Noto CJK; everything else, punctuation included, stays in
/// the primary face (a 、 after 堃 must not switch to Noto's glyph).
TEST(TextShape, FallbackPerCharacter) {
  const FontChain& fang = test::fonts().chain("仿宋");
  ShapedText t = shape_paragraph("张堃、王珺、李喆", fang, 16);
  ASSERT_EQ(t.clusters.size(), 8u);
  for (const Cluster& c : t.clusters) {
    const std::string ch = cluster_text(t, c);
    const bool rare = ch == "堃" || ch == "珺" || ch == "喆";
    SCOPED_TRACE(ch + " → " + c.face->postscript_name());
    if (rare) EXPECT_TRUE(c.face->postscript_name().starts_with("NotoSerifCJK"));
    else EXPECT_TRUE(c.face->postscript_name().starts_with("FandolFang"));
    EXPECT_NE(t.glyphs[c.glyph_begin].gid, 0u);
    EXPECT_NEAR(c.advance, 16, 1e-6);
  }
  // A space or Latin text after a fallback character goes back to the primary face too.
  ShapedText u = shape_paragraph("喆 A1", fang, 16);
  for (size_t i = 1; i < u.clusters.size(); ++i)
    EXPECT_TRUE(u.clusters[i].face->postscript_name().starts_with("FandolFang")) << cluster_text(u, u.clusters[i]);
}

TEST(TextShape, FallbackInOtherFamilies) {
  ShapedText hei = shape_paragraph("王珺", test::fonts().chain("黑体"), 16);
  EXPECT_EQ(hei.clusters[0].face->postscript_name(), "FandolHei-Regular");
  EXPECT_TRUE(hei.clusters[1].face->postscript_name().starts_with("NotoSansCJK"));
  ShapedText kai = shape_paragraph("楷", test::fonts().chain("KaiTi"), 16);
  EXPECT_EQ(kai.clusters[0].face->postscript_name(), "FandolKai-Regular");
  ShapedText title = shape_paragraph("标", test::fonts().chain("方正小标宋简体"), 22);
  EXPECT_EQ(title.clusters[0].face->postscript_name(), "FandolSong-Bold");
}

/// A character no face covers is an error naming the character, its code point and the fonts.
TEST(TextShape, UncoveredCharacterIsNamed) {
  const FontChain& fang = test::fonts().chain("仿宋");
  try {
    shape_paragraph("张\U00020000三", fang, 16);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_EQ(e.kind(), ErrorKind::Font);
    EXPECT_NE(msg.find("\U00020000"), std::string::npos) << msg;
    EXPECT_NE(msg.find("U+20000"), std::string::npos) << msg;
    EXPECT_NE(msg.find("FandolFang-Regular"), std::string::npos) << msg;
    EXPECT_NE(msg.find("NotoSerifCJK"), std::string::npos) << msg;
  }
  // The paragraph layer reports the same error.
  auto st = test::style10();
  EXPECT_THROW(layout_paragraph("\U00020000", st, 100), Error);
}

/// "CPU 使用率 89.13%": real glyphs, clusters that map back to the text, Latin from Fandol.
TEST(TextShape, MixedTextClustersMapBack) {
  const FontChain& fang = test::fonts().chain("仿宋");
  const std::string text = "CPU 使用率 89.13%";
  ShapedText t = shape_paragraph(text, fang, 10);
  ASSERT_FALSE(t.glyphs.empty());
  for (const ShapedGlyph& g : t.glyphs) EXPECT_NE(g.gid, 0u);
  std::string joined;
  uint32_t expect_begin = 0, expect_glyph = 0;
  for (const Cluster& c : t.clusters) {
    EXPECT_EQ(c.begin, expect_begin);
    EXPECT_LT(c.begin, c.end);
    EXPECT_EQ(c.glyph_begin, expect_glyph);
    EXPECT_LT(c.glyph_begin, c.glyph_end);
    joined += cluster_text(t, c);
    expect_begin = c.end;
    expect_glyph = c.glyph_end;
    EXPECT_TRUE(c.face->postscript_name().starts_with("FandolFang")) << cluster_text(t, c);
    // Advances come from the font (Fandol has no kerning here): glyph advance × size / upem.
    double adv = 0;
    for (uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) adv += t.glyphs[g].advance;
    EXPECT_NEAR(c.advance, adv, 1e-9);
    if (c.glyph_end - c.glyph_begin == 1) {
      EXPECT_NEAR(adv, c.face->advance(c.face->glyph_for(c.first_cp)) * 10.0 / c.face->units_per_em(), 1e-6)
          << cluster_text(t, c);
    }
  }
  EXPECT_EQ(joined, text);
  EXPECT_EQ(expect_glyph, t.glyphs.size());
  // Classes: Latin letters, digits, Han; full width only for Han.
  EXPECT_EQ(t.clusters[0].cls, CharClass::Letter);
  EXPECT_FALSE(t.clusters[0].full_width);
  EXPECT_EQ(t.clusters[4].cls, CharClass::Ideograph);
  EXPECT_TRUE(t.clusters[4].full_width);
  EXPECT_EQ(t.clusters[8].cls, CharClass::Digit);
  EXPECT_NEAR(t.clusters[8].advance, 5, 1e-6);  // Fandol digits are ½ em
}

TEST(TextShape, LetterSpacingAndForcedBreak) {
  const FontChain& fang = test::fonts().chain("仿宋");
  ShapedText t = shape_paragraph("一\n二", fang, 16, -0.2);
  ASSERT_EQ(t.clusters.size(), 3u);
  EXPECT_NEAR(t.clusters[0].advance, 15.8, 1e-9);
  EXPECT_EQ(t.clusters[1].glyph_begin, t.clusters[1].glyph_end);  // "\n" draws nothing
  EXPECT_EQ(t.clusters[1].first_cp, U'\n');
  EXPECT_NEAR(t.clusters[2].advance, 15.8, 1e-9);
}

TEST(TextShape, EmptyText) {
  const FontChain& fang = test::fonts().chain("仿宋");
  ShapedText t = shape_paragraph("", fang, 16);
  EXPECT_TRUE(t.clusters.empty());
  auto st = test::style10();
  EXPECT_TRUE(layout_paragraph("", st, 100).lines.empty());
}

}  // namespace
