// Tests of the OFD writer: packages built from hand-made documents, read back with libzip and
// HarfBuzz (not with the writer's code), and the checker of `gongwen check-output` shown to find
// what it must find.
#include <gtest/gtest.h>
#include <hb.h>
#include <zip.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <gongwen/gongwen.hpp>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/face.hpp"
#include "ofd/ofd_check.hpp"
#include "ofd/ofd_package.hpp"
#include "ofd/ofd_fonts.hpp"
#include "ofd/ofd_writer.hpp"
#include "test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

using test::fandol;
const Face& song() { return fandol("FandolSong-Regular.otf"); }
const Face& hei() { return fandol("FandolHei-Regular.otf"); }

/// One glyph per character at its natural advance plus `spacing` pt.
GlyphRun make_run(const Face& face, double size, double x, double y, const std::string& text, double spacing = 0) {
  GlyphRun run;
  run.face = &face;
  run.size = size;
  run.x = x;
  run.y = y;
  run.text = text;
  double pen = 0;
  for (size_t pos = 0; pos < text.size();) {
    const size_t begin = pos;
    const char32_t cp = utf8::next(text, pos);
    const uint32_t gid = face.glyph_for(cp);
    if (gid == 0) throw std::runtime_error("test font lacks " + utf8::codepoint_name(cp));
    run.glyphs.push_back({gid, pen, 0, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)});
    pen += face.advance(gid) * size / face.units_per_em() + spacing;
  }
  run.width = pen;
  return run;
}

/// The entries of a zip, read with libzip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    ADD_FAILURE() << "not a zip";
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    out[st.name] = data;
  }
  zip_discard(z);
  return out;
}

std::vector<std::string> entry_order(const std::string& bytes) {
  std::vector<std::string> names;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  for (zip_int64_t i = 0; z && i < zip_get_num_entries(z, 0); ++i) names.push_back(zip_get_name(z, static_cast<zip_uint64_t>(i), 0));
  if (z) zip_discard(z);
  return names;
}

std::string attr(const std::string& xml, const std::string& element, const std::string& name, size_t nth = 0) {
  size_t at = 0;
  for (size_t k = 0; k <= nth; ++k) {
    at = xml.find("<ofd:" + element + " ", at);
    if (at == std::string::npos) return "";
    if (k < nth) ++at;
  }
  const size_t end = xml.find('>', at);
  const std::string tag = xml.substr(at, end - at);
  const size_t p = tag.find(" " + name + "=\"");
  if (p == std::string::npos) return "";
  const size_t v = p + name.size() + 3;
  return tag.substr(v, tag.find('"', v) - v);
}

std::vector<double> nums(const std::string& s) {
  std::vector<double> v;
  std::istringstream in(s);
  for (double d; in >> d;) v.push_back(d);
  return v;
}

std::shared_ptr<const ImageData> seal() {
  auto img = std::make_shared<ImageData>();
  img->format = ImageData::Format::Png;
  const std::string bytes = test::read_file(fs::path(GONGWEN_SOURCE_DIR) / "examples/gbt9704-notice/seal.png");
  img->bytes.assign(bytes.begin(), bytes.end());
  img->name = "seal.png";
  return img;
}

Document sample() {
  Document doc;
  doc.meta.title = "测试 <文档> & \"引号\"";
  doc.meta.author = "gongwen tests";
  doc.meta.keywords = "绩效，评价";
  doc.meta.creation_time = 1700000000;  // 2023-11-14
  Page page;
  page.items.push_back(make_run(song(), 16, 72, 100, "项目名称：<甲&乙>", 0.5));
  GlyphRun red = make_run(hei(), 22, 100, 200, "评价 结论");
  red.color = {1, 0, 0};
  page.items.push_back(red);
  page.items.push_back(Rule{50, 300, 545, 300, 0.75, {}});
  page.items.push_back(Rect{60, 320, 100, 40, Color{0.9, 0.9, 0.9}, Color{0, 0, 1}, 1});
  page.items.push_back(Image{seal(), 400, 500, 120, 120});
  doc.pages.push_back(page);
  Page second;
  second.items.push_back(make_run(song(), 12, 72, 90, "第二页"));
  second.items.push_back(Image{std::get<Image>(page.items[4]).data, 400, 600, 60, 60});
  doc.pages.push_back(second);
  doc.outline.push_back({"第二页", 1, 80});
  return doc;
}

