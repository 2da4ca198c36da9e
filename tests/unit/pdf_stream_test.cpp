// The streaming PDF writer (pdf/pdf_stream.hpp) against render_pdf(): same bytes for the same
// document, whether pages are spooled at once (CID-keyed CFF) or held until the end (TrueType,
// whose codes depend on the final subset), with links, rules and bookmarks.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "core/utf8.hpp"
#include "font/face.hpp"
#include "pdf/pdf_stream.hpp"
#include "pdf/pdf_writer.hpp"
#include "test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;

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

std::string streamed(Document doc, std::vector<size_t> batches) {
  PdfStreamWriter writer(test::scratch_path("stream-spool-dir").parent_path(), 2);
  size_t at = 0;
  for (size_t n : batches) {
    writer.add_pages(std::span<Page>(doc.pages.data() + at, n));
    at += n;
  }
  std::string out;
  writer.finish(doc, [&out](std::string_view b) { out.append(b); });
  return out;
}

TEST(PdfStreamWriter, SameBytesAsRenderPdf) {
  const Face song((test::source_dir() / "fonts/fandol/FandolSong-Regular.otf").string(), 0);
  const Face fang((test::source_dir() / "fonts/fandol/FandolFang-Regular.otf").string(), 0);
  std::unique_ptr<Face> tt;
  if (fs::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    tt = std::make_unique<Face>("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0);
  Document doc;
  doc.meta.title = "流式写出";
  doc.meta.creation_time = 1700000000;
  for (int i = 0; i < 7; ++i) {
    Page p;
    p.items.push_back(run_of(i % 2 ? song : fang, 80, 100, "第" + std::to_string(i + 1) + "页：绩效评价结果"));
    p.items.push_back(Rule{80, 120, 400, 120, 0.5, {}});
    if (i == 3 && tt) p.items.push_back(run_of(*tt, 80, 140, "TrueType held until the end"));
    if (i == 4) p.items.push_back(Link{80, 150, 100, 20, "https://example.org/路径"});
    doc.pages.push_back(std::move(p));
    doc.outline.push_back({"表 " + std::to_string(i + 1), static_cast<size_t>(i), 90});
  }
  doc.pages[6].height = 595.276;  // a second page size
  const std::string expected = render_pdf(doc);
  EXPECT_EQ(streamed(doc, {2, 3}), expected);  // finish() adds the last two
  EXPECT_EQ(streamed(doc, {}), expected);
  EXPECT_EQ(streamed(doc, {7}), expected);
}

TEST(PdfStreamWriter, AddedPagesAreReleased) {
  const Face song((test::source_dir() / "fonts/fandol/FandolSong-Regular.otf").string(), 0);
  Document doc;
  for (int i = 0; i < 3; ++i) doc.pages.push_back(Page{595.276, 841.89, {run_of(song, 80, 100, "正文")}});
  PdfStreamWriter writer(test::scratch_path("stream-release").parent_path(), 1);
  writer.add_pages(std::span<Page>(doc.pages.data(), 2));
  EXPECT_TRUE(doc.pages[0].items.empty());
  EXPECT_TRUE(doc.pages[1].items.empty());
  EXPECT_EQ(writer.page_count(), 2u);
}

}  // namespace
}  // namespace gongwen
