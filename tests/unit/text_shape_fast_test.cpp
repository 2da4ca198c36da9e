// The Han fast path of shape_paragraph (ideographs whose glyph takes part in no OpenType lookup
// skip HarfBuzz) must give exactly what shaping every run with HarfBuzz gives.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/utf8.hpp"
#include "test_support.hpp"
#include "text/shape.hpp"

using namespace gongwen;

namespace {

void expect_same(const ShapedText& fast, const ShapedText& ref) {
  ASSERT_EQ(fast.text, ref.text);
  ASSERT_EQ(fast.size, ref.size);
  ASSERT_EQ(fast.glyphs.size(), ref.glyphs.size()) << ref.text;
  for (size_t i = 0; i < ref.glyphs.size(); ++i) {
    const ShapedGlyph &a = fast.glyphs[i], &b = ref.glyphs[i];
    ASSERT_TRUE(a.gid == b.gid && a.advance == b.advance && a.dx == b.dx && a.dy == b.dy)
        << ref.text << " glyph " << i << ": " << a.gid << " " << a.advance << " vs " << b.gid << " " << b.advance;
  }
  ASSERT_EQ(fast.clusters.size(), ref.clusters.size()) << ref.text;
  for (size_t i = 0; i < ref.clusters.size(); ++i) {
    const Cluster &a = fast.clusters[i], &b = ref.clusters[i];
    ASSERT_TRUE(a.begin == b.begin && a.end == b.end && a.glyph_begin == b.glyph_begin && a.glyph_end == b.glyph_end &&
                a.first_cp == b.first_cp && a.last_cp == b.last_cp && a.cls == b.cls && a.last_cls == b.last_cls &&
                a.face == b.face && a.advance == b.advance && a.full_width == b.full_width)
        << ref.text << " cluster " << i;
  }
}

void check(std::string_view text, const FontChain& chain, double size = 14, double spacing = 0) {
  expect_same(shape_paragraph(text, chain, size, spacing), detail::shape_paragraph_reference(text, chain, size, spacing));
}

/// Every face of the shipped map (Fandol and the Noto CJK fallbacks), each once.
std::vector<const Face*> all_faces() {
  std::vector<const Face*> out;
  std::set<const Face*> seen;
  for (const std::string& fam : test::fonts().families())
    for (Weight w : {Weight::Regular, Weight::Bold})
      for (const Face* f : test::fonts().chain(fam, w).faces)
        if (seen.insert(f).second) out.push_back(f);
  return out;
}

FontChain only(const Face* f) {
  FontChain c;
  c.family = f->postscript_name();
  c.faces = {f};
  return c;
}

bool ideograph(char32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF); }

std::string str(char32_t cp) {
  std::string s;
  utf8::append(s, cp);
  return s;
}

}  // namespace

/// Each ideograph a face covers, alone: the fast path's glyph, advance and cluster are HarfBuzz's.
TEST(TextShapeFast, EveryIdeographAloneMatchesHarfBuzz) {
  for (const Face* f : all_faces()) {
    SCOPED_TRACE(f->postscript_name());
    const FontChain chain = only(f);
    size_t direct = 0;
    for (char32_t cp = 0x3400; cp <= 0x9FFF; ++cp) {
      if (!f->covers(cp)) continue;
      direct += !f->direct_glyphs().empty() && f->direct_glyphs()[cp - Face::kDirectFirst].gid != 0;
      check(str(cp), chain, 16);
      if (HasFatalFailure()) return;
    }
    RecordProperty(f->postscript_name(), static_cast<int>(direct));
  }
}

