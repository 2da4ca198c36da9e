// End-to-end tests of the PDF writer, judged by independent tools: poppler (pdftotext, pdffonts,
// pdftoppm), MuPDF (mutool), Ghostscript and qpdf. Documents are built by hand: glyph ids from
// Face::glyph_for, positions from Face::advance.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/face.hpp"
#include "test_support.hpp"
#include "pdf/cff_subset.hpp"
#include "pdf/pdf_writer.hpp"

#include <podofo/podofo.h>

namespace gongwen {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- fonts and documents

using test::fandol;
const Face& song() { return fandol("FandolSong-Regular.otf"); }
const Face& fang() { return fandol("FandolFang-Regular.otf"); }

const Face* optional_face(const std::vector<std::string>& paths, unsigned index = 0) {
  static std::map<std::string, std::unique_ptr<Face>> cache;
  for (const auto& p : paths) {
    if (!fs::exists(p)) continue;
    auto& f = cache[p];
    if (!f) f = std::make_unique<Face>(p, index);
    return f.get();
  }
  return nullptr;
}
const Face* truetype() {
  return optional_face({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
}
const Face* noto_sc() { return optional_face({"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"}, 2); }
const Face* name_keyed_cff() {
  return optional_face({"/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
                        "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf"});
}

/// One glyph per character at its natural advance; every glyph maps its own character.
GlyphRun make_run(const Face& face, double size, double x, double y, const std::string& text) {
  GlyphRun run;
  run.face = &face;
  run.size = size;
  run.x = x;
  run.y = y;
  run.text = text;
  double pen = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t begin = pos;
    const char32_t cp = utf8::next(text, pos);
    const uint32_t gid = face.glyph_for(cp);
    if (gid == 0) throw std::runtime_error("test font " + face.postscript_name() + " lacks " + utf8::codepoint_name(cp));
    run.glyphs.push_back({gid, pen, 0, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)});
    pen += face.advance(gid) * size / face.units_per_em();
  }
  run.width = pen;
  return run;
}

Document one_page(std::vector<Item> items) {
  Document doc;
  doc.meta.title = "测试 <文档> & \"quotes\"";
  doc.meta.author = "gongwen tests";
  doc.meta.creation_time = 1700000000;
  doc.pages.emplace_back();
  doc.pages.back().items = std::move(items);
  return doc;
}

// ---------------------------------------------------------------- tools

struct Output {
  int status = -1;
  std::string out;
};

Output run(const std::string& cmd) {
  Output r;
  FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

bool have(const char* tool) { return run(std::string("command -v ") + tool).status == 0; }

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("gongwen-pdf-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    // GONGWEN_KEEP_TEST_FILES=1 keeps the PDFs and renders for a look.
    if (std::getenv("GONGWEN_KEEP_TEST_FILES")) {
      std::printf("test files kept in %s\n", dir_.c_str());
      return;
    }
    fs::remove_all(dir_);
  }

  fs::path save(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  static std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

  std::string pdftotext(const fs::path& pdf, int page) {
    Output o = run("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(pdf) + " -");
    EXPECT_EQ(o.status, 0);
    std::string s = o.out;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\f')) s.pop_back();
    return s;
  }

  fs::path dir_;
};

// ---------------------------------------------------------------- grey maps

struct Gray {
  int w = 0, h = 0;
  std::vector<uint8_t> px;
  uint8_t at(int x, int y) const { return (x < 0 || y < 0 || x >= w || y >= h) ? 255 : px[size_t(y) * w + x]; }
};

// Binary PGM (P5, maxval 255), comments allowed: what pdftoppm -gray, mutool -c gray and gs
// pgmraw write.
Gray read_pgm(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Gray g;
  size_t pos = 0;
  auto token = [&]() {
    for (;;) {
      while (pos < data.size() && std::isspace(static_cast<unsigned char>(data[pos]))) ++pos;
      if (pos < data.size() && data[pos] == '#') {
        while (pos < data.size() && data[pos] != '\n') ++pos;
        continue;
      }
      break;
    }
    size_t b = pos;
    while (pos < data.size() && !std::isspace(static_cast<unsigned char>(data[pos]))) ++pos;
    return data.substr(b, pos - b);
  };
  if (token() != "P5") return g;
  g.w = std::stoi(token());
  g.h = std::stoi(token());
  if (std::stoi(token()) != 255) return {};
  ++pos;  // single whitespace before the raster
  if (data.size() - pos < size_t(g.w) * g.h) return {};
  g.px.assign(data.begin() + long(pos), data.begin() + long(pos + size_t(g.w) * g.h));
  return g;
}

struct Box {
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
  bool empty() const { return x1 < 0; }
};

Box ink(const Gray& g, int x0, int y0, int x1, int y1) {
  Box b;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      if (g.at(x, y) < 128) {
        b.x0 = std::min(b.x0, x);
        b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x + 1);
        b.y1 = std::max(b.y1, y + 1);
      }
  return b;
}

// ================================================================= 1. text round trip

const char* kCidText = "价格¥12–15€ ˊ ─┼─ ═╬═ 中文";

TEST_F(PdfWriterTest, PdftotextGivesBackFandolAndTrueTypeText) {
  const Face* tt = truetype();
  if (!tt) GTEST_SKIP() << "DejaVuSans.ttf not installed (fonts-dejavu-core)";
  const std::string latin = "Grüße, Ελλάδα, Привет! (1+2=3)";
  Document doc = one_page({make_run(song(), 14, 72, 100, kCidText)});
  doc.pages.emplace_back();
  doc.pages.back().items.push_back(make_run(*tt, 14, 72, 100, latin));
  fs::path pdf = save("text.pdf", render_pdf(doc));
  EXPECT_EQ(pdftotext(pdf, 1), kCidText);
  EXPECT_EQ(pdftotext(pdf, 2), latin);
}

// Origin x of every non-space character MuPDF extracts from a page (its stext output).
std::vector<double> mupdf_char_x(const std::string& pdf, int page) {
  Output o = run("mutool draw -F stext -o - '" + pdf + "' " + std::to_string(page));
  EXPECT_EQ(o.status, 0);
  std::vector<double> xs;
  for (size_t p = o.out.find("<char "); p != std::string::npos; p = o.out.find("<char ", p + 1)) {
    if (o.out.compare(o.out.find(" c=\"", p), 6, " c=\" \"") == 0) continue;  // spaces, synthetic or not
    xs.push_back(std::stod(o.out.substr(o.out.find(" x=\"", p) + 4)));
  }
  return xs;
}

// Every glyph must land at run.x + glyph.x: the TJ adjustments and /W, /DW together decide it.
void expect_positions(const std::string& pdf, int page, const GlyphRun& r) {
  std::vector<double> want;
  for (const PlacedGlyph& g : r.glyphs)
    if (r.text.substr(g.text_begin, g.text_end - g.text_begin) != " ") want.push_back(r.x + g.x);
  std::vector<double> got = mupdf_char_x(pdf, page);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.01) << "glyph " << i;
}

TEST_F(PdfWriterTest, GlyphsLandExactlyWhereTheLayoutPutThem) {
  if (!have("mutool")) GTEST_SKIP() << "mutool not installed";
  // CJK spread by justification: TJ adjustments place each glyph.
  GlyphRun cjk = make_run(fang(), 16, 90, 120, "一二三四五六七八");
  for (size_t i = 0; i < cjk.glyphs.size(); ++i) cjk.glyphs[i].x += i * 3.25;
  fs::path pdf = save("just.pdf", render_pdf(one_page({cjk})));
  EXPECT_EQ(pdftotext(pdf, 1), "一二三四五六七八");
  expect_positions(pdf.string(), 1, cjk);
  // Proportional Latin at natural advances (exercises /W and /DW), then squeezed.
  if (const Face* tt = truetype()) {
    GlyphRun latin = make_run(*tt, 12, 72, 100, "TrueType text, xyxy");
    GlyphRun tight = latin;
    for (size_t i = 0; i < tight.glyphs.size(); ++i) tight.glyphs[i].x -= i * 0.4;
    fs::path p2 = save("latin.pdf", render_pdf(one_page({latin})));
    expect_positions(p2.string(), 1, latin);
    fs::path p3 = save("tight.pdf", render_pdf(one_page({tight})));
    expect_positions(p3.string(), 1, tight);
  }
  if (const Face* cff = name_keyed_cff()) {
    GlyphRun latin = make_run(*cff, 12, 72, 100, "Name-keyed CFF, xyxy");
    fs::path p4 = save("cff.pdf", render_pdf(one_page({latin})));
    expect_positions(p4.string(), 1, latin);
  }
}

// ================================================================= 2. CID glyphs are drawn

struct Placed {
  uint32_t gid;
  double left, top, right, bottom;  // expected ink box, pt from the top-left
  std::string text;
};

// Glyphs whose CID ≠ GID in Fandol, each alone in a cell at 100 pt; ink must appear where the
// glyph's outline is (a wrong CID shows nothing, or .notdef with a different box). Characters
// `f` lacks are left out (FandolSong has them all).
std::vector<Placed> cid_test_page(Document& doc, const Face& f = song()) {
  const double size = 100, k = size / f.units_per_em();
  std::vector<Item> items;
  std::vector<Placed> placed;
  const char32_t cps[] = {U'–', U'¥', U'€', U'ˊ', U'ˋ', U'═', U'╬', U'╔', U'价'};
  int i = 0;
  for (char32_t cp : cps) {
    if (&f != &song() && !f.covers(cp)) continue;
    const double x = 40 + (i % 4) * 135, base = 150 + (i / 4) * 180;
    std::string text;
    utf8::append(text, cp);
    GlyphRun run = make_run(f, size, x, base, text);
    hb_glyph_extents_t e{};
    hb_font_get_glyph_extents(f.hb_font(), run.glyphs[0].gid, &e);
    placed.push_back({run.glyphs[0].gid, x + e.x_bearing * k, base - e.y_bearing * k, x + (e.x_bearing + e.width) * k,
                      base - (e.y_bearing + e.height) * k, text});
    items.push_back(std::move(run));
    ++i;
  }
  doc = one_page(std::move(items));
  return placed;
}

void expect_glyph_ink(const Gray& g, const std::vector<Placed>& placed, const std::string& who) {
  ASSERT_GT(g.w, 590) << who << ": no image";
  for (const Placed& p : placed) {
    SCOPED_TRACE(who + " gid " + std::to_string(p.gid));
    Box b = ink(g, int(p.left) - 25, int(p.top) - 25, int(p.right) + 25, int(p.bottom) + 25);
    ASSERT_FALSE(b.empty()) << "glyph vanished";
    EXPECT_NEAR(b.x0, p.left, 3);
    EXPECT_NEAR(b.x1, p.right, 3);
    EXPECT_NEAR(b.y0, p.top, 3);
    EXPECT_NEAR(b.y1, p.bottom, 3);
  }
}

TEST_F(PdfWriterTest, CidNotEqualGidGlyphsRenderInPopplerMupdfAndGhostscript) {
  Document doc;
  std::vector<Placed> placed = cid_test_page(doc);
  fs::path pdf = save("cid.pdf", render_pdf(doc));
  int renderers = 0;
  if (have("pdftoppm")) {
    ASSERT_EQ(run("pdftoppm -r 72 -gray -singlefile " + q(pdf) + " " + q(dir_ / "poppler")).status, 0);
    expect_glyph_ink(read_pgm(dir_ / "poppler.pgm"), placed, "poppler");
    ++renderers;
  }
  if (have("mutool")) {
    ASSERT_EQ(run("mutool draw -q -r 72 -c gray -o " + q(dir_ / "mupdf.pgm") + " " + q(pdf) + " 1").status, 0);
    expect_glyph_ink(read_pgm(dir_ / "mupdf.pgm"), placed, "mupdf");
    ++renderers;
  }
  if (have("gs")) {
    ASSERT_EQ(run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r72 -sOutputFile=" + q(dir_ / "gs.pgm") + " " + q(pdf)).status, 0);
    expect_glyph_ink(read_pgm(dir_ / "gs.pgm"), placed, "ghostscript");
    ++renderers;
  }
  if (renderers == 0) GTEST_SKIP() << "no renderer installed";
}

// The PDF's CFF font programs, decompressed by PoDoFo (zlib): an independent Flate reader.
std::vector<std::string> embedded_cff(const std::string& pdf) {
  PoDoFo::PdfError::EnableDebug(false);  // PoDoFo's parser prints the trailer otherwise
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfMemDocument mem;
  mem.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  std::vector<std::string> programs;
  for (PoDoFo::PdfObject* o : mem.GetObjects()) {
    if (!o->IsDictionary() || !o->HasStream()) continue;
    const PoDoFo::PdfObject* subtype = o->GetDictionary().GetKey("Subtype");
    if (!subtype || !subtype->IsName() || subtype->GetName().GetName() != "CIDFontType0C") continue;
    char* buf = nullptr;
    PoDoFo::pdf_long len = 0;
    o->GetStream()->GetFilteredCopy(&buf, &len);
    programs.emplace_back(buf, static_cast<size_t>(len));
    PoDoFo::podofo_free(buf);
  }
  return programs;
}

// The other Fandol faces through our CFF subsetter (cff_subset.hpp): each embeds exactly
// CffSource::subset() of its glyphs, and CID ≠ GID glyphs render where FreeType puts them.
TEST_F(PdfWriterTest, EveryFandolFaceEmbedsOurSubsetAndRendersCidNotEqualGidGlyphs) {
  for (const char* file : {"FandolFang-Regular.otf", "FandolHei-Regular.otf", "FandolKai-Regular.otf", "FandolSong-Bold.otf"}) {
    SCOPED_TRACE(file);
    const Face& f = fandol(file);
    Document doc;
    std::vector<Placed> placed = cid_test_page(doc, f);
    const std::string bytes = render_pdf(doc);
    std::vector<uint32_t> gids;
    std::string expected_text;
    int cid_not_gid = 0;
    for (const Placed& p : placed) {
      gids.push_back(p.gid);
      expected_text += p.text;
      cid_not_gid += pdf::cff_source(f).charset().at(p.gid) != p.gid;
    }
    EXPECT_GE(cid_not_gid, 5);
    ASSERT_TRUE(pdf::cff_source(f).can_subset());
    EXPECT_EQ(embedded_cff(bytes), std::vector<std::string>{pdf::cff_source(f).subset(gids)});

    fs::path pdf = save("cid.pdf", bytes);
    std::string text = pdftotext(pdf, 1);
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }), text.end());
    EXPECT_EQ(text, expected_text);
    if (have("qpdf")) {
      EXPECT_EQ(run("qpdf --check " + q(pdf)).status, 0);
    }
    if (have("pdftoppm")) {
      ASSERT_EQ(run("pdftoppm -r 72 -gray -singlefile " + q(pdf) + " " + q(dir_ / "poppler")).status, 0);
      expect_glyph_ink(read_pgm(dir_ / "poppler.pgm"), placed, "poppler");
    }
    if (have("mutool")) {
      ASSERT_EQ(run("mutool draw -q -r 72 -c gray -o " + q(dir_ / "mupdf.pgm") + " " + q(pdf) + " 1").status, 0);
      expect_glyph_ink(read_pgm(dir_ / "mupdf.pgm"), placed, "mupdf");
    }
    if (have("gs")) {
      ASSERT_EQ(run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r72 -sOutputFile=" + q(dir_ / "gs.pgm") + " " + q(pdf)).status, 0);
      expect_glyph_ink(read_pgm(dir_ / "gs.pgm"), placed, "ghostscript");
    }
  }
}

