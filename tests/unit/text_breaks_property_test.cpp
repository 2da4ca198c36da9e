// Property test: random but plausible Chinese text (Han runs, punctuation, brackets and quotes,
// numbers with units, Latin words, ——, ……) at many measures. Whatever the text, no line starts
// with a NO_START mark or ends with a NO_END mark, numbers, Latin words, —— and …… stay whole,
// and every layout keeps the justification invariants.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/utf8.hpp"
#include "text/breaks.hpp"
#include "text/char_class.hpp"
#include "text/line_measure.hpp"
#include "text_test_support.hpp"

using namespace gongwen;
using test::kEm;

namespace {

std::string random_paragraph(std::mt19937& rng) {
  static const char* const han[] = {"项", "目", "实", "施", "运", "行", "维", "护", "系", "统", "数", "据", "采", "集", "上", "海"};
  static const char* const pause[] = {"，", "、", "；", "：", "。", "？", "！"};
  static const char* const open_close[][2] = {{"（", "）"}, {"《", "》"}, {"“", "”"}, {"‘", "’"}, {"「", "」"}, {"【", "】"}, {"(", ")"}};
  static const char* const units[] = {"万元", "%", "份", "次", "年", "％", "家", "分"};
  static const char* const latin[] = {"CPU", "Linux", "IT", "OA", "PDF", "web"};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto han_run = [&](int max) {
    std::string s;
    for (int i = 0, n = 1 + pick(max); i < n; ++i) s += han[pick(16)];
    return s;
  };
  std::string out;
  for (int tokens = 10 + pick(40); tokens > 0; --tokens) {
    switch (pick(10)) {
      case 0: out += open_close[pick(7)][0] + han_run(4) + open_close[pick(7)][1]; break;
      case 1: {
        auto b1 = open_close[pick(2)];
        auto b2 = open_close[2 + pick(2)];
        out += std::string(b1[0]) + b2[0] + han_run(3) + b2[1] + b1[1];
        break;
      }
      case 2: {
        std::string num = std::to_string(pick(100000));
        if (pick(2)) num += "." + std::to_string(pick(100));
        out += (pick(3) == 0 ? " " : "") + num + (pick(4) == 0 ? " " : "") + units[pick(8)];
        break;
      }
      case 3: out += (pick(2) ? " " : "") + std::string(latin[pick(6)]) + (pick(2) ? " " : ""); break;
      case 4: out += pick(2) ? "——" : "……"; break;
      default: out += han_run(6); break;
    }
    if (pick(3) == 0) out += pause[pick(7)];
  }
  return out + "。";
}

bool digitish(char32_t c) { return (c >= '0' && c <= '9') || c == '.'; }
bool letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

TEST(TextBreaksProperty, RandomParagraphsKeepTheRules) {
  std::mt19937 rng(20170101);
  int checked_lines = 0, forced_lines = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_paragraph(rng);
    auto st = test::style10();
    st.cjk_latin_space = round % 2 == 1;
    st.punctuation = round % 3 == 2 ? PunctuationStyle::Compress : PunctuationStyle::Standard;
    st.first_indent = round % 4 == 0 ? 2 * kEm : 0;
    for (int em : {8, 11, 15, 22, 28}) {
      SCOPED_TRACE("text: " + text + " measure " + std::to_string(em) + " em");
      ParagraphLayout p = layout_paragraph(text, st, em * kEm);
      test::expect_invariants(p, st);
      const auto& cl = p.shaped.clusters;
      const std::vector<BreakKind> breaks = find_breaks(p.shaped, st.breaks);
      bool forced_before = false;
      for (size_t i = 0; i < p.lines.size(); ++i) {
        const Line& l = p.lines[i];
        if (l.begin == l.end) continue;
        ++checked_lines;
        const Cluster& first = cl[l.begin];
        const Cluster& last = cl[l.end - 1];
        if (i > 0 && !forced_before) {
          EXPECT_FALSE(no_line_start(first.first_cp)) << "line " << i << " starts with a NO_START mark: " << p.line_text(i);
        }
        // A line may end where no break is permitted only inside a token wider than a line.
        uint32_t end = l.end;
        while (end < cl.size() && compression::blank(cl[end]) && breaks[end] == BreakKind::None) ++end;
        forced_before = end < cl.size() && breaks[end] == BreakKind::None;
        if (forced_before) {
          ++forced_lines;
          uint32_t a = end, b = end;
          while (a > 0 && breaks[a] == BreakKind::None) --a;
          while (b < cl.size() && breaks[b] == BreakKind::None) ++b;
          EXPECT_GT(measure_line(p.shaped, st, a, b, true, false).min_width(), em * kEm - st.hanging_indent)
              << "line " << i << " broken inside a token that would fit a line: " << p.line_text(i);
          continue;
        }
        if (i + 1 < p.lines.size()) {
          const Cluster& next = cl[l.end];  // the source character after the line (may be a space)
          EXPECT_FALSE(no_line_end(last.last_cp)) << "line " << i << " ends with a NO_END mark: " << p.line_text(i);
          EXPECT_FALSE(digitish(last.last_cp) && digitish(next.first_cp)) << "number split after: " << p.line_text(i);
          EXPECT_FALSE(letter(last.last_cp) && letter(next.first_cp)) << "word split after: " << p.line_text(i);
          EXPECT_FALSE(last.last_cls == CharClass::Dash && next.cls == CharClass::Dash) << "—— split: " << p.line_text(i);
          // A number keeps its unit (directly or across one space).
          EXPECT_FALSE(digitish(last.last_cp) && next.cls == CharClass::Ideograph) << "unit split: " << p.line_text(i);
          if (next.first_cp == ' ' && l.end + 1 < cl.size()) {
            EXPECT_FALSE(digitish(last.last_cp) && cl[l.end + 1].cls == CharClass::Ideograph)
                << "unit split across a space: " << p.line_text(i);
          }
        }
      }
    }
  }
  EXPECT_GT(checked_lines, 5000);
  EXPECT_LT(forced_lines, checked_lines / 50) << "the generator makes too many overlong tokens";
}

}  // namespace
