// PDF/A-3u output (pdf/pdfa.hpp) read back with PoDoFo's parser, and the checker
// (pdf/pdfa_check.hpp) against files that are and are not PDF/A: XMP identification, the sRGB
// OutputIntent, associated files (records JSON equal to the input records, the workbook equal to
// the file written beside), printable links, the same bytes from both PDF writers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <gongwen/gongwen.hpp>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/face.hpp"
#include "pdf/pdf_metadata.hpp"
#include "pdf/pdf_stream.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf/pdfa.hpp"
#include "pdf/pdfa_check.hpp"
#include "pdf/podofo_util.hpp"
#include "pdf/srgb_icc.hpp"
#include "test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using namespace PoDoFo;
using nlohmann::json;

const PdfObject* resolve(const PdfMemDocument& doc, const PdfObject* obj) {
  while (obj && obj->IsReference()) obj = doc.GetObjects().GetObject(obj->GetReference());
  return obj;
}
const PdfObject* key(const PdfMemDocument& doc, const PdfObject* dict, const char* name) {
  dict = resolve(doc, dict);
  return dict && dict->IsDictionary() ? resolve(doc, dict->GetDictionary().GetKey(PdfName(name))) : nullptr;
}
/// UTF-16BE text strings come back as UTF-16BE bytes in PoDoFo 0.9.8; every name we read is ASCII.
std::string text(const PdfObject* obj) {
  EXPECT_TRUE(obj && (obj->IsString() || obj->IsHexString()));
  return obj ? std::string(obj->GetString().GetString(), static_cast<size_t>(obj->GetString().GetLength())) : "";
}
std::string decoded(const PdfObject* stream) {
  char* buf = nullptr;
  pdf_long len = 0;
  stream->GetStream()->GetFilteredCopy(&buf, &len);
  std::string out(buf, static_cast<size_t>(len));
  podofo_free(buf);
  return out;
}

/// An attachment as read back: its Filespec and stream entries and its decoded bytes.
struct Attached {
  std::string relationship, mime, mod_date, desc;
  int64_t size = -1;
  std::string bytes;
};

/// The files in the catalog's /AF, by name (/UF).
std::map<std::string, Attached> attachments(const PdfMemDocument& doc) {
  std::map<std::string, Attached> out;
  const PdfObject* af = key(doc, doc.GetCatalog(), "AF");
  if (!af || !af->IsArray()) return out;
  for (const PdfObject& item : af->GetArray()) {
    const PdfObject* spec = resolve(doc, &item);
    Attached a;
    a.relationship = key(doc, spec, "AFRelationship")->GetName().GetName();
    a.desc = text(key(doc, spec, "Desc"));
    const PdfObject* stream = key(doc, key(doc, spec, "EF"), "F");
    a.mime = key(doc, stream, "Subtype")->GetName().GetName();
    const PdfObject* params = key(doc, stream, "Params");
    a.mod_date = text(key(doc, params, "ModDate"));
    a.size = key(doc, params, "Size")->GetNumber();
    a.bytes = decoded(stream);
    out[text(key(doc, spec, "UF"))] = a;
  }
  return out;
}

/// Renders `layout` over `data` with `args` into a fresh folder; returns the folder.
fs::path render(const std::string& name, const std::string& layout, const std::string& data, const std::string& args) {
  const fs::path out = test::scratch_path(name);
  const auto r = test::run_gongwen("render '" + (test::source_dir() / layout).string() + "' '" +
                                   (test::source_dir() / data).string() + "' -o '" + out.string() + "' -q " + args);
  EXPECT_EQ(r.status, 0) << r.output;
  return out;
}

void expect_records_equal(const json& attached, const json& input) {
  ASSERT_TRUE(attached.contains("records"));
  EXPECT_EQ(attached["records"], input["records"]);
  ASSERT_TRUE(attached["document"].is_object());
  if (input.contains("document")) {
    for (const auto& [k, v] : input["document"].items()) EXPECT_EQ(attached["document"][k].dump(), v.dump()) << k;
  }
}

