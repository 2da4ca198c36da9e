// Break positions from spec §4–5 (clreq GB-style + strict, GB/T 15834): each case is built so
// that a naive breaker would put a prohibited mark at a line edge, and asserts the exact lines.
// Style: 仿宋 (Fandol) 10 pt, no indent; the measure is a multiple of 10 pt = N Han characters.
#include <gtest/gtest.h>

#include <string>

#include "text/breaks.hpp"
#include "text_test_support.hpp"

using namespace gongwen;
using test::kEm;
using test::lay;
using test::Lines;

namespace {

struct BreakCase {
  const char* name;
  std::string text;
  double measure_em;
  Lines expect;
};

std::ostream& operator<<(std::ostream& os, const BreakCase& c) { return os << c.name; }

class TextBreaks : public ::testing::TestWithParam<BreakCase> {};

TEST_P(TextBreaks, ExactLines) {
  const BreakCase& c = GetParam();
  EXPECT_EQ(lay(c.text, c.measure_em * kEm), c.expect) << c.text;
}

/// A NO_START mark as character 6 of a 5-em measure: a naive breaker starts line 2 with it. The
/// mark (≤ 1 em) cannot be squeezed onto line 1 (5 em + ½ em > 5 em), so 五 goes down with it.
BreakCase no_start(const char* name, const std::string& mark) {
  return {name, "一二三四五" + mark + "六七八九十", 5, {"一二三四", "五" + mark + "六七八", "九十"}};
}
/// A NO_END mark as character 5 of a 5-em measure: a naive breaker ends line 1 with it.
BreakCase no_end(const char* name, const std::string& mark) {
  return {name, "一二三四" + mark + "五六七八九十", 5, {"一二三四", mark + "五六七八", "九十"}};
}

INSTANTIATE_TEST_SUITE_P(
    TextNoStart, TextBreaks,
    ::testing::Values(
        no_start("FullComma", "，"), no_start("IdeographicStop", "。"), no_start("EnumerationComma", "、"),
        no_start("Semicolon", "；"), no_start("Colon", "："), no_start("Question", "？"),
        no_start("Exclamation", "！"), no_start("CloseParen", "）"), no_start("CloseBook", "》"),
        no_start("CloseCorner", "」"), no_start("CloseWhiteCorner", "』"), no_start("CloseLenticular", "】"),
        no_start("CloseDoubleQuote", "”"), no_start("CloseSingleQuote", "’"), no_start("CloseAngle", "〉"),
        no_start("CloseTortoise", "〕"), no_start("CloseWhiteLenticular", "〗"), no_start("CloseSquare", "］"),
        no_start("CloseCurly", "｝"), no_start("FullStop", "．"), no_start("WaveDash", "～"),
        no_start("KatakanaMiddleDot", "・"), no_start("MiddleDot", "·"), no_start("SingleEmDash", "—"),
        no_start("SingleEllipsis", "…"), no_start("MidlineEllipsis", "⋯"), no_start("IterationMark", "々"),
        no_start("EnDash", "–"), no_start("DoubleBar", "‖"), no_start("FullPercent", "％"),
        no_start("Prime", "′"), no_start("Celsius", "℃"), no_start("AsciiComma", ","),
        no_start("AsciiPeriod", "."), no_start("AsciiColon", ":"), no_start("AsciiSemicolon", ";"),
        no_start("AsciiExclamation", "!"), no_start("AsciiQuestion", "?"), no_start("AsciiParen", ")"),
        no_start("AsciiBracket", "]"), no_start("AsciiBrace", "}"), no_start("AsciiPercent", "%")),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    TextNoEnd, TextBreaks,
    ::testing::Values(no_end("OpenParen", "（"), no_end("OpenBook", "《"), no_end("OpenCorner", "「"),
                      no_end("OpenWhiteCorner", "『"), no_end("OpenLenticular", "【"),
                      no_end("OpenDoubleQuote", "“"), no_end("OpenSingleQuote", "‘"), no_end("OpenAngle", "〈"),
                      no_end("OpenTortoise", "〔"), no_end("OpenWhiteLenticular", "〖"),
                      no_end("OpenSquare", "［"), no_end("OpenCurly", "｛"), no_end("AsciiParen", "("),
                      no_end("AsciiBracket", "["), no_end("AsciiBrace", "{"), no_end("FullYen", "￥"),
                      no_end("FullPound", "￡"), no_end("Dollar", "$")),
    [](const auto& info) { return std::string(info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    TextNeverSplit, TextBreaks,
    ::testing::Values(
        // —— (2 em) never split and never starts a line: 四 goes down with it.
        BreakCase{"DoubleDash", "一二三四——五六七八九十", 5, {"一二三", "四——五六", "七八九十"}},
        BreakCase{"DoubleEllipsis", "一二三四……五六七八九十", 5, {"一二三", "四……五六", "七八九十"}},
        BreakCase{"DoubleMidlineEllipsis", "一二三四⋯⋯五六七八九十", 5, {"一二三", "四⋯⋯五六", "七八九十"}},
        // —— that fits ends the line: a break after it is fine.
        BreakCase{"DoubleDashAtEnd", "一二三——四五六七八九十", 5, {"一二三——", "四五六七八", "九十"}},
        // —— then 。: the stop stays with the dash.
        BreakCase{"DoubleDashThenStop", "一二三——。四五六七八九", 5, {"一二", "三——。四", "五六七八九"}},
        // A slash (／ /) is in both NO_START and NO_END: it glues its neighbours.
        BreakCase{"FullSlash", "一二三四／五六七八九十", 5, {"一二三", "四／五六七", "八九十"}},
        BreakCase{"AsciiSlash", "一二三四/五六七八九十", 5, {"一二三", "四/五六七", "八九十"}},
        // Numbers with units: "20.645万元" is one unit; naive: 一二三四五六七20|.645万元.
        BreakCase{"AmountWanYuan", "一二三四五六七20.645万元，八九十甲乙", 8,
                  {"一二三四五六七", "20.645万元，八九", "十甲乙"}},
        BreakCase{"Percentage", "一二三四五六七89.13%八九十", 9, {"一二三四五六七", "89.13%八九十"}},
        // 12份 fills line 1 to exactly 9 em; the digit–unit glue pushes 12 down.
        BreakCase{"CountUnit", "一二三四五六七八12份九十甲", 9, {"一二三四五六七八", "12份九十甲"}},
        BreakCase{"LongNumber", "一二三四五六1103017家七八九", 9, {"一二三四五六", "1103017家七八九"}},
        BreakCase{"GroupedNumber", "一二三四五六1,103,017家七八", 9, {"一二三四五六", "1,103,017家七八"}},
        // A compound unit: the slash glues 元/平, and 平方米 after it stays whole (naive: 元/平|方米).
        // Naive: 一二45元/平方|米三四五六 (7.5 em fits 一二45元/平方 but not the unit's 米).
        BreakCase{"CompoundUnit", "一二45元/平方米三四五六", 7.5, {"一二", "45元/平方米三", "四五六"}},
        // Wider than the cell (the 自评表's 5-em 年度指标值): cut after the slash, both units whole.
        BreakCase{"CompoundUnitTooLong", "≤45元/平方米", 5, {"≤45元/", "平方米"}},
        // A space between the number and its unit ("采集 1 次") does not free the unit.
        BreakCase{"NumberSpaceUnit", "一二三四五六七 1 次八九十甲", 8.5, {"一二三四五六七", "1 次八九十甲"}},
        // Latin words are never split: naive: 一二三四五六CP|U.
        BreakCase{"LatinWord", "一二三四五六CPU七八九", 8, {"一二三四五六", "CPU七八九"}},
        BreakCase{"LatinWords", "一二三四五 Linux server 六七八九十", 8, {"一二三四五 Linux", "server 六七八九十"}},
        // Quotes: “ would end line 1, ” would start line 2.
        BreakCase{"QuotePair", "一二三四“五六”七八九十", 5, {"一二三四", "“五六”七", "八九十"}},
        // “ inside the line gives its blank half, and the line-end ” its right half: “四五” fits
        BreakCase{"QuoteCloseAtStart", "一二三“四五”六七八九十甲乙丙丁", 6, {"一二三“四五”", "六七八九十甲", "乙丙丁"}},
        // Nested brackets: no break inside （《 or 》）; line 2 shrinks its edges (6 em → 5 em).
        // 《 after （ and ） after 》 take ½ em (adjacent marks), （ inside the line gives its blank half
        BreakCase{"NestedBrackets", "一二三（《四五》）六七八九十", 5, {"一二三（《四", "五》）六七八", "九十"}},
        BreakCase{"NestedQuoteBook", "一二三四“《五六》”七八九", 5, {"一二三四", "“《五六》”", "七八九"}},
        // 。” at a line end: the pair (2 em → 1.5) plus the line end (½) fit N−1 Han + 。” in N em.
        BreakCase{"StopQuoteSqueezed", "一二三四五六七八九。”十甲乙丙", 10,
                  {"一二三四五六七八九。”", "十甲乙丙"}},
        // 先挤进后推出: 9 Han + ， = 10 em in 9.5 em: the comma goes to ½ em instead of 九 going down.
        BreakCase{"CommaSqueezedIn", "一二三四五六七八九，十甲乙丙", 9.5, {"一二三四五六七八九，", "十甲乙丙"}},
        // … but 10 Han + ， cannot fit in 10 em (10.5 em min): 推出 pushes 十 down with the comma.
        BreakCase{"CommaPushedOut", "一二三四五六七八九十，甲乙丙", 10, {"一二三四五六七八九", "十，甲乙丙"}}),
    [](const auto& info) { return std::string(info.param.name); });

/// A URL wider than the measure is broken anywhere, as late as possible, and never overflows.
TEST(TextBreaksUrl, LongUrlBrokenAnywhere) {
  const std::string url = "https://www.example.gov.cn/zwgk/2017/performance-results/index.html";
  const std::string text = "详见" + url + "。";
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph(text, st, 100);
  ASSERT_GE(p.lines.size(), 3u);
  std::string joined;
  for (size_t i = 0; i < p.lines.size(); ++i) {
    joined += p.line_text(i);
    EXPECT_LE(p.lines[i].right, 100 + 0.01);
    EXPECT_GE(p.lines[i].left, -0.01);
  }
  EXPECT_EQ(joined, text);
  // Filled as late as possible: a line broken where no break is permitted (inside the URL) could
  // not take its next character.
  const auto& cl = p.shaped.clusters;
  const std::vector<BreakKind> breaks = find_breaks(p.shaped, st.breaks);
  for (size_t i = 0; i + 1 < p.lines.size(); ++i) {
    const Line& l = p.lines[i];
    if (breaks[l.end] != BreakKind::None) continue;
    double w = 0;
    for (uint32_t k = l.begin; k <= l.end; ++k) w += cl[k].advance;
    EXPECT_GT(w, 100 - 0.01) << "line " << i << " [" << p.line_text(i) << "] could hold one more character";
  }
  // 详见 starts the URL's first line instead of standing alone on a stretched line.
  EXPECT_TRUE(p.line_text(0).starts_with("详见https"));
}

/// A forced break ("\n") ends a line early; the line before it keeps natural spacing.
TEST(TextBreaksForced, NewlineEndsLine) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("一二三\n四五六七八九十", st, 50);
  test::expect_invariants(p, st);
  EXPECT_EQ(test::lines_of(p), (Lines{"一二三", "四五六七八", "九十"}));
  EXPECT_FALSE(p.lines[0].justified);
  EXPECT_NEAR(p.lines[0].right, 30, 0.01);
  EXPECT_NEAR(p.lines[1].right, 50, 0.01);
}

TEST(TextBreaksForced, EmptyLineBetweenBreaks) {
  EXPECT_EQ(lay("一二\n\n三四", 50), (Lines{"一二", "", "三四"}));
}

/// 孤字: a last line of one Han character + 。 pulls one more character down — in left-aligned
/// text, and in justified text when no line gets looser than 0.04 em per gap for it (else the
/// search keeps it, as xeCJK does: text_line_search_test).
TEST(TextBreaksOrphan, LastLineSingleHanPullsOneDown) {
  auto left = test::style10();
  left.align = Align::Left;
  EXPECT_EQ(lay("一二三四五六七八九十甲。", 50, left), (Lines{"一二三四五", "六七八九", "十甲。"}));
  // Two characters on the last line: nothing to do.
  EXPECT_EQ(lay("一二三四五六七八九十甲乙。", 50, left), (Lines{"一二三四五", "六七八九十", "甲乙。"}));
  // Justified: 六七八九 would stretch by 1/3 em per gap; the 孤字 stays.
  EXPECT_EQ(lay("一二三四五六七八九十甲。", 50), (Lines{"一二三四五", "六七八九十", "甲。"}));
  // Justified, where line 1 may give its commas back their full width: 四 goes down, no stretch.
  EXPECT_EQ(lay("一，二，三四五六七八九甲。", 50), (Lines{"一，二，三", "四五六七八", "九甲。"}));
  // Off: the orphan stays.
  left.orphan_control = false;
  EXPECT_EQ(lay("一二三四五六七八九十甲。", 50, left), (Lines{"一二三四五", "六七八九十", "甲。"}));
}

TEST(TextBreaksOrphan, PullsPastProhibitedBreak) {
  // Line 2 ends "九，": the break before ， is prohibited, so 九， go down together.
  auto left = test::style10();
  left.align = Align::Left;
  EXPECT_EQ(lay("一二三四五六七八九，甲。", 50, left), (Lines{"一二三四五", "六七八", "九，甲。"}));
}

}  // namespace
