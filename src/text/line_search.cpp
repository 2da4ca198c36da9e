#include "text/line_search.hpp"

#include <algorithm>
#include <limits>

#include "text/compression.hpp"
#include "text/line_measure.hpp"

namespace gongwen {

namespace {
constexpr double kEpsilon = 1e-6;
constexpr double kTolerance = 0.04;  ///< em per gap: stretch up to this is unremarkable (xeCJK's level)
constexpr double kInfiniteBad = 10000;
constexpr double kWindow = 3;  ///< em: lines shorter than the measure by more are not candidates

/// Badness of a justified line (TeX-like, cubic): 100 at kTolerance em per gap and a penalty
/// beyond it; 10 when every compressible mark has given its half.
double badness(const LineTotals& m, double avail, double em) {
  if (m.natural > avail) {
    const double cap = m.natural - m.min_width();
    if (cap <= 0) return kInfiniteBad;
    const double r = (m.natural - avail) / cap;
    return 10 * r * r * r;  // compressing marks inside the line comes before stretching (clreq)
  }
  const double extra = avail - m.natural;
  if (extra <= kEpsilon) return 0;
  if (m.units == 0) return kInfiniteBad * kInfiniteBad;  // nothing can stretch: worst of all
  // Not capped: a line twice as loose must cost more, or the search trades one loose line for
  // a far looser one.
  const double u = extra / static_cast<double>(m.units) / em / kTolerance;
  return 100 * u * u * u + (u > 1 ? kInfiniteBad : 0);  // past the tolerance only when unavoidable
}

double avail_of(const ParagraphStyle& style, double measure, uint32_t s) {
  return measure - (s == 0 ? style.first_indent : style.hanging_indent);
}
}  // namespace

std::optional<std::vector<LineSpan>> search_breaks(const ShapedText& t, const std::vector<BreakKind>& breaks,
                                                   const ParagraphStyle& style, double measure) {
  const auto& cl = t.clusters;
  const uint32_t n = static_cast<uint32_t>(cl.size());
  const double em = t.size, inf = std::numeric_limits<double>::infinity();
  const ParagraphMeasure pm(t, style);
  std::vector<double> cost(n + 1, inf);
  std::vector<uint32_t> prev(n + 1, 0);
  cost[0] = 0;
  for (uint32_t s = 0; s < n; ++s) {
    if (cost[s] == inf) continue;
    const double avail = avail_of(style, measure, s);
    auto relax = [&](uint32_t e, const LineTotals& m) {
      const bool hard = breaks[e] == BreakKind::Mandatory;
      const double bad = hard ? 0 : badness(m, avail, em);
      const double d = cost[s] + (1 + bad) * (1 + bad);
      if (d < cost[e]) {
        cost[e] = d;
        prev[e] = s;
      }
    };
    // Lines far shorter than the measure are not candidates, except the longest of them when
    // nothing longer fits. A start from which nothing fits is a dead end.
    // `upper` bounds the natural width from above (advances and CJK–Latin gaps, before trims;
    // a source space narrower than ¼ em may add a little, hence the margin): lines surely too
    // short are not measured.
    double upper = 0;
    uint32_t short_end = 0;
    bool any = false;
    for (uint32_t e = s + 1; e <= n; ++e) {
      const Cluster& c = cl[e - 1];
      upper += std::max(0.0, c.advance);
      if (e > s + 1) upper += compression::autospace(style, cl[e - 2], c, em);
      if (breaks[e] == BreakKind::None) continue;
      if (upper < avail - (kWindow + 1) * em && breaks[e] != BreakKind::Mandatory) {
        short_end = e;
        continue;
      }
      const LineTotals m = pm.measure(s, e, s > 0);
      if (m.min_width() > avail + kEpsilon) break;
      if (m.natural < avail - kWindow * em && breaks[e] != BreakKind::Mandatory) {
        short_end = e;
        continue;
      }
      relax(e, m);
      any = true;
      if (breaks[e] == BreakKind::Mandatory) break;
    }
    if (!any && short_end != 0) relax(short_end, pm.measure(s, short_end, s > 0));
  }
  if (cost[n] == inf) return std::nullopt;
  std::vector<LineSpan> spans;
  for (uint32_t e = n; e > 0; e = prev[e]) spans.push_back({prev[e], e});
  std::reverse(spans.begin(), spans.end());
  return spans;
}

}  // namespace gongwen
