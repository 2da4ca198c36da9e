// The GB/T 9704-2012 notice on its 22 × 28 grid, judged twice: from outside (pdftotext
// -bbox-layout boxes, independent of gongwen's writer) and from gongwen's own document dump.
// Lines sit on grid lines, full lines fill the 156 mm measure, a full page holds 22 lines, page
// numbers alternate sides, and the closing blocks (附件说明, 署名, seal, 版记) sit where §7 says.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <optional>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using gongwen::test::PdfLine;

namespace {

constexpr double kMm = 72 / 25.4;
const double kTop = 37 * kMm, kLeft = 28 * kMm;
const double kRight = 595.276 - 26 * kMm, kBottom = 841.89 - 35 * kMm;
const double kGrid = 225 * kMm / 22;  // line pitch, 28.991 pt
const double kChar = 156 * kMm / 28;  // character pitch, 15.793 pt

json notice() {
  std::ifstream f(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json");
  return json::parse(f);
}

/// The notice with its body given three times: pages of nothing but body text.
json long_notice() {
  json d = notice();
  json& body = d["records"][0]["body"];
  const json once = body;
  for (int i = 0; i < 2; ++i)
    for (const auto& p : once) body.push_back(p);
  return d;
}

const gongwen::Renderer& renderer() {
  static const gongwen::Renderer r(gongwen::test::source_dir() / "layouts/gbt9704-notice.toml");
  return r;
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  const fs::path p = gongwen::test::scratch_path("9704-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p.string();
}

bool is_page_number(const std::string& text) { return std::regex_match(text, std::regex("— \\d+ —")); }

/// Grid slot of a line (0-based from the type area's top) and how far its em box's centre lies
/// off the slot's centre, pt.
int slot(const PdfLine& l) { return static_cast<int>(std::floor(((l.y0 + l.y1) / 2 - kTop) / kGrid)); }
double off_grid(const PdfLine& l) { return (l.y0 + l.y1) / 2 - kTop - (slot(l) + 0.5) * kGrid; }
bool body_size(const PdfLine& l) { return std::abs(l.y1 - l.y0 - 16) < 0.5; }  // 三号 em box

struct Measured {
  double pitch_error = 0;    ///< worst |baseline pitch − n × grid|, consecutive 三号 lines
  double start_error = 0;    ///< worst |x0 − (left or left + 2 字)|, full lines
  double end_error = 0;      ///< worst |x1 − right|, full lines
  int full_lines = 0;
};

/// Consecutive 三号 lines on a page: pitch a whole number of grid lines. Full lines — those
/// followed by a line that starts at the type area's left edge (a paragraph's next line) — start
/// at the left edge or two characters in and end at the right edge.
Measured measure_grid(const std::vector<PdfLine>& lines) {
  Measured m;
  std::vector<const PdfLine*> body;
  for (const auto& l : lines)
    if (!is_page_number(l.text) && body_size(l)) body.push_back(&l);
  for (size_t i = 0; i + 1 < body.size(); ++i) {
    const PdfLine &a = *body[i], &b = *body[i + 1];
    if (a.page == b.page) {
      const double pitch = b.y0 - a.y0;
      m.pitch_error = std::max(m.pitch_error, std::abs(pitch - std::round(pitch / kGrid) * kGrid));
    }
    if (std::abs(b.x0 - kLeft) < 1.5 && (b.page == a.page ? slot(b) == slot(a) + 1 : slot(b) == 0)) {
      ++m.full_lines;
      m.start_error = std::max(m.start_error, std::min(std::abs(a.x0 - kLeft), std::abs(a.x0 - kLeft - 2 * kChar)));
      m.end_error = std::max(m.end_error, std::abs(a.x1 - kRight));
    }
  }
  return m;
}

std::map<int, std::vector<PdfLine>> by_page(const std::vector<PdfLine>& lines) {
  std::map<int, std::vector<PdfLine>> pages;
  for (const auto& l : lines)
    if (!is_page_number(l.text)) pages[l.page].push_back(l);
  return pages;
}

}  // namespace

TEST(Gbt9704Pdf, LinesSitOnTheGridAndFullLinesFillTheMeasure) {
  const std::string pdf = write_temp("notice.pdf", renderer().render_pdf(notice(), "records.json"));
  const auto lines = gongwen::test::pdf_lines(pdf);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(gongwen::test::font_problems(pdf).empty());
  EXPECT_TRUE(gongwen::test::kinsoku_violations(lines).empty());
  double worst_off = 0;
  for (const auto& l : lines) {
    if (is_page_number(l.text)) continue;
    worst_off = std::max(worst_off, std::abs(off_grid(l)));
    EXPECT_LT(std::abs(off_grid(l)), 0.6) << "off the grid: " << l.text;
    EXPECT_GE(l.x0, kLeft - 1.5) << l.text;
    EXPECT_LE(l.x1, kRight + 1.5) << l.text;
    EXPECT_GE(slot(l), 0) << l.text;
    EXPECT_LE(slot(l), 21) << l.text;
  }
  const Measured m = measure_grid(lines);
  EXPECT_LT(m.pitch_error, 0.6);
  EXPECT_LT(m.start_error, 1.5);
  EXPECT_LT(m.end_error, 1.5);
  EXPECT_GE(m.full_lines, 12);
  std::printf("[ measured ] pitch error %.3f pt, off-grid %.3f pt, line start %.3f pt, line end %.3f pt over %d full lines\n",
              m.pitch_error, worst_off, m.start_error, m.end_error, m.full_lines);
}

TEST(Gbt9704Pdf, FullPagesHold22LinesAndPageNumbersAlternate) {
  const json data = long_notice();
  const std::string pdf = write_temp("long.pdf", renderer().render_pdf(data, "long.json"));
  const auto lines = gongwen::test::pdf_lines(pdf);
  const auto pages = by_page(lines);
  ASSERT_GE(pages.size(), 4u);
  const Measured m = measure_grid(lines);
  EXPECT_LT(m.pitch_error, 0.6);
  EXPECT_LT(m.end_error, 1.5);
  // Page 1: the title's two lines, 空一行, then text down to the 22nd line.
  std::set<int> first;
  for (const auto& l : pages.at(1)) first.insert(slot(l));
  EXPECT_EQ(first.size(), pages.at(1).size()) << "two lines in one grid slot";
  EXPECT_EQ(first.size(), 21u);
  EXPECT_EQ(first.count(2), 0u) << "the blank line under the title";
  EXPECT_EQ(*first.rbegin(), 21);
  // Pages of body text only: 22 lines each, one per grid line.
  int full_pages = 0;
  for (const auto& [page, ls] : pages) {
    if (page == 1 || page == static_cast<int>(pages.size())) continue;
    std::set<int> slots;
    for (const auto& l : ls) slots.insert(slot(l));
    EXPECT_EQ(ls.size(), 22u) << "page " << page;
    EXPECT_EQ(slots.size(), 22u) << "page " << page;
    ++full_pages;
  }
  EXPECT_GE(full_pages, 2);
  std::printf("[ measured ] %d full body pages of 22 lines; page 1 holds 21 lines + 1 blank\n", full_pages);
  // Page numbers: "— N —" below the type area, odd pages right and even pages left, one
  // 4号 character (14 pt) in from the edge.
  int numbers = 0;
  for (const auto& l : lines) {
    if (!is_page_number(l.text)) continue;
    ++numbers;
    // (the 一字线's ink top lies 7 mm below: gbt9704_ink_test; the em box starts above it)
    EXPECT_LT(l.y0, kBottom + 7 * kMm) << l.text;
    EXPECT_GT(l.y0, kBottom + 7 * kMm - 14) << l.text;
    if (l.page % 2 == 1) EXPECT_NEAR(l.x1, kRight - 14, 1.5) << l.text;
    else EXPECT_NEAR(l.x0, kLeft + 14, 1.5) << l.text;
  }
  EXPECT_EQ(numbers, static_cast<int>(pages.size()));
  // Every paragraph reads back whole once the page numbers are taken out.
  std::string raw = gongwen::test::squash(gongwen::test::run("pdftotext -raw '" + pdf + "' -"));
  raw = std::regex_replace(raw, std::regex("—\\d+—"), "");
  for (const auto& p : data["records"][0]["body"])
    EXPECT_NE(raw.find(gongwen::test::squash(p.get<std::string>())), std::string::npos) << p;
}

TEST(Gbt9704Pdf, ClosingBlocksFollowSection7) {
  const std::string pdf = write_temp("closing.pdf", renderer().render_pdf(notice(), "records.json"));
  const auto pages = by_page(gongwen::test::pdf_lines(pdf));
  ASSERT_EQ(pages.size(), 2u) << "the example fills two pages";
  const auto& last = pages.at(2);
  auto find = [&](const std::string& prefix) -> const PdfLine& {
    for (const auto& l : last)
      if (l.text.rfind(prefix, 0) == 0) return l;
    ADD_FAILURE() << "no line starting with " << prefix;
    static const PdfLine none;
    return none;
  };
  const PdfLine& text_end = find("料，确保");
  const PdfLine& attach = find("附件：1.");
  const PdfLine& attach2 = find("2.财政");
  const PdfLine& name = find("示例市财政局");
  const PdfLine& date = find("2018年7月1日");
  const PdfLine& copy = find("抄送：");
  const PdfLine& printed = find("示例市财政局办公室");
  const PdfLine& printed_on = find("2018年7月2日印发");
  // 附件说明: 正文下空一行, 左空二字; the second item under "1.".
  EXPECT_EQ(slot(attach), slot(text_end) + 2);
  EXPECT_NEAR(attach.x0, kLeft + 2 * kChar, 1.0);
  EXPECT_NEAR(attach2.x0, kLeft + 5 * kChar, 1.0);  // 二字 + "附件："
  // With a seal: the date 右空四字, the 署名 centred over it on the line above.
  EXPECT_NEAR(date.x1, kRight - 4 * kChar, 1.0);
  EXPECT_NEAR((name.x0 + name.x1) / 2, (date.x0 + date.x1) / 2, 1.0);
  EXPECT_EQ(slot(date), slot(name) + 1);
  // 版记: 4号, the last two lines of the page; 抄送 and 印发机关 左空一字, 印发日期 右空一字.
  EXPECT_EQ(slot(printed), 21);
  EXPECT_EQ(slot(copy), 20);
  EXPECT_NEAR(copy.x0, kLeft + 14, 1.0);
  EXPECT_NEAR(printed.x0, kLeft + 14, 1.0);
  EXPECT_NEAR(printed_on.x1, kRight - 14, 1.0);
  EXPECT_NEAR(printed_on.y0, printed.y0, 0.1);
}

// ---- the same from gongwen's own dump -------------------------------------------------------

namespace {
struct DumpText {
  int page = 0;
  double x = 0, y = 0, w = 0, size = 0;
  std::string text;
};
struct DumpItems {
  std::vector<DumpText> texts;
  std::vector<std::array<double, 5>> rules;   ///< page, x0, y0, x1, width
  std::vector<std::array<double, 5>> images;  ///< page, x, y, w, h
};

DumpItems parse_dump(const std::string& dump) {
  DumpItems out;
  std::istringstream in(dump);
  std::string line;
  int page = 0;
  static const std::regex text(R"re(^  text x=([-\d.]+) y=([-\d.]+) w=([-\d.]+) size=([\d.]+) .*"(.*)"$)re");
  static const std::regex rule(R"(^  rule ([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+) w=([\d.]+))");
  static const std::regex image(R"(^  image ([-\d.]+),([-\d.]+) ([\d.]+)x([\d.]+) )");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("page ", 0) == 0) ++page;
    else if (std::regex_search(line, m, text))
      out.texts.push_back({page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    else if (std::regex_search(line, m, rule))
      out.rules.push_back({double(page), std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[5])});
    else if (std::regex_search(line, m, image))
      out.images.push_back({double(page), std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])});
  }
  return out;
}
}  // namespace

