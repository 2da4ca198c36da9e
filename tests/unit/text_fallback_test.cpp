// Fallback that matches the role (issue 13): a character the family's own face lacks (堃 珺 喆 镕
// in names) is set in a face of the family's design class and weight — the light 仿宋 and 楷体
// fall back to the lightest CJK face of their chain, never a heavier one when a lighter covers the
// character; 黑体 to a sans face, bold chains to bold faces. Weights are read from each face's OS/2
// table (usWeightClass), not from the map. `gongwen fonts` lists the characters that fall back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "font/font_book.hpp"
#include "text/shape.hpp"
#include "text_test_support.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

const char32_t kRare[] = {U'堃', U'珺', U'喆', U'镕'};
const fs::path kNotoLight = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Light.ttc";

/// usWeightClass of the face's OS/2 table (400 regular, 700 bold, 300 light).
unsigned weight_class(const Face& f) {
  hb_blob_t* blob = hb_face_reference_table(f.hb_face(), HB_TAG('O', 'S', '/', '2'));
  unsigned len = 0;
  const char* d = hb_blob_get_data(blob, &len);
  const unsigned w = len >= 6 ? (static_cast<unsigned char>(d[4]) << 8 | static_cast<unsigned char>(d[5])) : 0;
  hb_blob_destroy(blob);
  return w;
}

std::string utf8(char32_t cp) {
  std::string s;
  if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
  } else {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
  }
  s += static_cast<char>(0x80 | (cp & 0x3F));
  return s;
}

}  // namespace

/// 仿宋 and 楷体: each rare character falls back to the lightest face of the chain that covers
/// it, lighter than Regular when Noto Serif CJK Light is installed; set in the paragraph at the
/// full em like its neighbours.
TEST(TextFallback, LightFamiliesFallBackToTheLightestFace) {
  for (const char* family : {"仿宋", "楷体"}) {
    const FontChain& chain = test::fonts().chain(family);
    for (char32_t cp : kRare) {
      SCOPED_TRACE(std::string(family) + " " + utf8(cp));
      ASSERT_FALSE(chain.faces.front()->covers(cp));  // the family's own face lacks it
      const Face* chosen = chain.face_for(cp);
      ASSERT_NE(chosen, nullptr);
      unsigned lightest = 1000;
      for (const Face* f : chain.faces)
        if (f->covers(cp)) lightest = std::min(lightest, weight_class(*f));
      EXPECT_EQ(weight_class(*chosen), lightest) << chosen->postscript_name();
      EXPECT_NE(chosen->family_name().find("Serif"), std::string::npos) << chosen->family_name();
      if (fs::exists(kNotoLight)) {
        EXPECT_LT(weight_class(*chosen), 400u) << chosen->postscript_name();
        EXPECT_EQ(chosen->postscript_name(), "NotoSerifCJKsc-Light");
      }
      const ShapedText t = shape_paragraph("张" + utf8(cp) + "同志", chain, 16);
      ASSERT_EQ(t.clusters.size(), 4u);
      EXPECT_EQ(t.clusters[1].face, chosen);
      EXPECT_NE(t.glyphs[t.clusters[1].glyph_begin].gid, 0u);
      EXPECT_NEAR(t.clusters[1].advance, 16, 1e-6);
      EXPECT_EQ(t.clusters[2].face, chain.faces.front());  // back to the family's face after it
    }
  }
}

/// Heavier roles keep theirs: 宋体 falls back to a regular serif, 黑体 to a regular sans, bold
/// chains and 小标宋 to bold faces.
TEST(TextFallback, OtherRolesKeepTheirClassAndWeight) {
  struct Role {
    const char* family;
    Weight weight;
    const char* design;
    unsigned min_weight, max_weight;
  };
  const Role roles[] = {{"宋体", Weight::Regular, "Serif", 400, 400}, {"黑体", Weight::Regular, "Sans", 400, 400},
                        {"仿宋", Weight::Bold, "Serif", 700, 900},    {"宋体", Weight::Bold, "Serif", 700, 900},
                        {"黑体", Weight::Bold, "Sans", 700, 900},     {"小标宋", Weight::Regular, "Serif", 700, 900}};
  for (const Role& r : roles)
    for (char32_t cp : kRare) {
      const FontChain& chain = test::fonts().chain(r.family, r.weight);
      SCOPED_TRACE(std::string(r.family) + (r.weight == Weight::Bold ? " bold " : " ") + utf8(cp));
      const Face* chosen = chain.face_for(cp);
      ASSERT_NE(chosen, nullptr);
      EXPECT_NE(chosen->family_name().find(r.design), std::string::npos) << chosen->family_name();
      EXPECT_GE(weight_class(*chosen), r.min_weight) << chosen->postscript_name();
      EXPECT_LE(weight_class(*chosen), r.max_weight) << chosen->postscript_name();
    }
}

/// The chain is the map's: a user map that lists the Regular before the Light changes the face.
TEST(TextFallback, ChainIsConfigurable) {
  const fs::path dir = test::scratch_path("fallback-map");
  fs::create_directories(dir);
  std::ofstream(dir / "map.toml") << "[families.\"仿宋\"]\nregular = [\"fandol-fang\", \"noto-serif-sc\"]\n";
  FontBook book = FontBook::load(FontBook::default_map_path());
  book.add_map(dir / "map.toml");
  const Face* f = book.chain("仿宋").face_for(U'堃');
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->postscript_name(), "NotoSerifCJKsc-Regular");
  EXPECT_EQ(weight_class(*f), 400u);
}

/// `gongwen fonts LAYOUT DATA` names the characters of the data that fall back, and to which face.
TEST(TextFallback, FontsCommandListsFallbacks) {
  const fs::path dir = test::scratch_path("fallback-cli");
  fs::create_directories(dir);
  std::ofstream(dir / "l.toml") << "[styles.body]\nfont = \"仿宋\"\nsize = 16\n\n[record]\n\n[[record.blocks]]\n"
                                   "type = \"paragraph\"\ntext = \"{{name}}\"\nstyle = \"body\"\n";
  std::ofstream(dir / "d.json") << R"({"records": [{"name": "张堃"}, {"name": "李喆、王珺"}]})";
  const auto r = test::run_gongwen("fonts l.toml d.json", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string face = fs::exists(kNotoLight) ? "NotoSerifCJKsc-Light" : "NotoSerifCJKsc-Regular";
  // The characters in code-point order: 喆 U+5586, 堃 U+5803, 珺 U+73FA.
  EXPECT_NE(r.output.find("falls back to " + face + ": 喆堃珺"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("not covered"), std::string::npos) << r.output;
}