TEST(OfdWriter, PackagePartsAndDocInfo) {
  const std::string bytes = render_ofd(sample());
  const auto parts = unzip(bytes);
  const std::vector<std::string> order = entry_order(bytes);
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(order[0], "OFD.xml");
  for (const char* p : {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml",
                        "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_1/Content.xml"})
    EXPECT_TRUE(parts.count(p)) << p;
  const std::string& ofd = parts.at("OFD.xml");
  EXPECT_NE(ofd.find("xmlns:ofd=\"http://www.ofdspec.org/2016\""), std::string::npos);
  EXPECT_NE(ofd.find("<ofd:Title>测试 &lt;文档&gt; &amp; &quot;引号&quot;</ofd:Title>"), std::string::npos) << ofd;
  EXPECT_NE(ofd.find("<ofd:CreationDate>2023-11-14</ofd:CreationDate>"), std::string::npos);
  EXPECT_NE(ofd.find("<ofd:Keyword>绩效</ofd:Keyword><ofd:Keyword>评价</ofd:Keyword>"), std::string::npos) << ofd;
  EXPECT_NE(ofd.find("<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"), std::string::npos);
  EXPECT_TRUE(std::regex_search(ofd, std::regex("<ofd:DocID>[0-9a-f]{32}</ofd:DocID>")));
  const std::string& doc = parts.at("Doc_0/Document.xml");
  EXPECT_NE(doc.find("<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"), std::string::npos) << doc;
  // The outline points at the second page's ID, 80 pt from the top.
  const std::string page2 = attr(doc, "Page", "ID", 1);
  EXPECT_EQ(attr(doc, "Dest", "PageID"), page2);
  EXPECT_EQ(attr(doc, "Dest", "Top"), "28.222");
  EXPECT_NE(doc.find("Title=\"第二页\""), std::string::npos);
}

TEST(OfdWriter, TextPositionsAreTheLaidOutOnes) {
  const Document d = sample();
  const auto parts = unzip(render_ofd(d));
  const std::string& c = parts.at("Doc_0/Pages/Page_0/Content.xml");
  const GlyphRun& run = std::get<GlyphRun>(d.pages[0].items[0]);
  const auto box = nums(attr(c, "TextObject", "Boundary"));
  ASSERT_EQ(box.size(), 4u);
  const double x = std::stod(attr(c, "TextCode", "X")), y = std::stod(attr(c, "TextCode", "Y"));
  EXPECT_NEAR(box[0] + x, run.x * 25.4 / 72, 0.0011);
  EXPECT_NEAR(box[1] + y, run.y * 25.4 / 72, 0.0011);
  EXPECT_EQ(attr(c, "TextObject", "Size"), "5.644");  // 16 pt
  // Every character at its glyph's position: DeltaX expanded ("g N V" repeats V N times).
  std::vector<double> deltas;
  std::istringstream in(attr(c, "TextCode", "DeltaX"));
  for (std::string tok; in >> tok;) {
    if (tok == "g") {
      int n;
      double v;
      in >> n >> v;
      deltas.insert(deltas.end(), n, v);
    } else {
      deltas.push_back(std::stod(tok));
    }
  }
  ASSERT_EQ(deltas.size(), run.glyphs.size() - 1);
  double pos = box[0] + x;
  for (size_t i = 1; i < run.glyphs.size(); ++i) {
    pos += deltas[i - 1];
    EXPECT_NEAR(pos, (run.x + run.glyphs[i].x) * 25.4 / 72, 0.0011) << i;
  }
  EXPECT_NE(c.find(">项目名称：&lt;甲&amp;乙&gt;</ofd:TextCode>"), std::string::npos) << c;
  // Colour: red text carries its FillColor; black text none (the default).
  EXPECT_NE(c.find("<ofd:FillColor Value=\"255 0 0\"/>"), std::string::npos);
  // The space between 评价 and 结论 stays inside the code, not at its ends.
  EXPECT_NE(c.find(">评价 结论</ofd:TextCode>"), std::string::npos);
  EXPECT_EQ(c.find("CGTransform"), std::string::npos);  // every cluster is one character → one glyph
}

