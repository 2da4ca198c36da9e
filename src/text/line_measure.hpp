#pragma once
// Measuring a candidate line: its natural width and how much it may shrink, level by level, in
// the spec's order. The breaker asks "does it fit?", the justifier "where does each glyph go?".
#include <array>
#include <vector>

#include "text/paragraph.hpp"

namespace gongwen {

enum ShrinkLevel : int {
  kLineEnd = 0,    ///< punctuation at the line end → ½ em
  kSpaces,         ///< Latin word spaces → ¼ em
  kLineStart,      ///< an opening bracket at the line start → ½ em
  kPairs,          ///< adjacent punctuation, 2 em → 1.5 em
  kPauses,         ///< (Compress) ，、；： and 间隔号 inside the line; CJK–Latin gaps → ⅛ em
  kStops,          ///< (Compress) 。？！ inside the line
  kShrinkLevels
};

struct ShrinkItem {
  uint32_t cluster;  ///< cluster index, or the index of the cluster after a gap
  bool left;         ///< trims the cluster's left side (else the right side / the gap before)
  bool gap;          ///< shrinks the CJK–Latin gap before `cluster`
  double amount;     ///< pt
};

struct LineMeasure {
  uint32_t begin = 0, end = 0;  ///< visible clusters
  double natural = 0;           ///< pt, advances + gaps of visible clusters
  std::array<double, kShrinkLevels> shrink{};  ///< capacity per level, pt
  std::array<std::vector<ShrinkItem>, kShrinkLevels> items;  ///< filled when requested

  double min_width() const {
    double w = natural;
    for (double s : shrink) w -= s;
    return w;
  }
};

/// Measures clusters [s, e) as one line. `continuation` drops leading spaces (a wrapped line
/// starts at its first visible character); `with_items` also lists what may shrink.
LineMeasure measure_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e,
                         bool continuation, bool with_items);

}  // namespace gongwen
