// GB/T 9704 positions measured on the ink of a rendered page (pdftoppm at 288 dpi, 4 px per pt),
// not on em boxes: the 发文机关标志's top edge 35 mm below the type area's top (§7.2.5), and the
// page number's 一字线 7 mm below the type area's bottom edge (§7.5).
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr double kMm = 72 / 25.4, kPx = 4;  // pixels per pt at 288 dpi
const double kTop = 37 * kMm, kBottom = 841.89 - 35 * kMm;

struct Gray {
  int w = 0, h = 0;
  std::string pixels;
  bool ink(int x, int y) const { return static_cast<unsigned char>(pixels[static_cast<size_t>(y) * w + x]) < 160; }
};

/// Page 1 of the notice, as a 红头 document whose body runs onto page 2 (so page 1 is numbered).
Gray page_one() {
  json d = json::parse(gongwen::test::read_file(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json"));
  d["records"][0]["issuer_mark"] = "示例市财政局文件";
  d["records"][0]["doc_number"] = "示财绩〔2018〕12号";
  for (int i = 0; i < 30; ++i) d["records"][0]["body"].push_back("这是一段用来填满版面的正文文字，每段恰好一行。");
  const gongwen::Renderer r(gongwen::test::source_dir() / "layouts/gbt9704-notice.toml");
  const std::string pdf = gongwen::test::scratch_path("ink.pdf").string();
  std::ofstream(pdf, std::ios::binary) << r.render_pdf(d, "records.json");
  const std::string page = gongwen::test::scratch_path("ink-page1.pgm").string();
  gongwen::test::run("pdftoppm -r 288 -gray -f 1 -l 1 -singlefile '" + pdf + "' '" + page.substr(0, page.size() - 4) + "'");
  Gray g;
  std::istringstream in(gongwen::test::read_file(page));
  std::string magic;
  int maxval = 0;
  in >> magic >> g.w >> g.h >> maxval;
  in.get();
  g.pixels.resize(static_cast<size_t>(g.w) * static_cast<size_t>(g.h));
  in.read(g.pixels.data(), static_cast<std::streamsize>(g.pixels.size()));
  return g;
}

/// The first row (pt) between y0 and y1 (pt) with ink in columns [x0, x1) px, or -1.
double first_ink_row(const Gray& g, double y0, double y1, int x0 = 0, int x1 = -1) {
  if (x1 < 0) x1 = g.w;
  for (int y = static_cast<int>(y0 * kPx); y < static_cast<int>(y1 * kPx) && y < g.h; ++y)
    for (int x = x0; x < x1; ++x)
      if (g.ink(x, y)) return y / kPx;
  return -1;
}

}  // namespace

TEST(Gbt9704Ink, MarkInkTopAndPageNumberDashWhereTheStandardSays) {
  const Gray g = page_one();
  ASSERT_GT(g.w, 2000);
  // 发文机关标志: its ink (the highest stroke) starts 35 mm below the type area's top.
  const double mark = first_ink_row(g, kTop + 25 * kMm, kTop + 45 * kMm);
  EXPECT_NEAR(mark, kTop + 35 * kMm, 0.5) << "ink top " << (mark - kTop) / kMm << " mm below the type area";
  // Page number "— 1 —", odd page, right: the first dash is the leftmost ink below the type area.
  const double band0 = kBottom + 1, band1 = kBottom + 15 * kMm;
  int left = -1;
  for (int x = 0; x < g.w && left < 0; ++x)
    for (int y = static_cast<int>(band0 * kPx); y < static_cast<int>(band1 * kPx); ++y)
      if (g.ink(x, y)) {
        left = x;
        break;
      }
  ASSERT_GT(left, g.w / 2) << "no page number on the right of page 1";
  const double dash = first_ink_row(g, band0, band1, left, left + 8 * static_cast<int>(kPx));
  EXPECT_NEAR(dash, kBottom + 7 * kMm, 0.5) << "dash ink top " << (dash - kBottom) / kMm << " mm below the type area";
}