// ================================================================= 3. fonts and syntax

TEST_F(PdfWriterTest, FontsAreEmbeddedSubsetWithToUnicodeAndQpdfIsClean) {
  std::vector<Item> items = {make_run(song(), 14, 72, 100, kCidText), make_run(fang(), 16, 72, 140, "仿宋正文，一二三。")};
  if (const Face* tt = truetype()) items.push_back(make_run(*tt, 12, 72, 180, "TrueType text"));
  if (const Face* cff = name_keyed_cff()) items.push_back(make_run(*cff, 12, 72, 210, "Name-keyed CFF"));
  if (const Face* noto = noto_sc()) items.push_back(make_run(*noto, 12, 72, 240, "思源宋体"));
  fs::path pdf = save("fonts.pdf", render_pdf(one_page(items)));

  Output fonts = run("pdffonts " + q(pdf));
  ASSERT_EQ(fonts.status, 0);
  std::istringstream lines(fonts.out);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.find("CID ") == std::string::npos) continue;  // header, separator
    ++rows;
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string s; cols >> s;) c.push_back(s);
    ASSERT_GE(c.size(), 7u) << line;
    // name type… encoding emb sub uni object ID: emb/sub/uni are the 5th-7th from the end.
    EXPECT_EQ(c[c.size() - 5], "yes") << line;
    EXPECT_EQ(c[c.size() - 4], "yes") << line;
    EXPECT_EQ(c[c.size() - 3], "yes") << line;
    EXPECT_EQ(c[c.size() - 6], "Identity-H") << line;
    EXPECT_EQ(c[0][6], '+') << "subset tag: " << line;
  }
  EXPECT_EQ(rows, int(items.size())) << fonts.out;

  if (have("qpdf")) {
    Output check = run("qpdf --check " + q(pdf));
    EXPECT_EQ(check.status, 0) << check.out;
    EXPECT_NE(check.out.find("No syntax or stream encoding errors found"), std::string::npos) << check.out;
  }
}