TEST(OfdWriter, RulesRectanglesAndImages) {
  const auto parts = unzip(render_ofd(sample()));
  const std::string& c = parts.at("Doc_0/Pages/Page_0/Content.xml");
  // Rule 50,300 → 545,300, 0.75 pt: its box reaches half the width around the line.
  const auto box = nums(attr(c, "PathObject", "Boundary"));
  ASSERT_EQ(box.size(), 4u);
  EXPECT_NEAR(box[0], (50 - 0.375) * 25.4 / 72, 0.0011);
  EXPECT_NEAR(box[1], (300 - 0.375) * 25.4 / 72, 0.0011);
  EXPECT_EQ(attr(c, "PathObject", "LineWidth"), "0.265");
  EXPECT_NE(c.find("<ofd:AbbreviatedData>M 0.132 0.132 L 174.757 0.132</ofd:AbbreviatedData>"), std::string::npos) << c;
  EXPECT_EQ(attr(c, "PathObject", "Fill", 1), "true");
  EXPECT_NE(c.find("<ofd:StrokeColor Value=\"0 0 255\"/><ofd:FillColor Value=\"230 230 230\"/>"), std::string::npos);
  // One MultiMedia for the seal placed on both pages.
  const std::string& res = parts.at("Doc_0/DocumentRes.xml");
  const std::string media = attr(res, "MultiMedia", "ID");
  EXPECT_EQ(attr(res, "MultiMedia", "ID", 1), "");
  EXPECT_EQ(attr(c, "ImageObject", "ResourceID"), media);
  EXPECT_EQ(attr(parts.at("Doc_0/Pages/Page_1/Content.xml"), "ImageObject", "ResourceID"), media);
  EXPECT_EQ(attr(c, "ImageObject", "CTM"), "42.333 0 0 42.333 0 0");
  const std::string png = test::read_file(fs::path(GONGWEN_SOURCE_DIR) / "examples/gbt9704-notice/seal.png");
  EXPECT_EQ(parts.at("Doc_0/Res/image_" + media + ".png"), png);
}

