// Our CID-keyed CFF subsetter (cff_subset.hpp). Outputs are judged with the CFF reader
// (cff_charset.hpp) plus a small FDSelect / Font DICT reader here, against the source font and
// against hb-subset's output for the same glyphs (an implementation sharing nothing with ours).
// Renderers reading the embedded subsets are checked end to end in pdf_writer_test.
#include <gtest/gtest.h>

#include <hb.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "corrupt_support.hpp"
#include "core/error.hpp"
#include "font/face.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_subset.hpp"
#include "pdf/font_subset.hpp"

namespace gongwen::pdf {
namespace {

namespace fs = std::filesystem;

const char* const kFandol[] = {"FandolSong-Regular.otf", "FandolSong-Bold.otf", "FandolHei-Regular.otf",
                               "FandolHei-Bold.otf",     "FandolFang-Regular.otf", "FandolKai-Regular.otf"};
const char* const kNoto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

Face fandol(const char* name) { return Face((fs::path(GONGWEN_SOURCE_DIR) / "fonts" / "fandol" / name).string(), 0); }

std::string cff_table(const Face& face) {
  HbBlob blob(hb_face_reference_table(face.hb_face(), HB_TAG('C', 'F', 'F', ' ')));
  unsigned len = 0;
  const char* d = hb_blob_get_data(blob.get(), &len);
  return std::string(d ? d : "", len);
}

HbBlob blob_of(const std::string& bytes) {
  return HbBlob(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr));
}

std::string item(const std::string& t, const CffIndex& idx, size_t k) {
  return t.substr(idx.items.at(k).first, idx.items[k].second - idx.items[k].first);
}

size_t top_offset(const CffInfo& info, int op) {
  for (const auto& e : info.top)
    if (e.op == op) return static_cast<size_t>(e.operands.at(0));
  ADD_FAILURE() << "no operator " << op;
  return 0;
}

unsigned byte(const std::string& t, size_t at) { return static_cast<unsigned char>(t.at(at)); }
unsigned be16(const std::string& t, size_t at) { return byte(t, at) << 8 | byte(t, at + 1); }

// FDSelect (formats 0 and 3) expanded to one Font DICT number per glyph.
std::vector<unsigned> fd_select(const std::string& t, const CffInfo& info) {
  const size_t at = top_offset(info, cff_op::kFdSelect);
  std::vector<unsigned> fds;
  if (byte(t, at) == 0) {
    for (unsigned g = 0; g < info.glyph_count; ++g) fds.push_back(byte(t, at + 1 + g));
  } else {
    EXPECT_EQ(byte(t, at), 3u);
    const unsigned ranges = be16(t, at + 1);
    for (unsigned r = 0; r < ranges; ++r) {
      const size_t p = at + 3 + 3 * r;
      for (unsigned g = be16(t, p); g < be16(t, p + 3); ++g) fds.push_back(byte(t, p + 2));
    }
    EXPECT_EQ(be16(t, at + 3 + 3 * ranges), info.glyph_count) << "sentinel";
  }
  EXPECT_EQ(fds.size(), info.glyph_count);
  return fds;
}

// Each Font DICT without its Private entry, and its Private DICT without Subrs (raw bytes).
std::vector<std::pair<std::string, std::string>> font_dicts(const std::string& t, const CffInfo& info) {
  std::vector<std::pair<std::string, std::string>> out;
  const CffIndex fda = cff_read_index(t, top_offset(info, cff_op::kFdArray));
  for (size_t k = 0; k < fda.items.size(); ++k) {
    std::pair<std::string, std::string> fd;
    for (const auto& e : cff_read_dict(item(t, fda, k))) {
      if (e.op != cff_op::kPrivate) {
        fd.first += e.raw;
        continue;
      }
      const auto size = static_cast<size_t>(e.operands.at(0)), at = static_cast<size_t>(e.operands.at(1));
      for (const auto& pe : cff_read_dict(t.substr(at, size)))
        if (pe.op != cff_op::kSubrs) fd.second += pe.raw;
    }
    out.push_back(fd);
  }
  return out;
}

// The subset of `source_table` holding `gids` must hold exactly .notdef + gids in glyph-id
// order, each with its source CID, charstring and Font DICT; everything else equal.
void expect_faithful_subset(const std::string& source_table, std::vector<uint32_t> gids, const std::string& sub) {
  const CffInfo src = cff_parse(source_table), out = cff_parse(sub);
  gids.push_back(0);
  std::sort(gids.begin(), gids.end());
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
  ASSERT_TRUE(out.cid_keyed);
  EXPECT_EQ(out.registry, src.registry);
  EXPECT_EQ(out.ordering, src.ordering);
  EXPECT_EQ(out.supplement, src.supplement);
  ASSERT_EQ(out.glyph_count, gids.size());
  ASSERT_EQ(out.charset.size(), gids.size());
  EXPECT_TRUE(out.global_subrs.items.empty());
  const std::vector<unsigned> src_fd = fd_select(source_table, src), out_fd = fd_select(sub, out);
  for (size_t k = 0; k < gids.size(); ++k) {
    SCOPED_TRACE("glyph " + std::to_string(gids[k]));
    EXPECT_EQ(out.charset[k], src.charset.at(gids[k]));
    EXPECT_EQ(item(sub, out.char_strings, k), item(source_table, src.char_strings, gids[k]));
    EXPECT_EQ(out_fd.at(k), src_fd.at(gids[k]));
  }
  EXPECT_EQ(font_dicts(sub, out), font_dicts(source_table, src));
  ASSERT_EQ(out.strings.items.size(), src.strings.items.size());
  for (size_t k = 0; k < src.strings.items.size(); ++k) EXPECT_EQ(item(sub, out.strings, k), item(source_table, src.strings, k));
  EXPECT_EQ(item(sub, out.names, 0), item(source_table, src.names, 0));
}

// Glyphs of every kind: .notdef neighbours, Latin, hanzi, and the CID ≠ GID block (8896 up).
std::vector<uint32_t> sample_gids(const Face& face) {
  std::vector<uint32_t> gids = {1, 2, 18, 34, 738, 4559};
  for (char32_t cp : {U'中', U'文', U'–', U'¥', U'€', U'ˊ', U'═', U'╬', U'，', U'。'})
    if (uint32_t g = face.glyph_for(cp)) gids.push_back(g);
  for (uint32_t g = 8896; g < face.glyph_count(); g += 37) gids.push_back(g);
  gids.push_back(face.glyph_count() - 1);
  return gids;
}

TEST(CffSubset, FandolSubsetsKeepCidsCharstringsAndDicts) {
  for (const char* name : kFandol) {
    SCOPED_TRACE(name);
    Face face = fandol(name);
    const CffSource& source = cff_source(face);
    ASSERT_TRUE(source.can_subset()) << source.why_not_subset();
    const std::vector<uint32_t> gids = sample_gids(face);
    const std::string sub = source.subset(gids);
    const std::string table = cff_table(face);
    expect_faithful_subset(table, gids, sub);

    // The same glyphs through hb-subset: same glyph order, CIDs and charstrings.
    FontSubset hb = subset_face_with_harfbuzz(face, gids);
    const CffInfo a = cff_parse(sub), b = cff_parse(hb.program);
    ASSERT_EQ(a.glyph_count, b.glyph_count);
    EXPECT_EQ(a.charset, b.charset);
    for (size_t k = 0; k < a.glyph_count; ++k) ASSERT_EQ(item(sub, a.char_strings, k), item(hb.program, b.char_strings, k)) << k;
    for (uint32_t g : gids) EXPECT_EQ(a.charset.at(hb.new_gid.at(g)), source.charset()[g]);
    // No larger than hb-subset's (same charstrings; we share its compact charset choice).
    EXPECT_LE(sub.size(), hb.program.size() + 16);
  }
}

TEST(CffSubset, SubsetFaceUsesItAndMapsGlyphsInOrder) {
  Face face = fandol("FandolSong-Regular.otf");
  const std::vector<uint32_t> gids = {9213, 4559, 8900, 18, 4559};
  FontSubset sub = subset_face(face, gids);
  EXPECT_EQ(sub.program, cff_source(face).subset(gids));
  EXPECT_EQ(sub.new_gid.size(), 5u);  // .notdef + 4 distinct
  EXPECT_EQ(sub.new_gid.at(0), 0u);
  EXPECT_EQ(sub.new_gid.at(18), 1u);
  EXPECT_EQ(sub.new_gid.at(4559), 2u);
  EXPECT_EQ(sub.new_gid.at(8900), 3u);
  EXPECT_EQ(sub.new_gid.at(9213), 4u);
}

TEST(CffSubset, OrderDuplicatesAndNotdefDoNotMatterAndOutputIsDeterministic) {
  Face face = fandol("FandolKai-Regular.otf");
  const CffSource& source = cff_source(face);
  const std::string a = source.subset({4559, 8900, 18});
  EXPECT_EQ(source.subset({18, 8900, 4559, 18, 0, 8900}), a);
  EXPECT_EQ(source.subset({4559, 8900, 18}), a);

  const std::string only_notdef = source.subset({});
  expect_faithful_subset(cff_table(face), {}, only_notdef);
  EXPECT_EQ(cff_parse(only_notdef).glyph_count, 1u);
}

TEST(CffSubset, CharsetAndFdSelectTakeTheSmallerFormat) {
  Face face = fandol("FandolHei-Regular.otf");
  const CffSource& source = cff_source(face);
  const std::string table = cff_table(face);
  std::vector<uint32_t> run;  // CID = GID here: one range
  for (uint32_t g = 1; g <= 400; ++g) run.push_back(g);
  const std::string dense = source.subset(run);
  const CffInfo d = cff_parse(dense);
  EXPECT_EQ(byte(dense, top_offset(d, cff_op::kCharset)), 2u);
  EXPECT_EQ(byte(dense, top_offset(d, cff_op::kFdSelect)), 3u);
  expect_faithful_subset(table, run, dense);

  const std::vector<uint32_t> sparse = {5, 100, 4559, 8900, 9000};
  const std::string s = source.subset(sparse);
  EXPECT_EQ(byte(s, top_offset(cff_parse(s), cff_op::kCharset)), 0u);
  expect_faithful_subset(table, sparse, s);
}

TEST(CffSubset, GlyphBeyondTheFontIsARenderError) {
  Face face = fandol("FandolSong-Regular.otf");
  try {
    (void)cff_source(face).subset({face.glyph_count()});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Render);
  }
}

