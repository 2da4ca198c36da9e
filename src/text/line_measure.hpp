#pragma once
// Measuring a candidate line: its width after the punctuation style (adjacent pairs, line ends,
// line starts, CJK–Latin gaps: always applied), how much more it may shrink, level by level in
// clreq's order, and how many gaps share a stretch. The breaker asks "does it fit, and how
// loose is it?", the justifier "where does each glyph go?".
#include <array>
#include <vector>

#include "text/paragraph.hpp"

namespace gongwen {

enum ShrinkLevel : int {
  kSpaces = 0,     ///< Latin word spaces → ¼ em
  kMiddles,        ///< 间隔号 → ½ em
  kBrackets,       ///< the outer side of brackets inside the line → ½ em
  kPauses,         ///< ，、；： inside the line → ½ em
  kLatinGaps,      ///< CJK–Latin gaps → ⅛ em (full_width: → 0, the grid has no room for them)
  kStops,          ///< (Compress only) 。？！ inside the line → ½ em
  kShrinkLevels
};

struct ShrinkItem {
  uint32_t cluster;  ///< cluster index, or the index of the cluster after a gap
  bool left;         ///< trims the cluster's left side (else the right side / the gap before)
  bool gap;          ///< shrinks the CJK–Latin gap before `cluster`
  double amount;     ///< pt
};

/// The style's fixed adjustments of each visible cluster (index k − begin), filled on request.
struct LineDetail {
  std::vector<double> left, right;  ///< trims of each side, pt (a source space set to ¼ em trims its right)
  std::vector<double> gap;          ///< CJK–Latin gap before the cluster, pt
  std::vector<char> stretch;        ///< the gap after the cluster (or the space itself) takes stretch
};

struct LineMeasure {
  uint32_t begin = 0, end = 0;  ///< visible clusters
  double natural = 0;           ///< pt: advances, gaps and fixed trims of the visible clusters
  uint32_t stretch_units = 0;   ///< gaps and spaces that share a stretch evenly
  std::array<double, kShrinkLevels> shrink{};  ///< capacity per level, pt
  std::array<std::vector<ShrinkItem>, kShrinkLevels> items;  ///< filled when requested
  LineDetail detail;            ///< filled when requested

  double min_width() const {
    double w = natural;
    for (double s : shrink) w -= s;
    return w;
  }
  double shrink_total() const { return natural - min_width(); }
};

/// The sums of a measure, without items.
struct LineTotals {
  double natural = 0;
  std::array<double, kShrinkLevels> shrink{};
  uint32_t units = 0;

  double min_width() const {
    double w = natural;
    for (double s : shrink) w -= s;
    return w;
  }
};

/// Measures any line of one paragraph in constant time: every cluster inside a line (neither
/// its first nor its last) adds the same whatever the line, so those parts are prefix sums, and
/// only the two ends are measured. Gives measure_line's sums (up to rounding): the paragraph-wide
/// break search asks for many lines.
class ParagraphMeasure {
 public:
  ParagraphMeasure(const ShapedText& t, const ParagraphStyle& style);
  LineTotals measure(uint32_t s, uint32_t e, bool continuation) const;

 private:
  const ShapedText& t_;
  const ParagraphStyle& style_;
  std::vector<LineTotals> prefix_;  ///< prefix_[k]: sum of the inner contributions of clusters 1 .. k-1
};

/// Measures clusters [s, e) as one line. `continuation` drops leading spaces (a wrapped line
/// starts at its first visible character); `with_items` also lists what may shrink and fills
/// the detail. `units = false` leaves stretch_units 0 (a fit test needs only the widths).
LineMeasure measure_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e,
                         bool continuation, bool with_items, bool units = true);

}  // namespace gongwen
