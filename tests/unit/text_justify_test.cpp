// Justification (spec §4): justified lines span the measure exactly, the last line keeps natural
// spacing, nothing is stretched inside Latin words or numbers, shrinking follows the spec's order,
// and the optional CJK–Latin space.
#include <gtest/gtest.h>

#include <string>

#include "core/units.hpp"
#include "text_test_support.hpp"

using namespace gongwen;
using test::kEm;
using test::lay;
using test::Lines;

namespace {

const char* const kReference[] = {
    "1、通过项目实施，运行维护工作按计划开展实施，每月定期对系统数据库服务器和分析系统应用服务器进行巡检，"
    "并形成了 12份巡检报告，有效保障系统服务器网络、硬盘及 CPU 使用率等长期处于正常水平，确保了上海市在外地"
    "投资企业工商注册数据采集与分析系统的正常运行。",
    "截至 2017 年 12 月 31 日，各地在沪投资数据采集与统计分析系统共计汇总 1103017 家各地来沪企业数据信息，其中，"
    "2017年度新增 194174家各地来沪企业数据信息，为市合作交流办及时、全面掌握各地来沪投资及贡献情况提供了数据保障。",
    "用户对平台的综合满意度达 89.13%，达到了 85%的预期目标；预算金额20.645万元，评价分值88.47分（良好）。"
    "《上海市合作交流“十三五”规划》——对口支援……“援外”项目（《实施方案》）已完成。",
};

/// Every line of the reference paragraphs, at many measures and in every style, keeps the
/// invariants (≤ measure; justified lines exactly span it; last lines unstretched).
TEST(TextJustify, InvariantsOverReferenceParagraphs) {
  for (bool compress : {false, true})
    for (bool autospace : {false, true})
      for (double indent : {0.0, 2 * kEm})
        for (int em = 8; em <= 30; ++em)
          for (const char* text : kReference) {
            auto st = test::style10();
            st.punctuation = compress ? PunctuationStyle::Compress : PunctuationStyle::Standard;
            st.cjk_latin_space = autospace;
            st.first_indent = indent;
            SCOPED_TRACE(std::string(text).substr(0, 30) + " measure " + std::to_string(em) + " em" +
                         (compress ? " compress" : "") + (autospace ? " autospace" : "") +
                         (indent > 0 ? " indent" : ""));
            ParagraphLayout p = layout_paragraph(text, st, em * kEm);
            test::expect_invariants(p, st);
            std::string joined;
            for (size_t i = 0; i < p.lines.size(); ++i) joined += p.line_text(i);
            std::string source(text);
            std::erase(source, ' ');
            std::erase(joined, ' ');
            EXPECT_EQ(joined, source);  // nothing lost or repeated (spaces at breaks may go)
          }
}

/// The benchmark's setting: 仿宋 14 pt, 2-em indent, a 100 mm measure.
TEST(TextJustify, InvariantsAtHundredMillimetres) {
  auto st = test::style10();
  st.size = 14;
  st.first_indent = 28;
  for (const char* text : kReference) {
    ParagraphLayout p = layout_paragraph(text, st, mm_to_pt(100));
    test::expect_invariants(p, st);
    EXPECT_GT(p.lines.size(), 2u);
  }
}

/// GB/T 9704 grid (spec §1): 三号 仿宋 with tracking 156 mm / 28 − 16 pt sets exactly 28
/// characters per line (26 after the 2-字 indent), every glyph on the grid, nothing stretched.
TEST(TextJustify, GongwenGridOf28) {
  const double measure = mm_to_pt(156), pitch = measure / 28;
  auto st = test::style10();
  st.size = 16;
  st.letter_spacing = pitch - 16;
  st.first_indent = 2 * pitch;
  st.punctuation = PunctuationStyle::FullWidth;  // the preset's: marks keep the grid
  std::string text;
  const char* const han[] = {"通", "过", "项", "目", "实", "施", "运", "行", "维", "护"};
  for (int i = 0; i < 26 + 28 + 28 + 5; ++i) text += (i % 7 == 3) ? "，" : han[i % 10];  // no ， at a line start
  text += "。";
  ParagraphLayout p = layout_paragraph(text, st, measure);
  test::expect_invariants(p, st);
  ASSERT_EQ(p.lines.size(), 4u);
  const size_t counts[] = {26, 28, 28, 6};
  for (size_t i = 0; i < 4; ++i) {
    const Line& l = p.lines[i];
    ASSERT_EQ(l.end - l.begin, counts[i]) << "line " << i;
    const double indent = i == 0 ? st.first_indent : 0;
    for (size_t k = 0; k < l.x.size(); ++k)
      EXPECT_NEAR(l.x[k], indent + static_cast<double>(k) * pitch, 1e-6) << "line " << i << " char " << k;
  }
}

/// Positions inside "CPU" and "89.13%" keep natural advances although the line is stretched.
TEST(TextJustify, NeverStretchesInsideLatinWordOrNumber) {
  auto st = test::style10();
  st.cjk_latin_space = false;  // the widths below count no CJK–Latin gaps
  // Line 1: 一二三CPU四五89.13%六 is about 11.4 em in 12 em, then 七 (1 em) would not fit.
  ParagraphLayout p = layout_paragraph("一二三CPU四五89.13%六七八九十甲乙丙", st, 12 * kEm);
  test::expect_invariants(p, st);
  ASSERT_GE(p.lines.size(), 2u);
  ASSERT_EQ(p.line_text(0), "一二三CPU四五89.13%六");
  const Line& l = p.lines[0];
  ASSERT_TRUE(l.justified);
  const auto& cl = p.shaped.clusters;
  bool stretched = false;
  for (uint32_t k = l.begin + 1; k < l.end; ++k) {
    const double step = l.x[k - l.begin] - l.x[k - 1 - l.begin];
    auto wordish = [](const Cluster& c) { return is_latin(c.cls) || c.first_cp == '.' || c.first_cp == '%'; };
    const bool inside = wordish(cl[k - 1]) && wordish(cl[k]);
    if (inside) {
      EXPECT_NEAR(step, cl[k - 1].advance, 1e-6) << "inside a word/number at cluster " << k;
    }
    if (step > cl[k - 1].advance + 0.01) stretched = true;
  }
  EXPECT_TRUE(stretched);
  // Between Han characters the extra is shared evenly.
  EXPECT_NEAR(l.x[1] - l.x[0], l.x[2] - l.x[1], 1e-6);
  EXPECT_GT(l.x[1] - l.x[0], kEm + 0.01);
}

/// No stretch around a 连接号: a lone — ("表1—表3") or ～ keeps its neighbours at natural distance.
TEST(TextJustify, NoStretchAroundConnectors) {
  auto st = test::style10();
  st.cjk_latin_space = false;  // the widths below count no CJK–Latin gaps
  ParagraphLayout p = layout_paragraph("一二见表1—表3及2020～2021年三四五六七八九十", st, 14.5 * kEm);
  ASSERT_GE(p.lines.size(), 2u);
  ASSERT_EQ(p.line_text(0), "一二见表1—表3及2020～2021年");
  const Line& l = p.lines[0];
  ASSERT_TRUE(l.justified);
  const auto& cl = p.shaped.clusters;
  auto step = [&](uint32_t k) { return l.x[k + 1] - l.x[k]; };
  EXPECT_GT(step(0), kEm + 0.01);              // 一|二 stretches
  EXPECT_NEAR(step(4), cl[4].advance, 1e-6);   // 1|—
  EXPECT_NEAR(step(5), cl[5].advance, 1e-6);   // —|表
  EXPECT_NEAR(step(11), cl[11].advance, 1e-6); // 0|～
  EXPECT_NEAR(step(12), cl[12].advance, 1e-6); // ～|2
  test::expect_invariants(p, st);
}

/// The last line is not stretched: glyphs follow each other by their natural advances.
TEST(TextJustify, LastLineNatural) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("一二三四五六七八九十甲乙丙，丁戊。", st, 10 * kEm);
  ASSERT_EQ(test::lines_of(p), (Lines{"一二三四五六七八九十", "甲乙丙，丁戊。"}));
  const Line& last = p.lines.back();
  EXPECT_FALSE(last.justified);
  for (size_t i = 0; i < last.x.size(); ++i) EXPECT_NEAR(last.x[i], static_cast<double>(i) * kEm, 1e-6);
  EXPECT_NEAR(last.right, 6.5 * kEm, 1e-6);  // the closing 。 is half-width at the line end
  // A short line 1 of a 2-line paragraph is stretched evenly over its 9 gaps.
  ParagraphLayout q = layout_paragraph("一二三四五六七八九十，甲乙", st, 10 * kEm);
  ASSERT_EQ(test::lines_of(q), (Lines{"一二三四五六七八九", "十，甲乙"}));
  for (size_t i = 0; i < 9; ++i) EXPECT_NEAR(q.lines[0].x[i], static_cast<double>(i) * 90.0 / 8.0, 1e-6);
}

