// The example's page 2 (a split row, a caption, a full table) rendered by poppler and compared
// with a committed reference image: catches anything the text checks cannot see (missing
// borders, glyphs drawn in the wrong place or not at all).
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace {

struct Gray {
  int w = 0, h = 0;
  std::string pixels;
};

/// Binary PGM (P5, maxval 255), as pdftoppm -gray writes it.
Gray read_pgm(const std::string& bytes) {
  Gray g;
  std::istringstream in(bytes);
  std::string magic;
  int maxval = 0;
  in >> magic >> g.w >> g.h >> maxval;
  in.get();
  if (magic != "P5" || maxval != 255) return {};
  g.pixels.resize(static_cast<size_t>(g.w) * static_cast<size_t>(g.h));
  in.read(g.pixels.data(), static_cast<std::streamsize>(g.pixels.size()));
  return g;
}

}  // namespace

TEST(FlowRender, ExamplePageMatchesReferenceImage) {
  std::ifstream data(gongwen::test::source_dir() / "examples/2017-shanghai/records.json");
  const gongwen::Renderer r(gongwen::test::source_dir() / "layouts/perf-eval-result.toml");
  const std::string pdf = gongwen::test::scratch_path("render.pdf").string();
  std::ofstream(pdf, std::ios::binary) << r.render_pdf(nlohmann::json::parse(data), "records.json");
  // An explicit output root (pdftoppm adds ".pgm"): never a stray file in the working folder.
  const std::string page = gongwen::test::scratch_path("render-page2.pgm").string();
  const std::string root = page.substr(0, page.size() - 4);
  gongwen::test::run("pdftoppm -r 36 -gray -f 2 -l 2 -singlefile '" + pdf + "' '" + root + "'");
  const Gray got = read_pgm(gongwen::test::read_file(page));
  std::ifstream ref_file(gongwen::test::source_dir() / "tests/golden/example-page2.pgm", std::ios::binary);
  std::stringstream ref_bytes;
  ref_bytes << ref_file.rdbuf();
  const Gray want = read_pgm(ref_bytes.str());
  ASSERT_GT(want.w, 0);
  ASSERT_EQ(got.w, want.w);
  ASSERT_EQ(got.h, want.h);
  // Tolerance: anti-aliasing may differ a little between poppler builds; content may not.
  size_t differing = 0, ink = 0;
  for (size_t i = 0; i < got.pixels.size(); ++i) {
    const int a = static_cast<unsigned char>(got.pixels[i]), b = static_cast<unsigned char>(want.pixels[i]);
    if (std::abs(a - b) > 64) ++differing;
    if (b < 128) ++ink;
  }
  EXPECT_GT(ink, 3000u) << "the reference page holds text and borders";
  EXPECT_LT(static_cast<double>(differing) / static_cast<double>(got.pixels.size()), 0.002)
      << differing << " pixels differ; if the change is intended, look at the new page and regenerate with "
         "pdftoppm -r 36 -gray -f 2 -l 2 -singlefile OUT.pdf tests/golden/example-page2";
}