TEST(Gbt9704Dump, BaselinesOnTheGridAndFullLinesExact) {
  const DumpItems d = parse_dump(renderer().render_dump(long_notice(), "long.json"));
  // Every 三号 baseline lies the same distance below a grid line (the dump rounds to 0.01 pt).
  std::optional<double> phase;
  std::map<std::pair<int, double>, std::pair<double, double>> lines;  // (page, y) → x extent
  for (const auto& t : d.texts) {
    if (t.size != 16) continue;
    const double in_line = std::fmod(t.y - kTop, kGrid);
    if (!phase) phase = in_line;
    EXPECT_NEAR(in_line, *phase, 0.02) << t.text;
    auto [it, fresh] = lines.try_emplace({t.page, t.y}, t.x, t.x + t.w);
    if (!fresh) it->second = {std::min(it->second.first, t.x), std::max(it->second.second, t.x + t.w)};
  }
  // Full lines — followed by a paragraph's next line, at the left edge one grid line down (or at
  // the top of the next page) — end exactly at the right edge and start at the edge or 二字 in.
  int full = 0;
  for (auto it = lines.begin(); it != lines.end(); ++it) {
    auto next = std::next(it);
    if (next == lines.end() || std::abs(next->second.first - kLeft) > 0.02) continue;
    const bool follows = next->first.first == it->first.first ? std::abs(next->first.second - it->first.second - kGrid) < 0.05
                                                              : next->first.second < kTop + kGrid;
    if (!follows) continue;
    ++full;
    EXPECT_NEAR(it->second.second, kRight, 0.02) << "page " << it->first.first << " y=" << it->first.second;
    const double x0 = it->second.first;
    EXPECT_TRUE(std::abs(x0 - kLeft) < 0.02 || std::abs(x0 - kLeft - 2 * kChar) < 0.02) << x0;
  }
  EXPECT_GE(full, 40);
}