TEST_F(PdfWriterTest, NameKeyedCffFontRendersAndExtracts) {
  const Face* f = name_keyed_cff();
  if (!f) GTEST_SKIP() << "no name-keyed CFF font installed";
  GlyphRun r = make_run(*f, 60, 40, 120, "Hag&x");
  fs::path pdf = save("namekeyed.pdf", render_pdf(one_page({r})));
  EXPECT_EQ(pdftotext(pdf, 1), "Hag&x");
  ASSERT_EQ(run("pdftoppm -r 72 -gray -singlefile " + q(pdf) + " " + q(dir_ / "nk")).status, 0);
  Gray g = read_pgm(dir_ / "nk.pgm");
  Box b = ink(g, 0, 0, g.w, g.h);
  ASSERT_FALSE(b.empty());
  EXPECT_NEAR(b.x0, 40 + 3, 8);
  EXPECT_NEAR(b.x1, 40 + r.width, 8);
}

// ================================================================= 4. reproducibility

TEST_F(PdfWriterTest, SameDocumentGivesIdenticalBytesAndDatesAreTheOnlyDifference) {
  Document doc = one_page({make_run(song(), 14, 72, 100, kCidText), Rule{72, 120, 500, 120, 0.75, {}}});
  doc.outline.push_back({"第一章", 0, 100});
  const std::string a = render_pdf(doc), b = render_pdf(doc);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.rfind("%PDF-1.7", 0), 0u);

  Document later = doc;
  later.meta.creation_time = doc.meta.creation_time + 86400 * 400 + 3661;
  const std::string c = render_pdf(later);
  ASSERT_EQ(c.size(), a.size());  // dates have a fixed width: nothing else moves
  // Every differing byte lies inside a date: "D:YYYYMMDDHHmmSSZ" or "YYYY-MM-DDTHH:mm:SSZ".
  std::vector<std::pair<size_t, size_t>> dates;
  for (const std::string* s : {&a}) {
    for (size_t p = s->find("(D:"); p != std::string::npos; p = s->find("(D:", p + 1)) dates.emplace_back(p, p + 19);
    for (size_t p = s->find("2023-11-14T"); p != std::string::npos; p = s->find("2023-11-14T", p + 1)) dates.emplace_back(p, p + 20);
  }
  EXPECT_EQ(dates.size(), 2u + 3u);  // Info: CreationDate, ModDate; XMP: Create, Modify, Metadata
  size_t differing = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == c[i]) continue;
    ++differing;
    bool in_date = std::any_of(dates.begin(), dates.end(), [&](auto d) { return i >= d.first && i < d.second; });
    ASSERT_TRUE(in_date) << "byte " << i << " differs outside a date: ..." << a.substr(i > 40 ? i - 40 : 0, 80);
  }
  EXPECT_GT(differing, 0u);
  EXPECT_NE(c.find("(D:20241218231421Z)"), std::string::npos);
}

