#pragma once
// Helpers for the text-engine tests: a 10 pt style with no indent, so that a measure of N × 10 pt
// holds exactly N Han characters (Fandol: Han and full-width punctuation are 1000/1000 em).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.hpp"
#include "text/compression.hpp"
#include "text/line_measure.hpp"
#include "text/paragraph.hpp"

namespace gongwen::test {

constexpr double kEm = 10;  // pt: the test size

inline ParagraphStyle style10(const char* family = "仿宋") {
  ParagraphStyle st;
  st.fonts = &fonts().chain(family);
  st.size = kEm;
  st.first_indent = 0;
  st.hanging_indent = 0;
  return st;
}

inline std::vector<std::string> lines_of(const ParagraphLayout& p) {
  std::vector<std::string> out;
  for (size_t i = 0; i < p.lines.size(); ++i) out.push_back(p.line_text(i));
  return out;
}

/// The layout invariants every paragraph must keep (spec §4):
/// - no line extends past the measure;
/// - a justified line (all but the last, and not ended by a forced break) starts at its indent
///   and ends exactly at the measure;
/// - a line that is not stretched keeps the natural advances (+ CJK–Latin gaps) between glyphs.
inline void expect_invariants(const ParagraphLayout& p, const ParagraphStyle& st) {
  const auto& cl = p.shaped.clusters;
  for (size_t i = 0; i < p.lines.size(); ++i) {
    const Line& l = p.lines[i];
    SCOPED_TRACE("line " + std::to_string(i) + " [" + p.line_text(i) + "]");
    if (l.begin == l.end) continue;  // an empty line between two forced breaks
    EXPECT_LE(l.right, p.measure + 0.01);
    const double indent = i == 0 ? st.first_indent : st.hanging_indent;
    const bool last = i + 1 == p.lines.size();
    const bool forced = !last && l.end < cl.size() && l.end > 0 &&
                        [&] {  // the line ends at a "\n"
                          for (uint32_t k = l.end; k < cl.size() && compression::blank(cl[k]); ++k)
                            if (cl[k].first_cp == '\n') return true;
                          return false;
                        }();
    // Something may stretch: a space, or a gap next to a CJK character (not inside ——, not
    // next to a connector, not between adjacent marks). A line of one number or Latin word, or
    // of "），", has nothing (spec §4).
    bool room = false;
    for (uint32_t k = l.begin + 1; k < l.end; ++k) {
      const Cluster &a = cl[k - 1], &b = cl[k];
      if (compression::blank(a) || compression::blank(b)) room = true;
      else if ((is_cjk(a.last_cls) || is_cjk(b.cls)) && !(a.last_cls == CharClass::Dash && b.cls == CharClass::Dash) &&
               a.last_cls != CharClass::Connector && b.cls != CharClass::Connector &&
               compression::pair_trim(a, b) == compression::PairTrim::None)  // adjacent marks keep 1.5 em
        room = true;
    }
    if (!last && !forced && room && st.align == Align::Justify) {
      EXPECT_NEAR(l.left, indent, 0.01);
      EXPECT_NEAR(l.right, p.measure, 0.01);
      EXPECT_TRUE(l.justified);
    }
    if (last || forced) {
      // Natural spacing (unless the line had to shrink to fit): each glyph origin follows the
      // previous one by its advance, the style's fixed trims (adjacent pairs, a source space set
      // to ¼ em) and CJK–Latin gap, with nothing added.
      const LineMeasure m = measure_line(p.shaped, st, l.begin, l.end, i > 0, true);  // a first line keeps a leading space
      if (m.natural > p.measure - indent + 1e-6) continue;
      for (uint32_t k = l.begin + 1; k < l.end; ++k) {
        const uint32_t j = k - l.begin;
        const double expect = cl[k - 1].advance - m.detail.right[j - 1] + m.detail.gap[j] - m.detail.left[j];
        EXPECT_NEAR(l.x[k - l.begin] - l.x[k - 1 - l.begin], expect, 0.01) << "cluster " << k;
      }
    }
  }
}

/// Lays out `text` at 10 pt in a measure of `measure_pt`, checks the invariants, returns the lines.
inline std::vector<std::string> lay(std::string_view text, double measure_pt, const ParagraphStyle& st = style10()) {
  ParagraphLayout p = layout_paragraph(text, st, measure_pt);
  expect_invariants(p, st);
  return lines_of(p);
}

using Lines = std::vector<std::string>;

}  // namespace gongwen::test