/// 先挤进: the line-end comma gives up ½ em (its right, blank half) so 九 stays on line 1.
TEST(TextJustify, LineEndCommaCompressed) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("一二三四五六七八九，十甲乙丙", st, 9.5 * kEm);
  ASSERT_EQ(test::lines_of(p), (Lines{"一二三四五六七八九，", "十甲乙丙"}));
  const Line& l = p.lines[0];
  EXPECT_NEAR(l.x.back(), 9 * kEm, 1e-6);  // no stretch or shift: only the comma's right half went
  EXPECT_NEAR(l.right, 9.5 * kEm, 1e-6);
}

/// Line-start opening brackets: one treatment whatever the line's tightness — full width by
/// default, half width with line_start_half (line_start_bracket = "half").
TEST(TextJustify, LineStartBracketIsAStyle) {
  auto st = test::style10();
  // A tight line (（一二三四五） = 7 em, the line-end ） half: 6.5 em in 6.5 em) and a loose one.
  for (double measure : {6.5 * kEm, 9 * kEm}) {
    ParagraphLayout a = layout_paragraph("（一二三四五）六七八九十甲乙丙丁", st, measure);
    ASSERT_GE(a.lines.size(), 2u);
    EXPECT_NEAR(a.lines[0].x[0], 0, 1e-6) << measure;  // full width: the glyph's box at the edge
  }
  st.line_start_half = true;
  for (double measure : {6 * kEm, 9 * kEm}) {
    ParagraphLayout b = layout_paragraph("（一二三四五）六七八九十甲乙丙丁", st, measure);
    ASSERT_GE(b.lines.size(), 2u);
    EXPECT_NEAR(b.lines[0].x[0], -0.5 * kEm, 1e-6) << measure;  // the blank half hangs off the left
    test::expect_invariants(b, st);
  }
  // In a 6 em line only the half-width start lets ） stay on line 1.
  EXPECT_EQ(test::lines_of(layout_paragraph("（一二三四五）六七", st, 6 * kEm)), (Lines{"（一二三四五）", "六七"}));
}