TEST(OfdWriter, EmbeddedFontsAreSubsetsWithCmap) {
  const Document d = sample();
  const auto parts = unzip(render_ofd(d));
  const std::string& pub = parts.at("Doc_0/PublicRes.xml");
  std::set<char32_t> song_chars;
  for (const std::string* t : {&std::get<GlyphRun>(d.pages[0].items[0]).text, &std::get<GlyphRun>(d.pages[1].items[0]).text})
    for (size_t p = 0; p < t->size();) song_chars.insert(utf8::next(*t, p));
  const std::string id = attr(pub, "Font", "ID");
  EXPECT_EQ(attr(pub, "Font", "FontName"), "FandolSong-Regular");
  const std::string& program = parts.at("Doc_0/Res/font_" + id + ".otf");
  HbBlob blob(hb_blob_create(program.data(), static_cast<unsigned>(program.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  HbFace face(hb_face_create(blob.get(), 0));
  EXPECT_LE(hb_face_get_glyph_count(face.get()), song_chars.size() + 1);  // a subset: .notdef + used glyphs
  HbFont font(hb_font_create(face.get()));
  for (char32_t cp : song_chars) {
    hb_codepoint_t g = 0;
    EXPECT_TRUE(hb_font_get_nominal_glyph(font.get(), cp, &g)) << utf8::codepoint_name(cp);
    EXPECT_NE(g, 0u);
  }
  EXPECT_LT(program.size(), 20000u);
}

TEST(OfdWriter, ClustersThatAreNotOneToOneGetCGTransform) {
  Document doc;
  doc.meta.creation_time = 1700000000;
  // A ligature: one glyph (that of 'f') standing for "fi", then 'x' as two glyphs (x, x).
  GlyphRun run = make_run(song(), 12, 72, 72, "a");
  run.text = "afix";
  run.glyphs.push_back({song().glyph_for('f'), 10, 0, 1, 3});
  run.glyphs.push_back({song().glyph_for('x'), 16, 0, 3, 4});
  run.glyphs.push_back({song().glyph_for('x'), 22, 0, 4, 4});
  doc.pages.push_back(Page{});
  doc.pages[0].items.push_back(run);
  const std::string bytes = render_ofd(doc);
  const auto parts = unzip(bytes);
  const std::string& c = parts.at("Doc_0/Pages/Page_0/Content.xml");
  EXPECT_EQ(attr(c, "CGTransform", "CodePosition"), "1");
  EXPECT_EQ(attr(c, "CGTransform", "CodeCount"), "2");
  EXPECT_EQ(attr(c, "CGTransform", "GlyphCount"), "1");
  EXPECT_EQ(attr(c, "CGTransform", "CodePosition", 1), "3");
  EXPECT_EQ(attr(c, "CGTransform", "GlyphCount", 1), "2");
  EXPECT_NE(c.find(">afix</ofd:TextCode>"), std::string::npos);
  // The glyph ids are those of the subset: 'f' and 'x' read back through its cmap.
  const std::string& program = parts.at("Doc_0/Res/font_1.otf");
  HbBlob blob(hb_blob_create(program.data(), static_cast<unsigned>(program.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  HbFace face(hb_face_create(blob.get(), 0));
  HbFont font(hb_font_create(face.get()));
  hb_codepoint_t f = 0, x = 0;
  ASSERT_TRUE(hb_font_get_nominal_glyph(font.get(), 'f', &f));
  ASSERT_TRUE(hb_font_get_nominal_glyph(font.get(), 'x', &x));
  EXPECT_NE(c.find("<ofd:Glyphs>" + std::to_string(f) + "</ofd:Glyphs>"), std::string::npos) << c;
  EXPECT_NE(c.find("<ofd:Glyphs>" + std::to_string(x) + " " + std::to_string(x) + "</ofd:Glyphs>"), std::string::npos);
  EXPECT_TRUE(ofd::check_ofd(bytes, "t.ofd").ok());
}

TEST(OfdWriter, BaselineShiftsStartNewTextCodesAndJpegIsStored) {
  Document doc;
  doc.meta.creation_time = 1700000000;
  GlyphRun run = make_run(song(), 12, 72, 72, "甲乙丙");
  run.glyphs[1].dy = 3;  // 乙 raised 3 pt
  auto jpeg = std::make_shared<ImageData>();
  jpeg->format = ImageData::Format::Jpeg;
  jpeg->bytes = {0xFF, 0xD8, 0xFF, 0xD9};
  jpeg->name = "photo.jpg";
  doc.pages.push_back(Page{});
  doc.pages[0].items = {run, Image{jpeg, 100, 100, 50, 80}};
  const std::string bytes = render_ofd(doc);
  const auto parts = unzip(bytes);
  const std::string& c = parts.at("Doc_0/Pages/Page_0/Content.xml");
  const double y0 = std::stod(attr(c, "TextCode", "Y", 0)), y1 = std::stod(attr(c, "TextCode", "Y", 1)),
               y2 = std::stod(attr(c, "TextCode", "Y", 2));
  EXPECT_NEAR(y0 - y1, 3 * 25.4 / 72, 0.0011);  // y down: raised is smaller
  EXPECT_EQ(y0, y2);
  EXPECT_NE(c.find(">乙</ofd:TextCode>"), std::string::npos) << c;
  EXPECT_EQ(attr(parts.at("Doc_0/DocumentRes.xml"), "MultiMedia", "Format"), "JPEG");
  const std::string id = attr(parts.at("Doc_0/DocumentRes.xml"), "MultiMedia", "ID");
  EXPECT_EQ(parts.at("Doc_0/Res/image_" + id + ".jpg"), std::string("\xFF\xD8\xFF\xD9", 4));
  EXPECT_TRUE(ofd::check_ofd(bytes, "t.ofd").ok());
}

TEST(OfdWriter, TrueTypeAndCollectionFaces) {
  const fs::path dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  const fs::path noto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
  if (!fs::exists(dejavu) || !fs::exists(noto)) GTEST_SKIP() << "fonts-dejavu-core / fonts-noto-cjk not installed";
  const Face tt(dejavu.string(), 0), cjk(noto.string(), 2);  // Noto Serif CJK SC: face 2 of the collection
  Document doc;
  doc.meta.creation_time = 1700000000;
  doc.pages.push_back(Page{});
  doc.pages[0].items = {make_run(tt, 12, 72, 72, "Quality & <care>"), make_run(cjk, 12, 72, 100, "堃喆珺镕彧玥赟")};
  const std::string bytes = render_ofd(doc);
  const auto parts = unzip(bytes);
  EXPECT_TRUE(parts.count("Doc_0/Res/font_1.ttf"));
  EXPECT_TRUE(parts.count("Doc_0/Res/font_2.otf"));
  const ofd::CheckReport r = ofd::check_ofd(bytes, "tt.ofd");
  for (const auto& p : r.problems) ADD_FAILURE() << p;
  EXPECT_EQ(r.fonts, 2u);
  // The collection's face became one OpenType file: a subset, not the 20 MB collection.
  EXPECT_LT(parts.at("Doc_0/Res/font_2.otf").size(), 40000u);
}

// A face subset again and again (a split run) is prepared with hb_subset_preprocess after a few
// subsets: the subsets, and so the packages, are the same bytes whether or not it was prepared.
TEST(OfdWriter, PreparedFacesGiveTheSameBytes) {
  const std::string file = (fs::path(GONGWEN_SOURCE_DIR) / "fonts" / "fandol" / "FandolFang-Regular.otf").string();
  auto package = [&](const Face& face, const std::string& text) {
    Document doc;
    doc.meta.creation_time = 1700000000;
    doc.pages.push_back(Page{});
    doc.pages[0].items = {make_run(face, 12, 72, 72, text)};
    return render_ofd(doc);
  };
  const std::vector<std::string> texts = {"绩效评价结果信息表", "预算金额20.645万元", "评价分值88.47分，良好。"};
  std::vector<std::string> plain, prepared;
  {
    ofd::prepare_faces_after(1000000);  // never prepared
    const Face face(file, 0);
    for (const auto& t : texts) plain.push_back(package(face, t));
  }
  {
    ofd::prepare_faces_after(0);  // prepared before the first subset
    const Face face(file, 0);
    for (const auto& t : texts) prepared.push_back(package(face, t));
  }
  ofd::prepare_faces_after(2);
  ASSERT_EQ(plain.size(), prepared.size());
  for (size_t i = 0; i < plain.size(); ++i) EXPECT_EQ(plain[i], prepared[i]) << texts[i];
  EXPECT_NE(plain[0], plain[1]);  // the packages hold different subsets
}

TEST(OfdWriter, SameDocumentSameBytesWhateverTheThreads) {
  const std::string a = render_ofd(sample(), 1);
  EXPECT_EQ(a, render_ofd(sample(), 1));
  EXPECT_EQ(a, render_ofd(sample(), 4));
}

TEST(OfdWriter, CheckerPassesOurPackage) {
  const ofd::CheckReport r = ofd::check_ofd(render_ofd(sample()), "sample.ofd");
  for (const auto& p : r.problems) ADD_FAILURE() << p;
  EXPECT_EQ(r.pages, 2u);
  EXPECT_EQ(r.fonts, 2u);
  EXPECT_EQ(r.images, 1u);
  EXPECT_EQ(r.objects, 7u);  // page 1: two runs, rule, rectangle, seal; page 2: run, seal
  EXPECT_GT(r.characters, 15u);
}

/// The sample package with one part's text replaced.
std::string patched(const std::string& part, const std::string& from, const std::string& to) {
  auto parts = unzip(render_ofd(sample()));
  std::string& p = parts.at(part);
  const size_t at = p.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) p.replace(at, from.size(), to);
  ofd::Package pkg;
  pkg.add("OFD.xml", parts.at("OFD.xml"));
  for (auto& [name, bytes] : parts)
    if (name != "OFD.xml") pkg.add(name, bytes);
  return pkg.finish(0);
}

std::string problems(const std::string& bytes) {
  std::string all;
  for (const auto& p : ofd::check_ofd(bytes, "x.ofd").problems) all += p + "\n";
  return all;
}

TEST(OfdCheck, FindsBrokenPackages) {
  EXPECT_NE(problems("not a zip").find("not a zip package"), std::string::npos);
  const std::string page = "Doc_0/Pages/Page_0/Content.xml";
  // A duplicate ID, a missing font, an object off the page, a character the font lacks.
  EXPECT_NE(problems(patched(page, "<ofd:Layer ID=\"", "<ofd:Layer ID=\"1\" X=\"")).find("also used by"), std::string::npos);
  EXPECT_NE(problems(patched(page, "Font=\"1\"", "Font=\"99\"")).find("is no embedded font"), std::string::npos);
  EXPECT_NE(problems(patched(page, "Boundary=\"", "Boundary=\"200")).find("outside the page box"), std::string::npos);
  EXPECT_NE(problems(patched(page, "项目名称", "項目名稱")).find("has no glyph in font"), std::string::npos);
  EXPECT_NE(problems(patched("Doc_0/Document.xml", "<ofd:MaxUnitID>", "<ofd:MaxUnitID>0.")).find("> MaxUnitID 0"), std::string::npos);
  EXPECT_NE(problems(patched("Doc_0/PublicRes.xml", "<ofd:FontFile>font_", "<ofd:FontFile>gone_")).find("FontFile gone_"), std::string::npos);
  EXPECT_NE(problems(patched("Doc_0/Document.xml", "Content.xml\"/>", "Contents.xml\"/>")).find("missing"), std::string::npos);
  EXPECT_NE(problems(patched(page, "</ofd:Layer>", "</ofd:Layr>")).find("malformed XML"), std::string::npos);
  // Hostile values are findings, never undefined behaviour or a crash.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  EXPECT_NE(problems(patched(page, "</ofd:Layer>", deep + "</ofd:Layer>")).find("nested more than 64 deep"), std::string::npos);
  EXPECT_NE(problems(patched(page, "<ofd:Layer ID=\"", "<ofd:Layer ID=\"1e300")).find("is not a positive integer"), std::string::npos);
  EXPECT_NE(problems(patched(page, "DeltaX=\"", "DeltaX=\"g 1e300 1 ")).find("malformed DeltaX"), std::string::npos);
  EXPECT_NE(problems(patched("Doc_0/Document.xml", "<ofd:MaxUnitID>", "<ofd:MaxUnitID>-")).find("no MaxUnitID"), std::string::npos);
}

TEST(OfdWriter, BadDocumentsAreClearErrors) {
  EXPECT_THROW(render_ofd(Document{}), Error);
  Document d = sample();
  std::get<GlyphRun>(d.pages[0].items[0]).face = nullptr;
  EXPECT_THROW(render_ofd(d), Error);
  d = sample();
  std::get<GlyphRun>(d.pages[0].items[0]).glyphs[0].text_end = 999;
  EXPECT_THROW(render_ofd(d), Error);
  d = sample();
  d.outline[0].page = 7;
  EXPECT_THROW(render_ofd(d), Error);
  d = sample();
  d.pages[0].width = -1;
  EXPECT_THROW(render_ofd(d), Error);
}

TEST(OfdApi, RendererGivesTheBytesTheCommandWrites) {
  const Renderer r((test::source_dir() / "layouts/perf-eval-result.toml").string());
  const std::string bytes = r.render_ofd(test::example_records(), "records.json");
  const ofd::CheckReport report = ofd::check_ofd(bytes, "api.ofd");
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
  EXPECT_EQ(report.pages, 4u);
  const fs::path dir = fs::temp_directory_path() / ("gongwen-ofd-api-" + std::to_string(::getpid()));
  const auto run = test::run_gongwen("render '" + (test::source_dir() / "layouts/perf-eval-result.toml").string() + "' '" +
                                     (test::source_dir() / "examples/2017-shanghai/records.json").string() + "' -o '" +
                                     dir.string() + "' --format ofd -q");
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(test::read_file(dir / "records.ofd"), bytes);
  fs::remove_all(dir);
}

class OfdCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gongwen-ofd-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(OfdCli, EveryFormatCombinationCombinedAndSplit) {
  const std::string layout = (test::source_dir() / "layouts/perf-eval-result.toml").string();
  const std::string data = (test::source_dir() / "examples/2017-shanghai/records.json").string();
  auto r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + (dir_ / "all").string() + "' --format pdf,ofd,xlsx -q");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* f : {"records.pdf", "records.ofd", "records.xlsx"}) EXPECT_TRUE(fs::exists(dir_ / "all" / f)) << f;
  r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + (dir_ / "ofd").string() + "' --format ofd -q");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "ofd/records.pdf"));
  // The OFD alone and the OFD written beside PDF and workbook are the same bytes.
  EXPECT_EQ(test::read_file(dir_ / "ofd/records.ofd"), test::read_file(dir_ / "all/records.ofd"));
  r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + (dir_ / "split").string() +
                        "' --format ofd,xlsx --split --name '{{index}}' -q");
  ASSERT_EQ(r.status, 0) << r.output;
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(fs::exists(dir_ / "split" / (std::to_string(i) + ".ofd"))) << i;
    EXPECT_TRUE(fs::exists(dir_ / "split" / (std::to_string(i) + ".xlsx"))) << i;
    EXPECT_TRUE(ofd::check_ofd(test::read_file(dir_ / "split" / (std::to_string(i) + ".ofd")), "split").ok()) << i;
  }
  // --skip-existing knows the .ofd: nothing is rendered again.
  r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + (dir_ / "split").string() +
                        "' --format ofd --split --name '{{index}}' --skip-existing");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("4 skipped"), std::string::npos) << r.output;
}