TEST(Pdfa, XmpCarriesIdentificationOnlyWhenAsked) {
  Metadata meta;
  meta.title = "绩效 <评价> & 结果";
  meta.creation_time = 1530316800;
  const std::string a = pdf::build_xmp(meta, true);
  EXPECT_NE(a.find("xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""), std::string::npos);
  EXPECT_NE(a.find("<pdfaid:part>3</pdfaid:part>"), std::string::npos);
  EXPECT_NE(a.find("<pdfaid:conformance>U</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(a.find("绩效 &lt;评价&gt; &amp; 结果"), std::string::npos);
  EXPECT_NE(a.find("<xmp:CreateDate>2018-06-30T00:00:00Z</xmp:CreateDate>"), std::string::npos);
  EXPECT_EQ(pdf::build_xmp(meta, false).find("pdfaid"), std::string::npos);
}

TEST(Pdfa, ProfileIsAnRgbIccV2Profile) {
  const std::string_view icc = pdf::srgb_icc();
  ASSERT_GT(icc.size(), 128u);
  EXPECT_EQ(icc.substr(36, 4), "acsp");
  EXPECT_EQ(icc.substr(16, 4), "RGB ");
  EXPECT_EQ(icc.substr(12, 4), "mntr");
  EXPECT_EQ(static_cast<int>(icc[8]), 2);
  // The header's size field is the profile's length.
  const auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(icc[i])); };
  EXPECT_EQ(b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3), icc.size());
}

TEST(Pdfa, CombinedPdfAndWorkbookCarryRecordsAndWorkbook) {
  const fs::path out = render("pdfa-both", "layouts/perf-eval-result.toml", "examples/2017-shanghai/records.json",
                              "--format pdf,xlsx --pdfa");
  const fs::path pdf = out / "records.pdf";
  const auto problems = pdf::check_pdfa(pdf.string());
  EXPECT_TRUE(problems.empty()) << problems.front();

  PdfMemDocument doc;
  doc.Load(pdf.c_str());
  const PdfObject* intents = key(doc, doc.GetCatalog(), "OutputIntents");
  ASSERT_TRUE(intents && intents->IsArray());
  ASSERT_EQ(intents->GetArray().size(), 1u);
  const PdfObject* intent = resolve(doc, &intents->GetArray()[0]);
  EXPECT_EQ(key(doc, intent, "S")->GetName().GetName(), "GTS_PDFA1");
  EXPECT_EQ(text(key(doc, intent, "OutputConditionIdentifier")), "sRGB IEC61966-2.1");
  EXPECT_EQ(decoded(key(doc, intent, "DestOutputProfile")), pdf::srgb_icc());

  const auto files = attachments(doc);
  ASSERT_EQ(files.size(), 2u);
  const Attached& js = files.at("records.json");
  EXPECT_EQ(js.relationship, "Source");
  EXPECT_EQ(js.mime, "application/json");
  EXPECT_EQ(js.mod_date, "D:20180630000000Z");  // the layout's date, not the clock
  EXPECT_EQ(js.size, static_cast<int64_t>(js.bytes.size()));
  expect_records_equal(json::parse(js.bytes), test::example_records());
  const Attached& wb = files.at("records.xlsx");
  EXPECT_EQ(wb.relationship, "Alternative");
  EXPECT_EQ(wb.mime, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(wb.bytes, test::read_file(out / "records.xlsx"));
}

TEST(Pdfa, StreamedCombinedRunAndSplitRunsCarryTheirRecords) {
  const json input = test::example_records();
  // PDF alone: the streamed writer (records spooled).
  const fs::path combined = render("pdfa-streamed", "layouts/perf-eval-result.toml", "examples/2017-shanghai/records.json",
                                   "--pdfa -j 2");
  EXPECT_TRUE(pdf::check_pdfa((combined / "records.pdf").string()).empty());
  PdfMemDocument doc;
  doc.Load((combined / "records.pdf").c_str());
  expect_records_equal(json::parse(attachments(doc).at("records.json").bytes), input);

  const fs::path split = render("pdfa-split", "layouts/perf-eval-signoff.toml", "examples/2017-shanghai/records.json",
                                "--pdfa --split -j 2");
  for (size_t i = 0; i < input["records"].size(); ++i) {
    const fs::path pdf = split / (std::to_string(i + 1) + ".pdf");
    const auto problems = pdf::check_pdfa(pdf.string());
    EXPECT_TRUE(problems.empty()) << problems.front();
    PdfMemDocument one;
    one.Load(pdf.c_str());
    const auto files = attachments(one);
    ASSERT_EQ(files.size(), 1u);
    const json got = json::parse(files.at(std::to_string(i + 1) + ".json").bytes);
    ASSERT_EQ(got["records"].size(), 1u);
    EXPECT_EQ(got["records"][0], input["records"][i]);
  }
}

TEST(Pdfa, EveryShippedLayoutPassesTheChecklist) {
  const std::pair<const char*, const char*> examples[] = {
      {"layouts/perf-eval-signoff.toml", "examples/2017-shanghai/records.json"},
      {"layouts/gbt9704-notice.toml", "examples/gbt9704-notice/records.json"},
      {"layouts/project-list.toml", "examples/project-list/records.json"},
      {"layouts/perf-self-eval.toml", "examples/perf-self-eval/records.json"}};
  for (const auto& [layout, data] : examples) {
    const fs::path out = render("pdfa-" + fs::path(layout).stem().string(), layout, data, "--format pdf,xlsx --pdfa");
    const auto problems = pdf::check_pdfa((out / "records.pdf").string());
    EXPECT_TRUE(problems.empty()) << layout << ": " << problems.front();
    PdfMemDocument doc;
    doc.Load((out / "records.pdf").c_str());
    const auto files = attachments(doc);
    ASSERT_EQ(files.size(), 2u) << layout;
    expect_records_equal(json::parse(files.at("records.json").bytes),
                         json::parse(test::read_file(test::source_dir() / data)));
  }
}

TEST(Pdfa, LayoutKeyTurnsItOnForTheApi) {
  const fs::path dir = test::scratch_path("pdfa-layout");
  fs::create_directories(dir);
  std::string layout = test::read_file(test::source_dir() / "layouts/perf-eval-result.toml");
  const size_t at = layout.find("[document]\n");
  ASSERT_NE(at, std::string::npos);
  layout.insert(at + 11, "pdfa = \"3u\"\n");
  std::ofstream(dir / "layout.toml") << layout;
  // The layout refers to nothing relative to its folder but fonts from the font map.
  Renderer renderer(dir / "layout.toml");
  const json input = test::example_records();
  const std::string bytes = renderer.render_pdf(input, "shanghai.json");
  std::ofstream(dir / "a.pdf", std::ios::binary) << bytes;
  const auto problems = pdf::check_pdfa((dir / "a.pdf").string());
  EXPECT_TRUE(problems.empty()) << problems.front();
  PdfMemDocument doc;
  doc.Load((dir / "a.pdf").c_str());
  expect_records_equal(json::parse(attachments(doc).at("shanghai.json").bytes), input);
  EXPECT_EQ(renderer.render_pdf(input, "shanghai.json"), bytes);  // reproducible
}

TEST(Pdfa, CheckerRejectsAnOrdinaryPdfAndANonPdf) {
  const fs::path out = render("pdfa-plain", "layouts/perf-eval-result.toml", "examples/2017-shanghai/records.json", "");
  const auto problems = pdf::check_pdfa((out / "records.pdf").string());
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_NE(all.find("pdfaid:part is not 3"), std::string::npos) << all;
  EXPECT_NE(all.find("no /OutputIntents"), std::string::npos) << all;
  EXPECT_NE(all.find("no associated files"), std::string::npos) << all;
  EXPECT_EQ(all.find("not embedded"), std::string::npos) << all;  // fonts are fine in every PDF

  // Damaged files give problems, never a crash: cut at every 1/16 of the file.
  const std::string good = test::read_file(out / "records.pdf");
  for (size_t k = 1; k < 16; ++k) {
    const fs::path cut = out / ("cut" + std::to_string(k) + ".pdf");
    std::ofstream(cut, std::ios::binary) << good.substr(0, good.size() * k / 16);
    EXPECT_FALSE(pdf::check_pdfa(cut.string()).empty()) << k;
  }

  const fs::path junk = out / "junk.pdf";
  std::ofstream(junk) << "not a pdf";
  const auto bad = pdf::check_pdfa(junk.string());
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("cannot read the file"), std::string::npos) << bad[0];
}

/// A minimal PDF of `objects` (bodies of objects 1..n, catalog first) with a correct xref table.
std::string minimal_pdf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t at : offsets) {
    std::string n = std::to_string(at);
    out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  out += "trailer\n<</Size " + std::to_string(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return out;
}

TEST(Pdfa, CheckerSurvivesADamagedPageTree) {
  // The same page twice in /Kids and a /Pages node that is its own kid: each page is checked
  // once (the checker drops a page once read), and the file is reported, not crashed on.
  const std::string bytes = minimal_pdf({"<</Type/Catalog/Pages 2 0 R>>",
                                         "<</Type/Pages/Kids[3 0 R 3 0 R 2 0 R]/Count 2>>",
                                         "<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Contents 4 0 R>>",
                                         "<</Length 8>>stream\n0 0 m S\n\nendstream"});
  const fs::path file = test::scratch_path("pdfa-kids.pdf");
  std::ofstream(file, std::ios::binary) << bytes;
  std::string all;
  for (const auto& p : pdf::check_pdfa(file.string())) all += p + "\n";
  EXPECT_NE(all.find("no XMP metadata stream"), std::string::npos) << all;
  EXPECT_NE(all.find("the trailer has no /ID"), std::string::npos) << all;
  EXPECT_EQ(all.find("cannot read the file"), std::string::npos) << all;
}

/// `bytes` with `from` replaced by `to` (same length: offsets stay valid).
std::string tampered(std::string bytes, const std::string& from, const std::string& to) {
  EXPECT_EQ(from.size(), to.size());
  const size_t at = bytes.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) bytes.replace(at, from.size(), to);
  return bytes;
}