/// The eligibility table: most ideographs of every shipped face qualify (else the fast path is
/// pointless), each with its nominal glyph and hmtx advance, and no glyph that a lookup touches does.
TEST(TextShapeFast, EligibilityExcludesLookupGlyphs) {
  for (const Face* f : all_faces()) {
    SCOPED_TRACE(f->postscript_name());
    if (!f->covers(U'一')) continue;  // the symbol fallback (DejaVu Sans: ☐ ☑ ☒) has no ideographs
    const auto& table = f->direct_glyphs();
    ASSERT_EQ(table.size(), Face::kDirectLast - Face::kDirectFirst + 1);
    size_t covered = 0, direct = 0;
    for (char32_t cp = Face::kDirectFirst; cp <= Face::kDirectLast; ++cp) {
      const Face::DirectGlyph& g = table[cp - Face::kDirectFirst];
      covered += ideograph(cp) && f->covers(cp);
      if (g.gid == 0) continue;
      ++direct;
      EXPECT_TRUE(ideograph(cp));
      EXPECT_EQ(g.gid, f->glyph_for(cp));
      EXPECT_EQ(g.advance, f->advance(g.gid));
      EXPECT_FALSE(f->in_any_lookup(g.gid));
    }
    // Fandol: over 90 %; Noto CJK: about 54 % (its `locl` lookups hold the JP/KR/TC forms).
    const bool fandol = f->postscript_name().starts_with("Fandol");
    EXPECT_GT(direct, fandol ? covered * 9 / 10 : covered / 2) << direct << " of " << covered;
    // Full-width punctuation has GPOS adjustments (halt/vhal/vert…) in every face: never direct.
    EXPECT_TRUE(f->in_any_lookup(f->glyph_for(U'，')));
    EXPECT_TRUE(f->in_any_lookup(f->glyph_for(U'《')));
  }
  // Noto CJK maps some ideographs to other glyphs under `locl` (for other languages) or `vert`:
  // those stay with HarfBuzz.
  const Face* noto = test::fonts().chain("仿宋").faces.at(1);
  ASSERT_TRUE(noto->postscript_name().starts_with("NotoSerifCJK"));
  size_t in_lookups = 0;
  for (char32_t cp = 0x4E00; cp <= 0x9FFF; ++cp) {
    const uint32_t gid = noto->glyph_for(cp);
    if (gid != 0 && noto->in_any_lookup(gid)) {
      ++in_lookups;
      EXPECT_EQ(noto->direct_glyphs()[cp - Face::kDirectFirst].gid, 0u) << utf8::codepoint_name(cp);
    }
  }
  EXPECT_GT(in_lookups, 0u);
}

/// Random paragraphs of Han, punctuation, digits, Latin, spaces, fallback characters, line breaks
/// and the characters that must stop the fast path (marks, selectors, ZWJ, compatibility
/// ideographs), in every family: fast and reference shaping are identical.
TEST(TextShapeFast, RandomParagraphsMatchHarfBuzz) {
  const std::vector<std::string> pieces = {
      "，", "。", "、", "：", "；", "“", "”", "《", "》", "（", "）", "——", "……", "‘", "’", "！", "？", "·",
      "0",  "1",  "9",  "12", "89.13", "%", "％", " ", "  ", "A", "CPU", "Latin", "x", "-", "/", ".", ",",
      "堃", "珺", "喆", "\n", "\t", "\u0301", "\uFE00", "\U000E0100", "\u200D", "\u200C", "\uFF9E", "豈", "\u3000",
      "万元", "年", "月", "日", "〇", "㐀", "䶵", "\u9FEF", "龥", "\U0001F600"};
  std::mt19937 rng(20171231);
  for (const std::string& fam : test::fonts().families())
    for (Weight w : {Weight::Regular, Weight::Bold}) {
      const FontChain& chain = test::fonts().chain(fam, w);
      SCOPED_TRACE(fam);
      for (int n = 0; n < 1000; ++n) {
        std::string text;
        const int len = std::uniform_int_distribution<int>(1, 60)(rng);
        for (int k = 0; k < len; ++k) {
          if (std::uniform_int_distribution<int>(0, 2)(rng) != 0) {  // mostly Han
            const char32_t cp = std::uniform_int_distribution<char32_t>(0x4E00, 0x9FA5)(rng);
            if (chain.face_for(cp)) utf8::append(text, cp);
          } else {
            const std::string& p = pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
            std::string candidate = text + p;
            bool covered = true;  // keep only text some face covers
            for (size_t q = 0; q < p.size();) {
              const char32_t cp = utf8::next(p, q);
              if (cp != '\n' && cp != '\t' && !chain.face_for(cp) && cp != 0x200D && cp != 0x200C) covered = false;
            }
            if (covered) text = candidate;
          }
        }
        try {
          check(text, chain, 14, n % 3 == 0 ? 0.5 : 0);
        } catch (const std::exception&) {
          EXPECT_THROW(detail::shape_paragraph_reference(text, chain, 14), std::exception) << text;
        }
        if (HasFatalFailure()) return;
      }
    }
}

/// Faces are shared by worker threads: the table is built once, whoever asks first.
TEST(TextShapeFast, ConcurrentFirstUse) {
  const FontBook book = FontBook::load(test::source_dir() / "fonts" / "fonts.toml");
  const FontChain& chain = book.chain("楷体");
  const std::string text = "通过项目实施，运行维护工作按计划开展实施，确保了系统的正常运行（2017年）。";
  const ShapedText ref = detail::shape_paragraph_reference(text, chain, 14);
  std::vector<std::thread> threads;
  std::vector<ShapedText> got(4);
  for (int i = 0; i < 4; ++i) threads.emplace_back([&, i] { got[i] = shape_paragraph(text, chain, 14); });
  for (auto& t : threads) t.join();
  for (const ShapedText& g : got) expect_same(g, ref);
}