/// Adjacent marks take 1.5 em in every line, tight, loose or last (a style, not a shrink):
/// "）》" "），" "”“" and the 2-mark runs of "（试行）；".
TEST(TextJustify, AdjacentPairsAlwaysOneAndAHalfEm) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("甲（试行）；乙“丙”“丁”，戊《己》）。", st, 40 * kEm);
  ASSERT_EQ(p.lines.size(), 1u);
  const auto& x = p.lines[0].x;
  // 甲（试行）；乙: ） keeps its left half only, ； its full em.
  EXPECT_NEAR(x[5] - x[4], 0.5 * kEm, 1e-6);  // ）→；
  EXPECT_NEAR(x[6] - x[5], 1.0 * kEm, 1e-6);  // ；→乙
  EXPECT_NEAR(x[10] - x[9], 0.5 * kEm, 1e-6);   // ”→“
  EXPECT_NEAR(x[13] - x[12], 0.5 * kEm, 1e-6);  // ”→，
  EXPECT_NEAR(x[18] - x[17], 0.5 * kEm, 1e-6);  // 》→）
  EXPECT_NEAR(x[19] - x[18], 0.5 * kEm, 1e-6);  // ）→。
  // In a justified (stretched) line the pair stays 1.5 em: the stretch goes to the other gaps.
  // (the long word cannot join line 1, which is stretched)
  ParagraphLayout q = layout_paragraph("一二三（四）》，五六七 ABCDEFGHIJKLMNOP 八九十", st, 11.5 * kEm);
  ASSERT_GE(q.lines.size(), 2u);
  const Line& l = q.lines[0];
  ASSERT_TRUE(l.justified);
  EXPECT_GT(l.x[1] - l.x[0], kEm + 0.01);           // the Han gaps stretch
  EXPECT_NEAR(l.x[6] - l.x[5], 0.5 * kEm, 1e-6);    // ）→》
  EXPECT_NEAR(l.x[7] - l.x[6], 0.5 * kEm, 1e-6);    // 》→，
  // Full-width style (the GB/T 9704 grid) keeps every mark at one em.
  st.punctuation = PunctuationStyle::FullWidth;
  ParagraphLayout g = layout_paragraph("甲（试行）；乙", st, 40 * kEm);
  EXPECT_NEAR(g.lines[0].x[5] - g.lines[0].x[4], kEm, 1e-6);
}

