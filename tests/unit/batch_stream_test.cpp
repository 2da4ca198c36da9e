// Combined PDF runs stream (issue 14, Scale): records are read a window at a time and completed
// pages spooled at once. The file must be exactly the document the library lays out in one go,
// with images, official blocks, bookmarks and a page count ({{pages}}) in the footer.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int run_cli(const std::string& args) {
  const std::string cmd = std::string(GONGWEN_CLI) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string layout_path(const std::string& name) { return (gongwen::test::source_dir() / "layouts" / name).string(); }

/// `n` records cycling through `d`'s.
json repeat(json d, size_t n) {
  json records = json::array();
  for (size_t i = 0; i < n; ++i) records.push_back(d["records"][i % d["records"].size()]);
  d["records"] = records;
  return d;
}

/// Renders `d` combined to PDF only (the streamed path) with `jobs`; returns the file's bytes.
std::string streamed(const std::string& layout, const json& d, const std::string& name, unsigned jobs) {
  const fs::path data = gongwen::test::scratch_path(name + ".json");
  std::ofstream(data) << d.dump();
  const fs::path out = gongwen::test::scratch_path(name + "-out-" + std::to_string(jobs));
  EXPECT_EQ(run_cli("render " + layout + " " + data.string() + " -o " + out.string() + " -q -j " + std::to_string(jobs)), 0);
  std::string pdf = gongwen::test::read_file(out / (data.stem().string() + ".pdf"));
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(out)) ++files;
  EXPECT_EQ(files, 1u) << "the spool or a temporary was left in " << out;
  return pdf;
}

TEST(CombinedStream, PdfIsTheLibrarysDocumentWithBookmarks) {
  const json d = repeat(gongwen::test::example_records(), 70);  // several windows, ~140 pages
  const std::string layout = layout_path("perf-eval-result.toml");
  const std::string one = streamed(layout, d, "stream-bookmarks", 1);
  EXPECT_EQ(one, streamed(layout, d, "stream-bookmarks", 2));
  EXPECT_EQ(one, gongwen::Renderer(layout).render_pdf(d, gongwen::test::scratch_path("stream-bookmarks.json").string()));
}

TEST(CombinedStream, PdfIsTheLibrarysDocumentWithImagesAndOfficialBlocks) {
  json d = json::parse(gongwen::test::read_file(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json"));
  d = repeat(d, 12);
  const std::string layout = layout_path("gbt9704-notice.toml");
  const std::string pdf = streamed(layout, d, "stream-notice", 2);
  const fs::path data = gongwen::test::scratch_path("stream-notice.json");
  EXPECT_EQ(pdf, gongwen::Renderer(layout).render_pdf(d, data.string()));
  EXPECT_NE(pdf.find("/XObject"), std::string::npos);  // the seal is in it
}

TEST(CombinedStream, PageCountInTheFooterWaitsForTheLastPage) {
  // "共 N 页" is only known at the end: pages are then held, and the file is still the same.
  std::string text = gongwen::test::read_file(layout_path("perf-eval-result.toml"));
  const std::string from = "text = \"— {{page}} —\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "text = \"第 {{page}} 页 共 {{pages}} 页\"");
  const fs::path layout = gongwen::test::scratch_path("pages-footer.toml");
  std::ofstream(layout) << text;
  const json d = repeat(gongwen::test::example_records(), 40);
  const std::string pdf = streamed(layout.string(), d, "stream-pages", 2);
  EXPECT_EQ(pdf, gongwen::Renderer(layout).render_pdf(d, gongwen::test::scratch_path("stream-pages.json").string()));
  const fs::path file = gongwen::test::scratch_path("stream-pages-check.pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string pages = gongwen::test::run("pdfinfo " + file.string() + " | awk '/^Pages:/ {print $2}'");
  ASSERT_FALSE(pages.empty());
  const std::string all = gongwen::test::squash(gongwen::test::run("pdftotext -enc UTF-8 " + file.string() + " -"));
  const std::string n = pages.substr(0, pages.find('\n'));
  EXPECT_NE(all.find("第1页共" + n + "页"), std::string::npos) << n;
  EXPECT_NE(all.find("第" + n + "页共" + n + "页"), std::string::npos) << n;
}

}  // namespace
