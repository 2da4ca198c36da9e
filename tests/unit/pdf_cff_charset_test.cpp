// The CFF charset reader (GID → CID) and the name-keyed → CID-keyed converter.
//
// Expected Fandol values were verified independently of this parser with fontTools (ttx: the
// glyph name of GID 8900 in FandolSong-Regular is "cid09910") and agree with Adobe's
// UniGB-UTF16-H CMap (poppler-data), which the test also consults when it is installed.
#include <gtest/gtest.h>

#include <hb.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <cstdlib>
#include <sstream>
#include <string>

#include "corrupt_support.hpp"
#include "core/error.hpp"
#include "font/face.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_cid.hpp"
#include "pdf/font_subset.hpp"

namespace gongwen::pdf {
namespace {

namespace fs = std::filesystem;

fs::path fandol(const char* name) { return fs::path(GONGWEN_SOURCE_DIR) / "fonts" / "fandol" / name; }

std::string cff_table(const Face& face) {
  HbBlob blob(hb_face_reference_table(face.hb_face(), HB_TAG('C', 'F', 'F', ' ')));
  unsigned len = 0;
  const char* d = hb_blob_get_data(blob.get(), &len);
  return std::string(d ? d : "", len);
}

struct Expected {
  char32_t cp;
  uint32_t gid, cid;
};

// FandolSong-Regular: glyphs from GID 8896 up have CID ≠ GID. U+2500 ─ is listed because it is
// a common assumption that box drawing differs: in Fandol ─ (and ┼) sit at CID = GID = 738/798;
// the double-line forms (═ ╬) are the box-drawing glyphs with CID ≠ GID.
const Expected kSong[] = {
    {U'–', 8900, 9910}, {U'¥', 9213, 22354}, {U'€', 9212, 22353}, {U'ˊ', 8897, 9907},
    {U'ˋ', 8898, 9908}, {U'═', 8907, 9927},  {U'╬', 8935, 9955},  {U'─', 738, 738},
    {U'┼', 798, 798},   {U'中', 4559, 4559}, {U'1', 18, 18},
};

// Unicode → Adobe-GB1 CID from poppler-data's UniGB-UTF16-H, if installed (an oracle that
// shares nothing with our parser).
std::optional<uint32_t> unigb_cid(char32_t cp) {
  static const std::map<uint32_t, uint32_t> table = [] {
    std::map<uint32_t, uint32_t> t;
    std::ifstream in("/usr/share/poppler/cMap/Adobe-GB1/UniGB-UTF16-H");
    // cidchar lines "<2013> 9910" and cidrange lines "<02ca> <02cb> 9907"; anything else skipped.
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::vector<std::string> w;
      for (std::string tok; f >> tok;) w.push_back(tok);
      auto hex = [](const std::string& tok) -> long {
        if (tok.size() != 6 || tok.front() != '<' || tok.back() != '>') return -1;
        return std::strtol(tok.substr(1, 4).c_str(), nullptr, 16);
      };
      auto dec = [](const std::string& tok) -> long {
        return !tok.empty() && tok.find_first_not_of("0123456789") == std::string::npos ? std::stol(tok) : -1;
      };
      if (w.size() == 2 && hex(w[0]) >= 0 && dec(w[1]) >= 0) {
        t[uint32_t(hex(w[0]))] = uint32_t(dec(w[1]));
      } else if (w.size() == 3 && hex(w[0]) >= 0 && hex(w[1]) >= 0 && dec(w[2]) >= 0) {
        for (long u = hex(w[0]); u <= hex(w[1]); ++u) t[uint32_t(u)] = uint32_t(dec(w[2]) + (u - hex(w[0])));
      }
    }
    return t;
  }();
  auto it = table.find(static_cast<uint32_t>(cp));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

TEST(CffCharset, FandolGidToCidMatchesAdobeGB1) {
  Face face(fandol("FandolSong-Regular.otf").string(), 0);
  CffInfo info = cff_parse(cff_table(face));
  EXPECT_TRUE(info.cid_keyed);
  EXPECT_EQ(info.registry, "Adobe");
  EXPECT_EQ(info.ordering, "GB1");
  EXPECT_EQ(info.glyph_count, face.glyph_count());
  std::vector<uint16_t> cids = cff_gid_to_cid(info);
  ASSERT_EQ(cids.size(), face.glyph_count());
  for (const Expected& e : kSong) {
    SCOPED_TRACE(std::to_string(static_cast<uint32_t>(e.cp)));
    EXPECT_EQ(face.glyph_for(e.cp), e.gid);
    EXPECT_EQ(cids[e.gid], e.cid);
    if (auto oracle = unigb_cid(e.cp); oracle && e.cp >= 0x80) {
      EXPECT_EQ(*oracle, e.cid);
    }
  }
  // The documented boundary: identity below GID 8896, not from there on.
  for (uint32_t g = 0; g < 8896; ++g) ASSERT_EQ(cids[g], g) << g;
  EXPECT_NE(cids[8896], 8896);
}

TEST(CffCharset, FandolFangHasItsOwnGlyphOrder) {
  Face face(fandol("FandolFang-Regular.otf").string(), 0);
  std::vector<uint16_t> cids = cff_gid_to_cid(cff_parse(cff_table(face)));
  EXPECT_EQ(face.glyph_for(U'ˊ'), 8896u);
  EXPECT_EQ(cids[8896], 9907);
  EXPECT_EQ(face.glyph_for(U'–'), 8899u);
  EXPECT_EQ(cids[8899], 9910);
  EXPECT_EQ(face.glyph_for(U'¥'), 9199u);
  EXPECT_EQ(cids[9199], 22354);
}

TEST(CffCharset, NotoSerifCjkIsCidKeyedWithCidEqualGid) {
  const char* path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
  if (!fs::exists(path)) GTEST_SKIP() << "Noto Serif CJK not installed";
  Face face(path, 2);
  CffInfo info = cff_parse(cff_table(face));
  EXPECT_TRUE(info.cid_keyed);
  EXPECT_EQ(info.ordering, "Identity");
  std::vector<uint16_t> cids = cff_gid_to_cid(info);
  for (uint32_t g = 0; g < cids.size(); ++g) ASSERT_EQ(cids[g], g);
}

TEST(CffCharset, SubsetKeepsSourceCids) {
  Face face(fandol("FandolSong-Regular.otf").string(), 0);
  std::vector<uint16_t> source = cff_gid_to_cid(cff_parse(cff_table(face)));
  std::vector<uint32_t> gids;
  for (const Expected& e : kSong) gids.push_back(e.gid);
  FontSubset sub = subset_face(face, gids);
  CffInfo info = cff_parse(sub.program);
  ASSERT_TRUE(info.cid_keyed);
  EXPECT_EQ(info.glyph_count, gids.size() + 1);  // + .notdef
  for (uint32_t g : gids) EXPECT_EQ(info.charset.at(sub.new_gid.at(g)), source[g]) << g;
}

TEST(CffCharset, NameKeyedFontIsConvertedToCidKeyed) {
  std::string path = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";
  if (!fs::exists(path)) path = "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf";
  if (!fs::exists(path)) GTEST_SKIP() << "no name-keyed CFF font installed";
  Face face(path, 0);
  std::string table = cff_table(face);
  CffInfo before = cff_parse(table);
  EXPECT_FALSE(before.cid_keyed);

  std::string converted = cff_to_cid_keyed(table);
  CffInfo after = cff_parse(converted);
  EXPECT_TRUE(after.cid_keyed);
  EXPECT_EQ(after.registry, "Adobe");
  EXPECT_EQ(after.ordering, "Identity");
  EXPECT_EQ(after.glyph_count, before.glyph_count);
  for (uint32_t g = 0; g < after.glyph_count; ++g) ASSERT_EQ(after.charset[g], g);
  // Charstrings are copied byte for byte.
  auto glyph = [](const std::string& t, const CffInfo& i, size_t k) {
    return t.substr(i.char_strings.items[k].first, i.char_strings.items[k].second - i.char_strings.items[k].first);
  };
  for (size_t k = 0; k < after.glyph_count; k += 7) ASSERT_EQ(glyph(converted, after, k), glyph(table, before, k));
  // Renderers reading it are checked end to end in pdf_writer_test (NameKeyedCff...).
  EXPECT_EQ(cff_to_cid_keyed(converted), converted);  // already CID-keyed: unchanged
}

TEST(CffCharset, MalformedTablesThrowRenderErrors) {
  Face face(fandol("FandolSong-Regular.otf").string(), 0);
  std::string table = cff_table(face);
  for (size_t cut : {size_t{3}, size_t{40}, table.size() / 2}) {
    try {
      (void)cff_parse(table.substr(0, cut));
      ADD_FAILURE() << "no error for a table cut at " << cut;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Render);
      EXPECT_NE(std::string(e.what()).find("CFF"), std::string::npos);
    }
  }
  std::string bad = table;
  bad[0] = 2;  // CFF2 is not embeddable as CIDFontType0C
  EXPECT_THROW(cff_parse(bad), Error);
}

TEST(CffCharset, CorruptedTablesNeverCrash) {
  // Deterministic byte corruption of small subsets (CID-keyed and name-keyed): the reader and
  // the converter either succeed or throw Error(Render); ASan builds check nothing overruns.
  std::vector<std::string> tables;
  Face song(fandol("FandolSong-Regular.otf").string(), 0);
  tables.push_back(subset_face(song, {song.glyph_for(U'中'), song.glyph_for(U'–')}).program);
  for (const char* p : {"/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
                        "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf"}) {
    if (!fs::exists(p)) continue;
    Face f(p, 0);
    tables.push_back(subset_face(f, {f.glyph_for(U'A'), f.glyph_for(U'g')}).program);
    break;
  }
  test::Corruptor corrupt(42);
  for (const std::string& table : tables) {
    for (int round = 0; round < 400; ++round) {
      const std::string t = corrupt.damaged(table, round);
      try {
        (void)cff_parse(t);
        (void)cff_to_cid_keyed(t);
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Render);
      }
    }
  }
}

}  // namespace
}  // namespace gongwen::pdf