TEST_F(PdfWriterTest, MovedDocumentGivesTheSameBytes) {
  // A batch hands its document over so pages are dropped as they are written; links (read after
  // the content streams) must survive that.
  Document doc = one_page({make_run(song(), 14, 72, 100, kCidText), Rule{72, 120, 500, 120, 0.75, {}},
                           Link{72, 86, 28, 16, "https://example.org/"}});
  doc.pages.push_back(doc.pages[0]);
  doc.outline.push_back({"第一章", 1, 100});
  const std::string kept = render_pdf(doc, 2);
  Document moved = doc;
  EXPECT_EQ(render_pdf(std::move(moved), 2), kept);
  EXPECT_NE(kept.find("/URI"), std::string::npos);
}

// ================================================================= 5. ToUnicode

TEST_F(PdfWriterTest, LigatureGlyphMapsToAllItsCharactersAndClusterTailsToNothing) {
  const Face* tt = truetype();
  if (!tt) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  GlyphRun r = make_run(*tt, 24, 72, 100, "fish");
  // Replace "f" "i" by the ﬁ ligature glyph standing for both characters.
  const uint32_t fi = tt->glyph_for(0xFB01);
  ASSERT_NE(fi, 0u);
  r.glyphs.erase(r.glyphs.begin() + 1);
  r.glyphs[0] = {fi, 0, 0, 0, 2};
  double pen = tt->advance(fi) * 24.0 / tt->units_per_em();
  for (size_t i = 1; i < r.glyphs.size(); ++i) {
    r.glyphs[i].x = pen;
    pen += tt->advance(r.glyphs[i].gid) * 24.0 / tt->units_per_em();
  }
  // "é" as e + combining acute: the mark glyph continues the cluster (empty range).
  GlyphRun e = make_run(*tt, 24, 72, 140, "cafe");
  e.text = "café";
  e.glyphs.back().text_end = static_cast<uint32_t>(e.text.size());
  e.glyphs.push_back({tt->glyph_for(0x0301), e.glyphs.back().x, 0, static_cast<uint32_t>(e.text.size()),
                      static_cast<uint32_t>(e.text.size())});
  fs::path pdf = save("lig.pdf", render_pdf(one_page({r, e})));
  EXPECT_EQ(pdftotext(pdf, 1), "fish\ncafé");
}