/// A closing mark ending a justified line is set half-width: its ink meets the right edge, in a
/// stretched line as in a tight one.
TEST(TextJustify, LineEndMarkFlushInEveryJustifiedLine) {
  auto st = test::style10();
  for (double measure : {9.5 * kEm, 10 * kEm}) {  // tight, then stretched (十 needs 10.5 em)
    ParagraphLayout p = layout_paragraph("一二三四五六七八九，十甲乙丙丁戊己庚辛壬", st, measure);
    ASSERT_EQ(p.line_text(0), "一二三四五六七八九，") << measure;
    const Line& l = p.lines[0];
    EXPECT_NEAR(l.right, measure, 1e-6);
    EXPECT_NEAR(l.x.back() + 0.5 * kEm, measure, 1e-6);  // the comma's ink half ends at the edge
  }
}

/// 先挤进 inside the line: a ， inside the line gives its blank half so that one more character
/// (九 and its ，) fits, instead of a loose line of 8 characters.
TEST(TextJustify, CompressionInsideTheLineAvoidsALooseLine) {
  auto st = test::style10();
  ParagraphLayout p = layout_paragraph("一二，三四五六七八九，十甲乙丙", st, 10 * kEm);
  ASSERT_EQ(test::lines_of(p), (Lines{"一二，三四五六七八九，", "十甲乙丙"}));
  const Line& l = p.lines[0];
  EXPECT_NEAR(l.x[3], 2.5 * kEm, 1e-6);  // 三 right after a half-width ，
  EXPECT_NEAR(l.x[10], 9.5 * kEm, 1e-6);
  EXPECT_NEAR(l.right, 10 * kEm, 1e-6);
}

/// Compress style: ，、；： inside the line go to ½ em before 。？！ do.
TEST(TextJustify, CompressPausesBeforeStops) {
  auto st = test::style10();
  st.punctuation = PunctuationStyle::Compress;
  // 一二，三四。五六七八九 = 11 em. In 10.5 em only the ， shrinks.
  ParagraphLayout a = layout_paragraph("一二，三四。五六七八九十甲", st, 10.5 * kEm);
  ASSERT_EQ(test::lines_of(a), (Lines{"一二，三四。五六七八九", "十甲"}));
  EXPECT_NEAR(a.lines[0].x[3], 2.5 * kEm, 1e-6);  // 三 right after a half-width ，
  EXPECT_NEAR(a.lines[0].x[6], 5.5 * kEm, 1e-6);  // 五 after a full-width 。
  // In 10 em both shrink.
  ParagraphLayout b = layout_paragraph("一二，三四。五六七八九十甲", st, 10 * kEm);
  ASSERT_EQ(test::lines_of(b), (Lines{"一二，三四。五六七八九", "十甲"}));
  EXPECT_NEAR(b.lines[0].x[6], 5 * kEm, 1e-6);
  // Standard style keeps both at 1 em: 九 goes down.
  EXPECT_EQ(lay("一二，三四。五六七八九十甲", 10 * kEm), (Lines{"一二，三四。五六七八", "九十甲"}));
}

