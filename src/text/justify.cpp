#include "text/justify.hpp"

#include <algorithm>

#include "text/compression.hpp"
#include "text/line_measure.hpp"

namespace gongwen {

using namespace compression;

Line place_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e, bool continuation,
                bool hard_end, double indent, double measure) {
  const auto& cl = t.clusters;
  LineMeasure m = measure_line(t, style, s, e, continuation, true);
  Line line;
  line.begin = m.begin;
  line.end = m.end;
  const uint32_t n = m.end - m.begin;
  if (n == 0) {
    line.left = line.right = indent;
    return line;
  }
  const double avail = measure - indent;

  // Per cluster: trims of each side and the gap before it (the style's, from the measure), and
  // stretch after it.
  std::vector<double>& left = m.detail.left;
  std::vector<double>& right = m.detail.right;
  std::vector<double>& gap = m.detail.gap;
  std::vector<double> after(n, 0);

  const bool justify = style.align == Align::Justify && !hard_end;
  double target = justify ? avail : std::min(avail, m.natural);
  double need = m.natural - target;
  if (need > 1e-9) {
    for (int level = 0; level < kShrinkLevels && need > 1e-9; ++level) {
      const double cap = m.shrink[level];
      if (cap <= 0) continue;
      const double share = std::min(need, cap) / cap;  // every item of the level gives the same part
      for (const ShrinkItem& it : m.items[level]) {
        const uint32_t k = it.cluster - m.begin;
        (it.gap ? gap[k] : it.left ? left[k] : right[k]) += (it.gap ? -1 : 1) * it.amount * share;
      }
      need -= std::min(need, cap);
    }
  } else if (need < -1e-9 && m.stretch_units > 0) {
    // Stretch evenly: every gap that may stretch (Han–Han, Han–Latin, word spaces) gets the same.
    const double each = -need / static_cast<double>(m.stretch_units);
    for (uint32_t k = 0; k < n; ++k)
      if (m.detail.stretch[k]) after[k] += each;
    line.stretch = each;
    need = 0;
  }

  line.x.resize(n);
  double pen = 0;
  for (uint32_t k = 0; k < n; ++k) {
    const Cluster& c = cl[m.begin + k];
    pen += gap[k];
    line.x[k] = pen - left[k];
    pen += c.advance - left[k] - right[k] + after[k];
  }
  double offset = indent;
  if (style.align == Align::Center) offset += (avail - pen) / 2;
  else if (style.align == Align::Right) offset += avail - pen;
  for (double& x : line.x) x += offset;
  line.left = offset;
  line.right = offset + pen;
  line.justified = justify && need > -1e-9;
  return line;
}

}  // namespace gongwen