TEST_F(PdfWriterTest, NonBmpCharacterRoundTrips) {
  const Face* noto = noto_sc();
  if (!noto || !noto->covers(0x20BB7)) GTEST_SKIP() << "no font with U+20BB7";
  const std::string text = "\xF0\xA0\xAE\xB7野家";  // 𠮷野家
  fs::path pdf = save("nonbmp.pdf", render_pdf(one_page({make_run(*noto, 20, 72, 100, text)})));
  EXPECT_EQ(pdftotext(pdf, 1), text);
}

// ================================================================= 6. size

// Fandol has no CFF subroutines and FandolFang's outlines are detailed: each distinct glyph
// costs ~440 bytes after Flate, so a page's size is set by its distinct characters. The budget
// below (fixed overhead + per distinct glyph) catches whole-font or per-page embedding, and the
// brief's "600 characters < 40 KB" holds for a page of up to ~75 distinct characters.
std::string fang_page(size_t distinct, std::vector<Item>& items) {
  const std::string para =
      "为进一步加强财政资金管理，提高资金使用效益，根据有关规定，现将本单位二〇一七年度项目"
      "绩效评价结果公开如下。项目实施后，各项工作均按计划推进，预算执行情况良好，达到了预期目标，"
      "社会效益和经济效益明显。存在的主要问题是部分指标设置不够细化，建议在今后工作中进一步完善。";
  std::vector<std::string> chars;
  for (size_t pos = 0; pos < para.size() && chars.size() < distinct;) {
    size_t b = pos;
    utf8::next(para, pos);
    std::string c = para.substr(b, pos - b);
    if (std::find(chars.begin(), chars.end(), c) == chars.end()) chars.push_back(c);
  }
  size_t n = 0;
  for (int line = 0; n < 600; ++line) {
    std::string text;
    for (int k = 0; k < 28 && n < 600; ++k, ++n) text += chars[n % chars.size()];
    items.push_back(make_run(fang(), 16, 79, 100 + line * 28.9, text));
  }
  return render_pdf(one_page(items));
}

