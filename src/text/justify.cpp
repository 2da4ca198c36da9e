#include "text/justify.hpp"

#include <algorithm>

#include "text/compression.hpp"
#include "text/line_measure.hpp"

namespace gongwen {

using namespace compression;

namespace {
/// A lone "—" (not half of ——) is the 一字线 连接号 ("表1—表3"): a connector, not a dash.
bool lone_em_dash(const std::vector<Cluster>& cl, uint32_t i) {
  return cl[i].first_cp == U'—' && (i == 0 || cl[i - 1].last_cp != U'—') &&
         (i + 1 == cl.size() || cl[i + 1].first_cp != U'—');
}

/// May the gap between clusters i and i + 1 (adjacent, both visible) take inter-character
/// stretch? Never inside a Latin word or number, inside ——/……, or next to a connector (spec §4).
bool stretchable_gap(const std::vector<Cluster>& cl, uint32_t i) {
  const Cluster &a = cl[i], &b = cl[i + 1];
  if (blank(a) || blank(b)) return false;  // spaces stretch themselves
  if (!is_cjk(a.last_cls) && !is_cjk(b.cls)) return false;
  if (a.last_cls == CharClass::Dash && b.cls == CharClass::Dash) return false;
  if (a.last_cls == CharClass::Connector || b.cls == CharClass::Connector) return false;
  if (lone_em_dash(cl, i) || lone_em_dash(cl, i + 1)) return false;
  return true;
}
}  // namespace

Line place_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e, bool continuation,
                bool hard_end, double indent, double measure) {
  const auto& cl = t.clusters;
  const double em = t.size;
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

  // Per cluster: trims of each side, the gap before it, and stretch after it.
  std::vector<double> left(n, 0), right(n, 0), gap(n, 0), after(n, 0);
  for (uint32_t k = 1; k < n; ++k) gap[k] = autospace(style, cl[m.begin + k - 1], cl[m.begin + k], em);

  double target = (style.align == Align::Justify && !hard_end) ? avail : std::min(avail, m.natural);
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
  } else if (need < -1e-9) {
    double extra = -need;
    // 1) Latin word spaces, then CJK–Latin gaps, grow evenly, each to ½ em at most.
    std::vector<uint32_t> growable;
    for (uint32_t k = 0; k < n; ++k)
      if (blank(cl[m.begin + k]) || gap[k] > 0) growable.push_back(k);
    for (bool spaces : {true, false}) {
      std::vector<std::pair<double, uint32_t>> room;  // (how much it may still grow, k)
      for (uint32_t k : growable) {
        const Cluster& c = cl[m.begin + k];
        const double now = spaces ? (word_space(c) ? c.advance : 0) : (blank(c) ? 0 : gap[k]);
        if (now > 0 && 0.5 * em - now > 1e-9) room.emplace_back(0.5 * em - now, k);
      }
      std::sort(room.begin(), room.end());
      for (size_t i = 0; i < room.size() && extra > 1e-9; ++i) {
        const double give = std::min(room[i].first, extra / static_cast<double>(room.size() - i));
        (spaces ? after : gap)[room[i].second] += give;
        extra -= give;
      }
    }
    // 2) even inter-character spacing over the gaps that may stretch.
    std::vector<uint32_t> gaps;
    for (uint32_t k = 0; k + 1 < n; ++k)
      if (stretchable_gap(cl, m.begin + k)) gaps.push_back(k);
    if (extra > 1e-9 && gaps.empty() && !growable.empty()) {
      const double each = extra / static_cast<double>(growable.size());
      for (uint32_t k : growable) (blank(cl[m.begin + k]) ? after[k] : gap[k]) += each;
      extra = 0;
    }
    if (extra > 1e-9 && !gaps.empty()) {
      const double each = extra / static_cast<double>(gaps.size());
      for (uint32_t k : gaps) after[k] += each;
      extra = 0;
    }
    line.justified = extra <= 1e-9;
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
  if (style.align == Align::Justify && !hard_end && need > -1e-9) line.justified = true;
  return line;
}

}  // namespace gongwen