// hb-subset desubroutinizes Noto: its subset is a CID-keyed font with several Font DICTs and no
// subroutines, i.e. a source our subsetter accepts — this covers FDSelect and FDArray > 1.
TEST(CffSubset, SeveralFontDictsKeepEachGlyphsFontDict) {
  if (!fs::exists(kNoto)) GTEST_SKIP() << "Noto Serif CJK not installed";
  Face noto(kNoto, 2);
  std::vector<uint32_t> pick;
  for (char32_t cp : {U'A', U'中', U'あ', U'、', U'€', U'Ω', U'д', U'1', U'国', U'カ', U'g'}) pick.push_back(noto.glyph_for(cp));
  const std::string table = subset_face_with_harfbuzz(noto, pick).program;
  CffSource source(blob_of(table));
  ASSERT_TRUE(source.can_subset()) << source.why_not_subset();
  ASSERT_GT(font_dicts(table, cff_parse(table)).size(), 3u);
  for (const std::vector<uint32_t>& gids : {std::vector<uint32_t>{1, 3, 5, 7, 9, 11}, std::vector<uint32_t>{2, 4},
                                            std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}) {
    const std::string sub = source.subset(gids);
    expect_faithful_subset(table, gids, sub);
  }
}

TEST(CffSubset, FontsWithSubroutinesAndNameKeyedFontsGoToHarfbuzz) {
  if (fs::exists(kNoto)) {
    Face noto(kNoto, 2);
    const CffSource& source = cff_source(noto);
    EXPECT_TRUE(source.cid_keyed());
    EXPECT_FALSE(source.can_subset());
    EXPECT_NE(source.why_not_subset().find("subroutines"), std::string::npos) << source.why_not_subset();
    const std::vector<uint32_t> gids = {noto.glyph_for(U'中'), noto.glyph_for(U'A')};
    EXPECT_EQ(subset_face(noto, gids).program, subset_face_with_harfbuzz(noto, gids).program);
  }
  for (const char* p : {"/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
                        "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf"}) {
    if (!fs::exists(p)) continue;
    Face f(p, 0);
    EXPECT_FALSE(cff_source(f).cid_keyed());
    EXPECT_FALSE(cff_source(f).can_subset());
    EXPECT_THROW((void)cff_source(f).subset({1}), Error);
  }
}