TEST_F(PdfWriterTest, APageOf600FangSongCharactersIsSmall) {
  std::vector<Item> items;
  const std::string small = fang_page(60, items);
  save("size60.pdf", small);
  EXPECT_LT(small.size(), 40u * 1024) << small.size();

  items.clear();
  const std::string full = fang_page(101, items);  // all of the paragraph's 101 characters
  save("size101.pdf", full);
  EXPECT_LT(full.size(), 8u * 1024 + 101 * 520) << full.size();
  EXPECT_EQ(pdftotext(dir_ / "size101.pdf", 1).size() > 600 * 3, true);
}

// ================================================================= 7. write_pdf

TEST_F(PdfWriterTest, WritePdfReplacesAtomicallyAndLeavesNoTemporaryFile) {
  Document doc = one_page({make_run(song(), 14, 72, 100, "中文")});
  fs::path target = dir_ / "out.pdf";
  std::ofstream(target) << "old contents";
  write_pdf(doc, target);
  std::ifstream in(target, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes, render_pdf(doc));
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"out.pdf"});

  try {
    write_pdf(doc, dir_ / "missing" / "x.pdf");
    ADD_FAILURE() << "no error for a missing folder";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
  }
  // A document that cannot be rendered leaves the old file untouched.
  Document broken = doc;
  broken.pages[0].items.push_back(GlyphRun{});
  EXPECT_THROW(write_pdf(broken, target), Error);
  std::ifstream again(target, std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>()), bytes);
  names.clear();
  for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"out.pdf"});
}

// ================================================================= the rest of the model

std::string png_rgba(int w, int h) {
  auto chunk = [](std::string& out, const char* type, const std::string& data) {
    auto be = [&](uint32_t v) { for (int s = 24; s >= 0; s -= 8) out.push_back(char(v >> s)); };
    be(uint32_t(data.size()));
    std::string td = std::string(type, 4) + data;
    out += td;
    be(uint32_t(crc32(0, reinterpret_cast<const Bytef*>(td.data()), uInt(td.size()))));
  };
  std::string raw;
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);
    for (int x = 0; x < w; ++x) {
      raw += char(200); raw += char(20); raw += char(20);
      raw += char((x + y) % 2 ? 255 : 0);  // alpha checkerboard → needs an SMask
    }
  }
  uLongf len = compressBound(uLong(raw.size()));
  std::string z(len, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size()));
  z.resize(len);
  std::string ihdr;
  for (uint32_t v : {uint32_t(w), uint32_t(h)}) for (int s = 24; s >= 0; s -= 8) ihdr.push_back(char(v >> s));
  ihdr += std::string("\x08\x06\x00\x00\x00", 5);
  std::string png = "\x89PNG\r\n\x1a\n";
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