TEST(Gbt9704Dump, SealAndBanjiRules) {
  const DumpItems d = parse_dump(renderer().render_dump(notice(), "records.json"));
  ASSERT_EQ(d.images.size(), 1u);
  const auto& seal = d.images[0];
  EXPECT_NEAR(seal[3], 42 * kMm, 0.02);  // 42 mm across
  const DumpText *name = nullptr, *date = nullptr, *above = nullptr;
  for (const auto& t : d.texts) {
    if (t.text == "示例市财政局" && t.size == 16) name = &t;
    if (t.text == "2018年7月1日") date = &t;
    if (t.text == "2.财政支出项目绩效自评表") above = &t;
  }
  ASSERT_TRUE(name && date && above);
  // The seal's top lies within one line below the text above it, and not on it.
  const double above_bottom = kTop + std::ceil((above->y - kTop) / kGrid) * kGrid;
  EXPECT_GE(seal[2], above_bottom - 0.02);
  EXPECT_LE(seal[2], above_bottom + kGrid);
  // Centred on the date and the 署名; both sit below the seal's centre, the name close to it.
  EXPECT_NEAR(seal[1] + seal[3] / 2, date->x + date->w / 2, 0.02);
  const double centre = seal[2] + seal[4] / 2;
  EXPECT_GT(name->y, centre);
  EXPECT_LT(name->y - centre, kGrid);
  EXPECT_GT(date->y, name->y);
  // 版记 rules: as wide as the type area, 0.35 / 0.25 / 0.35 mm, the last on the bottom edge.
  ASSERT_EQ(d.rules.size(), 3u);
  for (const auto& r : d.rules) {
    EXPECT_NEAR(r[1], kLeft, 0.02);
    EXPECT_NEAR(r[3], kRight, 0.02);
  }
  EXPECT_NEAR(d.rules[0][4], 0.35 * kMm, 0.01);
  EXPECT_NEAR(d.rules[1][4], 0.25 * kMm, 0.01);
  EXPECT_NEAR(d.rules[2][4], 0.35 * kMm, 0.01);
  EXPECT_NEAR(d.rules[2][2] + d.rules[2][4] / 2, kBottom, 0.02);
  // The seal stays clear of the 版记 and of the text above it (its top within one line of it).
  EXPECT_LT(seal[2] + seal[4], d.rules[0][2]);
}