/// CJK–Latin space: ¼ em between Han and Latin/digits, the same whether or not the source had a
/// space there; a space between two Latin words stays a word space; none at line edges; off
/// when switched off.
TEST(TextJustify, CjkLatinSpace) {
  auto st = test::style10();
  auto x_of = [](const ParagraphLayout& p, size_t line, size_t i) { return p.lines[line].x.at(i); };
  ParagraphLayout on = layout_paragraph("使用率89.13%", st, 20 * kEm);
  EXPECT_NEAR(x_of(on, 0, 3) - x_of(on, 0, 2), kEm + 0.25 * kEm, 1e-6);
  auto off_style = test::style10();
  off_style.cjk_latin_space = false;
  ParagraphLayout off = layout_paragraph("使用率89.13%", off_style, 20 * kEm);
  EXPECT_NEAR(x_of(off, 0, 3) - x_of(off, 0, 2), kEm, 1e-6);
  // Latin → Han too ("CPU使用率"), and after a percent sign ("85%的").
  ParagraphLayout lh = layout_paragraph("CPU使用率", st, 20 * kEm);
  const auto& c = lh.shaped.clusters;
  EXPECT_NEAR(x_of(lh, 0, 3) - x_of(lh, 0, 2), c[2].advance + 0.25 * kEm, 1e-6);
  ParagraphLayout pc = layout_paragraph("达85%的目标", st, 20 * kEm);
  EXPECT_NEAR(x_of(pc, 0, 4) - x_of(pc, 0, 3), pc.shaped.clusters[3].advance + 0.25 * kEm, 1e-6);
  // A source space is set to the same ¼ em: "形成了 12份" = "形成了12份", both sides alike.
  ParagraphLayout sp = layout_paragraph("形成了 12份", st, 20 * kEm);
  ParagraphLayout ns = layout_paragraph("形成了12份", st, 20 * kEm);
  const double digits = sp.shaped.clusters[4].advance + sp.shaped.clusters[5].advance;
  EXPECT_NEAR(x_of(sp, 0, 4) - x_of(sp, 0, 2), kEm + 0.25 * kEm, 1e-6);        // 了 → 1
  EXPECT_NEAR(x_of(sp, 0, 6) - x_of(sp, 0, 4), digits + 0.25 * kEm, 1e-6);     // 1 → 份
  EXPECT_NEAR(x_of(ns, 0, 3) - x_of(ns, 0, 2), kEm + 0.25 * kEm, 1e-6);
  EXPECT_NEAR(x_of(ns, 0, 5) - x_of(ns, 0, 3), digits + 0.25 * kEm, 1e-6);
  // Two Latin words keep their word space.
  ParagraphLayout ww = layout_paragraph("用IPv6 Linux系统", st, 20 * kEm);
  const auto& wc = ww.shaped.clusters;
  EXPECT_NEAR(x_of(ww, 0, 6) - x_of(ww, 0, 4), wc[4].advance + wc[5].advance, 1e-6);
  // At a line edge: 一二三四五率 fills 6 em exactly (no gap counted after 率), 89 starts line 2 at 0.
  ParagraphLayout edge = layout_paragraph("一二三四五率89.13%乙丙", st, 6 * kEm);
  ASSERT_EQ(test::lines_of(edge), (Lines{"一二三四五率", "89.13%乙丙"}));
  EXPECT_NEAR(edge.lines[0].x[5], 5 * kEm, 1e-6);
  EXPECT_NEAR(edge.lines[1].x[0], 0, 1e-6);
  test::expect_invariants(edge, st);
}

/// Stretch is even: word spaces, CJK–Latin gaps and Han gaps all take the same extra.
TEST(TextJustify, StretchIsEvenOverAllGaps) {
  auto st = test::style10();
  // Line 1 is "一二三 Linux 四" in 7.5 em: the source spaces are CJK–Latin gaps of ¼ em.
  ParagraphLayout p = layout_paragraph("一二三 Linux 四五六七八九", st, 7.5 * kEm);
  test::expect_invariants(p, st);
  ASSERT_EQ(p.line_text(0), "一二三 Linux 四");
  const Line& l = p.lines[0];
  const double extra = l.x[1] - l.x[0] - kEm;
  EXPECT_GT(extra, 0.01);
  EXPECT_NEAR(l.x[2] - l.x[1], kEm + extra, 1e-6);
  EXPECT_NEAR(l.x[4] - l.x[2], kEm + 0.25 * kEm + extra, 1e-6);  // 三 → L: the gap + the same extra
  const auto& cl = p.shaped.clusters;
  double word = 0;
  for (int k = 4; k < 9; ++k) word += cl[k].advance;
  EXPECT_NEAR(l.x[10] - l.x[4], word + 0.25 * kEm + extra, 1e-6);  // x → 四 likewise
  EXPECT_NEAR(l.x[6] - l.x[5], cl[5].advance, 1e-6);               // never inside the word
}

}  // namespace