TEST(CffSubset, SourceIsParsedOncePerFace) {
  Face face = fandol("FandolFang-Regular.otf");
  EXPECT_EQ(&cff_source(face), &cff_source(face));
  Face other = fandol("FandolFang-Regular.otf");  // another Face of the same file: its own entry
  EXPECT_NE(&cff_source(face), &cff_source(other));
}

TEST(CffSubset, DerivedDataIsMadeOncePerFaceAndFreedWithIt) {
  struct Probe {
    int* alive;
    explicit Probe(int* a) : alive(a) { ++*alive; }
    ~Probe() { --*alive; }
  };
  int alive = 0, made = 0;
  {
    Face face = fandol("FandolKai-Regular.otf");
    auto make = [&] { ++made; return std::make_unique<Probe>(&alive); };
    const Probe& a = face.derived<Probe>(make);
    EXPECT_EQ(&a, &face.derived<Probe>(make));
    EXPECT_EQ(made, 1);
    EXPECT_EQ(alive, 1);
  }
  EXPECT_EQ(alive, 0);  // went with the face: nothing process-global holds it
}

TEST(FontSubsetEntry, CidKeyedCffKeepsTheSourceCids) {
  Face face = fandol("FandolSong-Regular.otf");
  const CffSource& source = cff_source(face);
  const std::vector<uint32_t> asked = {face.glyph_for(U'国'), face.glyph_for(U'中'), face.glyph_for(U'国'), face.glyph_for(U'A')};
  const SubsetFont sub = subset(face, asked);
  std::vector<uint32_t> sorted = {asked[1], asked[0], asked[3]};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sub.program, source.subset(sorted));
  EXPECT_EQ(sub.registry, source.registry());
  EXPECT_EQ(sub.ordering, source.ordering());
  EXPECT_EQ(sub.supplement, source.supplement());
  ASSERT_EQ(sub.cid.size(), 4u);  // .notdef and three distinct glyphs
  const CffInfo parsed = cff_parse(sub.program);
  ASSERT_TRUE(parsed.cid_keyed);
  for (const auto& [gid, cid] : sub.cid) {
    EXPECT_EQ(cid, source.charset().at(gid)) << gid;
    EXPECT_NE(std::find(parsed.charset.begin(), parsed.charset.end(), cid), parsed.charset.end()) << cid;
  }
  try {
    (void)subset(face, {face.glyph_count()});
    ADD_FAILURE() << "a glyph id past the font was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot embed font FandolSong-Regular"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

TEST(FontSubsetEntry, OtherFontsGetCompactCids) {
  // Name-keyed CFF comes back CID-keyed (CID = glyph in the subset); TrueType keeps its sfnt.
  for (const char* p : {"/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
                        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}) {
    if (!fs::exists(p)) continue;
    Face f(p, 0);
    const SubsetFont sub = subset(f, {f.glyph_for(U'g'), f.glyph_for(U'A')});
    EXPECT_EQ(sub.registry, "Adobe");
    EXPECT_EQ(sub.ordering, "Identity");
    ASSERT_EQ(sub.cid.size(), 3u) << p;
    std::vector<uint16_t> cids;
    for (const auto& [gid, cid] : sub.cid) cids.push_back(cid);
    EXPECT_EQ(cids, (std::vector<uint16_t>{0, 1, 2})) << p;  // in source glyph order
    if (f.is_cff()) {
      const CffInfo parsed = cff_parse(sub.program);
      EXPECT_TRUE(parsed.cid_keyed) << p;
      EXPECT_EQ(parsed.glyph_count, 3u) << p;
    } else {
      ASSERT_GE(sub.program.size(), 12u);
      EXPECT_EQ(sub.program.substr(0, 4), std::string("\x00\x01\x00\x00", 4)) << p;
    }
  }
}

TEST(CffSubset, RepeatedTopDictOffsetOperatorLeavesTheFontToHarfbuzz) {
  // cff fuzzer finding: a CID-keyed Top DICT with `charset` twice and no FDSelect counted four
  // offset operators, so the FDSelect placeholder was never written and its offset was patched
  // over the subset's Name INDEX; the subset read back as name-keyed.
  const fs::path found = fs::path(GONGWEN_SOURCE_DIR) / "tests/fuzz/corpus/cff/crash-repeated-top-dict-offset";
  std::ifstream in(found, std::ios::binary);
  ASSERT_TRUE(in) << found;
  const std::string table((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const CffInfo info = cff_parse(table);
  ASSERT_TRUE(info.cid_keyed);
  CffSource source(blob_of(table));
  EXPECT_FALSE(source.can_subset());
  EXPECT_NE(source.why_not_subset().find("repeats an offset operator"), std::string::npos) << source.why_not_subset();
}

TEST(CffSubset, CorruptedSourcesNeverCrash) {
  // Deterministic corruption of small CID-keyed sources without subroutines (the kind the fast
  // path accepts): parsing and subsetting either succeed or throw Error(Render); ASan builds
  // check nothing overruns.
  Face song = fandol("FandolSong-Regular.otf");
  std::vector<std::string> tables = {cff_source(song).subset({18, 4559, 8900, 9213})};
  if (fs::exists(kNoto)) {
    Face noto(kNoto, 2);
    tables.push_back(subset_face_with_harfbuzz(noto, {noto.glyph_for(U'A'), noto.glyph_for(U'中'), noto.glyph_for(U'、')}).program);
  }
  test::Corruptor corrupt(7);
  int subsets = 0;
  for (const std::string& table : tables) {
    for (int round = 0; round < 400; ++round) {
      const std::string t = corrupt.damaged(table, round);
      try {
        CffSource source(blob_of(t));
        if (!source.can_subset()) continue;
        std::string sub = source.subset({1, source.glyph_count() - 1});
        (void)cff_parse(sub);
        ++subsets;
      } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Render);
      }
    }
  }
  EXPECT_GT(subsets, 0);  // the corruption does not always stop the subsetter
}

}  // namespace
}  // namespace gongwen::pdf