GlyphRun run_of(const Face& face, double x, double y, const std::string& text) {
  GlyphRun run;
  run.face = &face;
  run.size = 14;
  run.x = x;
  run.y = y;
  run.text = text;
  double pen = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t begin = pos;
    const uint32_t gid = face.glyph_for(utf8::next(text, pos));
    run.glyphs.push_back({gid, pen, 0, static_cast<uint32_t>(begin), static_cast<uint32_t>(pos)});
    pen += face.advance(gid) * run.size / face.units_per_em();
  }
  run.width = pen;
  return run;
}

TEST(Pdfa, BothWritersSameBytesAndCheckerCatchesTampering) {
  const Face song((test::source_dir() / "fonts/fandol/FandolSong-Regular.otf").string(), 0);
  Document doc;
  doc.meta.title = "归档";
  doc.meta.author = "示例";
  doc.meta.creation_time = 1700000000;
  for (int i = 0; i < 3; ++i) {
    Page p;
    p.items.push_back(run_of(song, 72, 100, "第" + std::to_string(i + 1) + "页，数据随附。"));
    p.items.push_back(Link{72, 90, 100, 14, "https://example.org/"});
    doc.pages.push_back(std::move(p));
  }
  doc.outline.push_back({"第一页", 0, 90});
  auto data = std::make_shared<pdf::DeflatedData>(test::scratch_path("pdfa-spool").parent_path());
  const std::string raw = "{\"records\":[{\"a\":\"甲\"}]}";
  for (int i = 0; i < 3000; ++i) data->append(raw);  // spooled past one flush
  data->finish();
  const pdf::PdfArchive archive{true, {{"data.json", "application/json", "Source", "数据", data}}};

  const std::string direct = render_pdf(doc, 1, archive);
  PdfStreamWriter writer(test::scratch_path("pdfa-stream").parent_path(), 2);
  Document copy = doc;
  writer.add_pages(std::span<Page>(copy.pages.data(), 2));
  std::string streamed;
  writer.finish(copy, [&](std::string_view b) { streamed.append(b); }, archive);
  EXPECT_EQ(streamed, direct);

  const fs::path dir = test::scratch_path("pdfa-tamper");
  fs::create_directories(dir);
  auto check = [&](const std::string& bytes) {
    std::ofstream(dir / "t.pdf", std::ios::binary | std::ios::trunc) << bytes;
    std::string all;
    for (const auto& p : pdf::check_pdfa((dir / "t.pdf").string())) all += p + "\n";
    return all;
  };
  EXPECT_EQ(check(direct), "");
  PdfMemDocument read;
  read.Load((dir / "t.pdf").c_str());
  const auto files = attachments(read);
  std::string expected;
  for (int i = 0; i < 3000; ++i) expected += raw;
  EXPECT_EQ(files.at("data.json").bytes, expected);

  EXPECT_NE(check(tampered(direct, "<pdfaid:part>3<", "<pdfaid:part>2<")).find("pdfaid:part is not 3"), std::string::npos);
  EXPECT_NE(check(tampered(direct, "/F 4", "/F 6")).find("Link annotation is not printable"), std::string::npos);
  EXPECT_NE(check(tampered(direct, "/AFRelationship/Source", "/AFRelationship/Sourcx")).find("no valid /AFRelationship"),
            std::string::npos);
  EXPECT_NE(check(tampered(direct, "/S/GTS_PDFA1", "/S/GTS_PDFX1")).find("no GTS_PDFA1 output intent"), std::string::npos);
  EXPECT_NE(check(tampered(direct, " 0 obj\n<<", " 0 obj <<")).find("does not start with \"N G obj\" and an EOL"),
            std::string::npos);
  std::string size = std::to_string(expected.size()), wrong = size;
  wrong.back() = wrong.back() == '9' ? '8' : static_cast<char>(wrong.back() + 1);
  EXPECT_NE(check(tampered(direct, "/Size " + size, "/Size " + wrong)).find("bytes of data"), std::string::npos);
  EXPECT_NE(check(tampered(direct, "/ToUnicode", "/ToUnicodf")).find("has no ToUnicode CMap"), std::string::npos);
  EXPECT_NE(check(tampered(direct, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">归",
                           "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">旧"))
                .find("differs from XMP dc:title"),
            std::string::npos);
}

TEST(Pdfa, EveryGlyphShownHasUnicode) {
  // A glyph that only ever continues a cluster (empty text range) has no ToUnicode entry in an
  // ordinary PDF (copied text holds each character once), which the checker finds in the content
  // stream; PDF/A-3u wants one for every glyph shown: the font's cmap gives it ('@').
  const Face song((test::source_dir() / "fonts/fandol/FandolSong-Regular.otf").string(), 0);
  Document doc;
  doc.meta.creation_time = 1700000000;
  Page p;
  GlyphRun run = run_of(song, 72, 100, "归档@");
  run.glyphs.back().text_begin = run.glyphs.back().text_end = static_cast<uint32_t>(run.text.size());
  p.items.push_back(run);
  doc.pages.push_back(std::move(p));
  auto data = std::make_shared<pdf::DeflatedData>();
  data->append("{}");
  data->finish();
  const fs::path plain = test::scratch_path("pdfa-unmapped.pdf");
  std::ofstream(plain, std::ios::binary) << render_pdf(doc);
  std::string all;
  for (const auto& p : pdf::check_pdfa(plain.string())) all += p + "\n";
  EXPECT_NE(all.find("page 1: font "), std::string::npos) << all;
  EXPECT_NE(all.find("has no Unicode value in its ToUnicode CMap"), std::string::npos) << all;

  const fs::path archival = test::scratch_path("pdfa-mapped.pdf");
  std::ofstream(archival, std::ios::binary) << render_pdf(doc, 1, {true, {{"d.json", "application/json", "Source", "", data}}});
  const auto problems = pdf::check_pdfa(archival.string());
  EXPECT_TRUE(problems.empty()) << problems.front();
  FILE* pipe = popen(("pdftotext '" + archival.string() + "' - 2>/dev/null").c_str(), "r");
  ASSERT_TRUE(pipe);
  std::string text;
  char buf[256];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) text.append(buf, n);
  pclose(pipe);
  EXPECT_NE(text.find("归档@"), std::string::npos) << text;
}

TEST(Pdfa, CmykJpegIsRefusedAndCaught) {
  // DeviceCMYK cannot stand beside the sRGB output intent: the writer refuses such an image in
  // PDF/A mode (naming it), and the checker finds it in an ordinary PDF.
  auto jpg = std::make_shared<ImageData>();
  jpg->format = ImageData::Format::Jpeg;
  const std::string bytes = test::read_file(test::source_dir() / "tests/fuzz/corpus/image/cmyk.jpg");
  jpg->bytes.assign(bytes.begin(), bytes.end());
  jpg->name = "cmyk.jpg";
  Document doc;
  doc.meta.creation_time = 1700000000;
  Page p;
  p.items.push_back(Image{jpg, 100, 100, 80, 80});
  doc.pages.push_back(p);
  auto data = std::make_shared<pdf::DeflatedData>();
  data->append("{}");
  data->finish();
  try {
    render_pdf(doc, 1, {true, {{"d.json", "application/json", "Source", "", data}}});
    ADD_FAILURE() << "a CMYK JPEG went into a PDF/A file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("image cmyk.jpg: a CMYK JPEG cannot go into a PDF/A-3u file"), std::string::npos)
        << e.what();
  }
  const fs::path plain = test::scratch_path("pdfa-cmyk.pdf");
  std::ofstream(plain, std::ios::binary) << render_pdf(doc);
  std::string all;
  for (const auto& problem : pdf::check_pdfa(plain.string())) all += problem + "\n";
  EXPECT_NE(all.find("page 1: image Im1 is DeviceCMYK"), std::string::npos) << all;
}

}  // namespace
}  // namespace gongwen