TEST_F(PdfWriterTest, ImagesAreEmbeddedOncePngAlphaBecomesSMaskJpegPassesThrough) {
  auto png = std::make_shared<ImageData>();
  png->format = ImageData::Format::Png;
  std::string p = png_rgba(8, 8);
  png->bytes.assign(p.begin(), p.end());
  png->name = "seal.png";

  // A JPEG made by poppler from a tiny page.
  Document src = one_page({Rect{0, 0, 100, 100, Color{0.8, 0.1, 0.1}, std::nullopt, 0.5}});
  fs::path src_pdf = save("src.pdf", render_pdf(src));
  ASSERT_EQ(run("pdftoppm -r 10 -jpeg -singlefile " + q(src_pdf) + " " + q(dir_ / "img")).status, 0);
  std::ifstream jin(dir_ / "img.jpg", std::ios::binary);
  auto jpg = std::make_shared<ImageData>();
  jpg->format = ImageData::Format::Jpeg;
  jpg->bytes.assign(std::istreambuf_iterator<char>(jin), std::istreambuf_iterator<char>());
  jpg->name = "photo.jpg";
  ASSERT_GT(jpg->bytes.size(), 100u);

  Document doc = one_page({Image{png, 100, 100, 80, 80}, Image{jpg, 300, 100, 80, 113}});
  doc.pages.push_back(doc.pages[0]);  // same images again on page 2
  const std::string bytes = render_pdf(doc);
  auto count = [&](const std::string& s) {
    size_t n = 0;
    for (size_t at = bytes.find(s); at != std::string::npos; at = bytes.find(s, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("/Subtype/Image"), 3u);  // png + its soft mask + jpeg, once each
  EXPECT_EQ(count("/SMask"), 1u);
  EXPECT_EQ(count("/DCTDecode"), 1u);
  EXPECT_NE(bytes.find(std::string(jpg->bytes.begin(), jpg->bytes.end())), std::string::npos) << "JPEG not passed through";
  fs::path pdf = save("img.pdf", bytes);
  if (have("qpdf")) {
    EXPECT_EQ(run("qpdf --check " + q(pdf)).status, 0);
  }
  // The PNG's red shows where it was placed (y from the top: 100..180).
  ASSERT_EQ(run("pdftoppm -r 72 -singlefile -f 2 -l 2 -gray " + q(pdf) + " " + q(dir_ / "img2")).status, 0);
  Gray g = read_pgm(dir_ / "img2.pgm");
  Box b = ink(g, 0, 0, g.w, g.h);
  EXPECT_NEAR(b.x0, 100, 2);
  EXPECT_NEAR(b.y0, 100, 2);

  auto bad = std::make_shared<ImageData>(*png);
  bad->bytes.resize(40);
  try {
    render_pdf(one_page({Image{bad, 0, 0, 10, 10}}));
    ADD_FAILURE() << "no error for a truncated PNG";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Render);
    EXPECT_NE(std::string(e.what()).find("seal.png"), std::string::npos) << e.what();
  }
}

TEST_F(PdfWriterTest, LinksOutlinesPageLabelsMetadataAndPageSize) {
  Document doc = one_page({make_run(song(), 14, 72, 100, "链接"), Link{72, 86, 28, 16, "https://example.org/a b/中"}});
  doc.pages.emplace_back();
  doc.pages[1].width = 841.89;
  doc.pages[1].height = 595.276;
  doc.outline = {{"第一部分", 0, 86}, {"Part 2", 1, 0}};
  doc.first_page_number = 5;
  doc.meta.keywords = "绩效, 评价";
  const std::string bytes = render_pdf(doc);
  EXPECT_NE(bytes.find("/URI(https://example.org/a%20b/%E4%B8%AD)"), std::string::npos);
  EXPECT_NE(bytes.find("/MediaBox[ 0 0 595.276 841.89]"), std::string::npos);
  EXPECT_NE(bytes.find("/MediaBox[ 0 0 841.89 595.276]"), std::string::npos);
  EXPECT_NE(bytes.find("<?xpacket begin="), std::string::npos) << "XMP must be uncompressed";
  EXPECT_NE(bytes.find("<rdf:li xml:lang=\"x-default\">测试 &lt;文档&gt; &amp; &quot;quotes&quot;</rdf:li>"), std::string::npos);
  EXPECT_NE(bytes.find("<xmp:CreatorTool>gongwen "), std::string::npos);
  fs::path pdf = save("nav.pdf", bytes);

  Output info = run("pdfinfo -enc UTF-8 " + q(pdf));
  auto field = [&](const std::string& key) {
    size_t at = info.out.find("\n" + key + ":");
    if (at == std::string::npos) return std::string("<missing>");
    size_t b = info.out.find_first_not_of(' ', at + key.size() + 2), e = info.out.find('\n', b);
    return info.out.substr(b, e - b);
  };
  info.out = "\n" + info.out;
  EXPECT_EQ(field("Title"), "测试 <文档> & \"quotes\"");
  EXPECT_EQ(field("Keywords"), "绩效, 评价");
  EXPECT_EQ(field("PDF version"), "1.7");
  EXPECT_EQ(field("Creator"), "gongwen " GONGWEN_VERSION);
  EXPECT_EQ(field("CreationDate"), "Tue Nov 14 22:13:20 2023 UTC");
  EXPECT_EQ(field("Metadata Stream"), "yes");
  EXPECT_EQ(field("Pages"), "2");

  if (have("qpdf")) {
    Output labels = run("qpdf --json --json-key=pagelabels " + q(pdf));
    EXPECT_NE(labels.out.find("\"/St\": 5"), std::string::npos) << labels.out;
    Output outlines = run("qpdf --json --json-key=outlines " + q(pdf));
    EXPECT_NE(outlines.out.find("第一部分"), std::string::npos) << outlines.out;
    EXPECT_NE(outlines.out.find("Part 2"), std::string::npos);
    EXPECT_EQ(run("qpdf --check " + q(pdf)).status, 0);
  }
  if (have("mutool")) {
    Output links = run("mutool show " + q(pdf) + " outline");
    EXPECT_NE(links.out.find("第一部分"), std::string::npos) << links.out;
  }
}

TEST_F(PdfWriterTest, RulesAndRectsLandWhereTheModelPutsThem) {
  Document doc = one_page({Rule{100, 200, 300, 200, 2, {}}, Rect{350, 300, 100, 50, Color{0, 0, 0}, std::nullopt, 0.5}});
  fs::path pdf = save("rules.pdf", render_pdf(doc));
  ASSERT_EQ(run("pdftoppm -r 72 -gray -singlefile " + q(pdf) + " " + q(dir_ / "rules")).status, 0);
  Gray g = read_pgm(dir_ / "rules.pgm");
  Box rule = ink(g, 0, 150, g.w, 250);
  EXPECT_NEAR(rule.x0, 100, 1);  // butt caps: no overhang
  EXPECT_NEAR(rule.x1, 300, 1);
  EXPECT_NEAR(rule.y0, 199, 1);
  Box rect = ink(g, 0, 260, g.w, g.h);
  EXPECT_NEAR(rect.x0, 350, 1);
  EXPECT_NEAR(rect.y0, 300, 1);
  EXPECT_NEAR(rect.y1, 350, 1);
}

TEST_F(PdfWriterTest, ConcurrentRendersAreIndependentAndIdentical) {
  // Batch mode renders records on several threads: shared Faces, separate PoDoFo objects.
  Document doc = one_page({make_run(song(), 14, 72, 100, kCidText), make_run(fang(), 16, 72, 140, "仿宋正文")});
  const std::string expected = render_pdf(doc);
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < out.size(); ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 5; ++k) out[i] = render_pdf(doc);
    });
  for (auto& t : threads) t.join();
  for (const auto& o : out) EXPECT_EQ(o, expected);
}

TEST_F(PdfWriterTest, BadDocumentsThrowRenderErrors) {
  auto kind = [](const Document& d) {
    try {
      render_pdf(d);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::Unknown;
  };
  EXPECT_EQ(kind(Document{}), ErrorKind::Render);  // no pages
  GlyphRun bad_range = make_run(song(), 12, 10, 10, "中");
  bad_range.glyphs[0].text_end = 99;
  EXPECT_EQ(kind(one_page({bad_range})), ErrorKind::Render);
  GlyphRun bad_gid = make_run(song(), 12, 10, 10, "中");
  bad_gid.glyphs[0].gid = 999999;
  EXPECT_EQ(kind(one_page({bad_gid})), ErrorKind::Render);
  Document bad_mark = one_page({});
  bad_mark.outline.push_back({"x", 3, 0});
  EXPECT_EQ(kind(bad_mark), ErrorKind::Render);
  GlyphRun nan_run = make_run(song(), 12, std::nan(""), 10, "中");
  EXPECT_EQ(kind(one_page({nan_run})), ErrorKind::Render);
}

}  // namespace
}  // namespace gongwen