TEST_F(OfdCli, CheckOutputCommand) {
  const std::string layout = (test::source_dir() / "layouts/gbt9704-notice.toml").string();
  const std::string data = (test::source_dir() / "examples/gbt9704-notice/records.json").string();
  auto r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + dir_.string() + "' --format pdf,ofd -q");
  ASSERT_EQ(r.status, 0) << r.output;
  r = test::run_gongwen("check-output '" + (dir_ / "records.ofd").string() + "'");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ofd: PASS"), std::string::npos) << r.output;
  // The seal is one MultiMedia.
  EXPECT_NE(r.output.find("images=1"), std::string::npos) << r.output;
  // A plain PDF is not PDF/A-3u: the PDF checks name what is missing and fail.
  r = test::run_gongwen("check-output '" + (dir_ / "records.pdf").string() + "'");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("PDF checks:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not a valid PDF/A-3u"), std::string::npos) << r.output;
  // The same document written with --pdfa passes them.
  const fs::path archived = dir_ / "pdfa";
  r = test::run_gongwen("render '" + layout + "' '" + data + "' -o '" + archived.string() + "' --format pdf,xlsx --pdfa -q");
  ASSERT_EQ(r.status, 0) << r.output;
  r = test::run_gongwen("check-output '" + (archived / "records.pdf").string() + "'");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("PDF checks: PDF/A-3u checklist holds"), std::string::npos) << r.output;
  std::ofstream(dir_ / "broken.ofd") << "PK not really";
  r = test::run_gongwen("check-output '" + (dir_ / "broken.ofd").string() + "'");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("ofd: FAIL"), std::string::npos) << r.output;
  r = test::run_gongwen("check-output '" + (dir_ / "none.ofd").string() + "'");
  EXPECT_EQ(r.status, 3) << r.output;
  r = test::run_gongwen("check-output '" + (dir_ / "x.docx").string() + "'");
  EXPECT_EQ(r.status, 2) << r.output;
}

}  // namespace
}  // namespace gongwen
