// The example end to end: layout + records → pages. Guards the document dump (a golden), the
// PDF's independent checks (fonts, text, kinsoku, margins), reproducibility, row splitting
// across pages and the sign-off layout.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json example() { return gongwen::test::example_records(); }

std::vector<std::string> strings_of(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  else if (v.is_array() || v.is_object())
    for (const auto& x : v) for (auto& s : strings_of(x)) out.push_back(s);
  return out;
}

/// A record whose 主要绩效 has 16 long paragraphs (taken from the example's text).
json long_record() {
  json d = example();
  std::vector<std::string> paras;
  for (const auto& r : d["records"])
    for (const auto& p : r["performance"]) paras.push_back(p.get<std::string>());
  json r = d["records"][0];
  r["performance"] = json::array();
  for (int i = 0; i < 16; ++i) r["performance"].push_back(paras[static_cast<size_t>(i) % paras.size()] + "（第" + std::to_string(i + 1) + "段）");
  return json{{"document", d["document"]}, {"records", json::array({r})}};
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  fs::path p = fs::temp_directory_path() / ("gongwen-flow-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

const gongwen::Renderer& result_layout() {
  static const gongwen::Renderer r(gongwen::test::source_dir() / "layouts/perf-eval-result.toml");
  return r;
}

/// "— 1 —" (check-pdf lets page numbers lie outside the type area).
bool is_page_number(const std::string& text) {
  std::string t = std::regex_replace(text, std::regex("—| "), "");
  return !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
}

/// Type area of the layouts: margins 37/35/28/26 mm on A4, 1 mm tolerance as check-pdf.
void expect_inside_type_area(const std::vector<gongwen::test::PdfLine>& lines) {
  const double mm = 72 / 25.4, tol = 1 * mm;
  for (const auto& l : lines) {
    if (is_page_number(l.text)) continue;
    EXPECT_GE(l.x0, 28 * mm - tol) << l.text;
    EXPECT_LE(l.x1, 595.276 - 26 * mm + tol) << l.text;
    EXPECT_GE(l.y0, 37 * mm - tol) << l.text;
    EXPECT_LE(l.y1, 841.89 - 35 * mm + tol) << l.text;
  }
}

}  // namespace

TEST(FlowDocument, ExampleDumpMatchesGolden) {
  const std::string got = result_layout().render_dump(example(), "records.json");
  const fs::path golden = gongwen::test::source_dir() / "tests/golden/perf-eval-result.dump.txt";
  if (std::getenv("GONGWEN_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << got;
  std::ifstream f(golden, std::ios::binary);
  std::stringstream want;
  want << f.rdbuf();
  EXPECT_EQ(got, want.str()) << "layout changed: review, then rerun with GONGWEN_UPDATE_GOLDEN=1";
}

TEST(FlowDocument, ExamplePdfPassesIndependentChecks) {
  const json data = example();
  const std::string pdf = write_temp("example.pdf", result_layout().render_pdf(data, "records.json"));
  EXPECT_TRUE(gongwen::test::font_problems(pdf).empty());
  EXPECT_NE(gongwen::test::run("qpdf --check '" + pdf + "' 2>&1").find("No syntax or stream encoding errors"), std::string::npos);
  const auto lines = gongwen::test::pdf_lines(pdf);
  EXPECT_TRUE(gongwen::test::kinsoku_violations(lines).empty());
  expect_inside_type_area(lines);
  const std::string text = gongwen::test::squash(gongwen::test::run("pdftotext '" + pdf + "' -"));
  const std::string raw = gongwen::test::squash(gongwen::test::run("pdftotext -raw '" + pdf + "' -"));
  for (const auto& s : strings_of(data))
    EXPECT_TRUE(text.find(gongwen::test::squash(s)) != std::string::npos || raw.find(gongwen::test::squash(s)) != std::string::npos)
        << "missing from the extracted text: " << s;
  // Page numbers alternate: odd pages right, even pages left.
  int numbers = 0;
  for (const auto& l : lines) {
    if (l.text == "— 1 —") { EXPECT_GT(l.x0, 400); ++numbers; }
    if (l.text == "— 2 —") { EXPECT_LT(l.x0, 200); ++numbers; }
  }
  EXPECT_EQ(numbers, 2);
}

TEST(FlowDocument, TwoRunsGiveIdenticalBytes) {
  const json data = example();
  EXPECT_EQ(result_layout().render_pdf(data, "records.json"), result_layout().render_pdf(data, "records.json"));
  // and through the command line, into files
  const std::string pid = std::to_string(getpid());
  const fs::path a = fs::temp_directory_path() / ("gongwen-repro-a-" + pid), b = fs::temp_directory_path() / ("gongwen-repro-b-" + pid);
  for (const auto& dir : {a, b}) {
    fs::remove_all(dir);
    const std::string cmd = std::string(GONGWEN_CLI) + " render layouts/perf-eval-result.toml examples/2017-shanghai/records.json -q -o " + dir.string();
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  std::ifstream fa(a / "records.pdf", std::ios::binary), fb(b / "records.pdf", std::ios::binary);
  std::stringstream sa, sb;
  sa << fa.rdbuf();
  sb << fb.rdbuf();
  EXPECT_GT(sa.str().size(), 1000u);
  EXPECT_EQ(sa.str(), sb.str());
}

TEST(FlowDocument, SixteenParagraphsSplitAcrossPagesWithEveryLine) {
  const json data = long_record();
  const std::string dump = result_layout().render_dump(data, "long.json");
  EXPECT_NE(dump.find("pages=4"), std::string::npos) << dump.substr(0, 200);
  EXPECT_NE(dump.find("\"（续）\""), std::string::npos) << "continued label on the next page";
  const std::string pdf = write_temp("long.pdf", result_layout().render_pdf(data, "long.json"));
  const auto lines = gongwen::test::pdf_lines(pdf);
  EXPECT_TRUE(gongwen::test::kinsoku_violations(lines).empty());
  expect_inside_type_area(lines);
  // Content order: a paragraph split over pages is interrupted by the page number and the
  // repeated label; take those out, then every paragraph must read back whole.
  std::string raw = gongwen::test::squash(gongwen::test::run("pdftotext -raw '" + pdf + "' -"));
  raw = std::regex_replace(raw, std::regex("—\\d+—|主要绩效（续）"), "");
  for (const auto& p : data["records"][0]["performance"])
    EXPECT_NE(raw.find(gongwen::test::squash(p.get<std::string>())), std::string::npos) << p;
}

TEST(FlowDocument, SignoffLayoutPutsEachRecordOnItsOwnPageWithItsSignoff) {
  const gongwen::Renderer signoff(gongwen::test::source_dir() / "layouts/perf-eval-signoff.toml");
  const std::string dump = signoff.render_dump(example(), "records.json");
  // Every page holds the last row (整改情况) and the sign-off lines of one record.
  std::istringstream in(dump);
  std::string line;
  int pages = 0, with_both = 0;
  bool last_row = false, signed_off = false;
  auto close = [&] { if (pages > 0 && last_row && signed_off) ++with_both; last_row = signed_off = false; };
  while (std::getline(in, line)) {
    if (line.rfind("page ", 0) == 0) { close(); ++pages; }
    if (line.find("\"整改情况\"") != std::string::npos) last_row = true;
    if (line.find("\"负责人（签字）：\"") != std::string::npos) signed_off = true;
  }
  close();
  EXPECT_EQ(pages, 4);  // the layout's sizes fit each record on one page
  EXPECT_EQ(with_both, 4);
}

TEST(FlowDocument, SignoffSheetsNameTheUnitAndYear) {
  const gongwen::Renderer signoff(gongwen::test::source_dir() / "layouts/perf-eval-signoff.toml");
  const fs::path pdf = gongwen::test::scratch_path("signoff-title.pdf");
  std::ofstream(pdf, std::ios::binary) << signoff.render_pdf(example(), "records.json");
  const std::string text = gongwen::test::run("pdftotext '" + pdf.string() + "' -");
  size_t pages = 0;
  for (size_t start = 0, ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1, ++pages) {
    const std::string page = gongwen::test::squash(text.substr(start, ff - start));
    EXPECT_NE(page.find("上海市人民政府合作交流办公室2017年度财政支出项目绩效评价结果"), std::string::npos) << "page " << pages + 1;
  }
  EXPECT_EQ(pages, 4u);
}
