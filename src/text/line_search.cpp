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
constexpr double kNoStretch = 1e3;  ///< em: the stretch of a short line with no gap that may take it
constexpr double kWindow = 3;       ///< em: lines shorter than the measure by more are not candidates

/// One line the search may choose: clusters [s, e), its stretch per gap (em, 0 when it shrinks
/// or is not justified) and its badness.
struct Candidate {
  uint32_t s, e;
  double stretch, bad;
  bool orphan;  ///< the paragraph's last line, holding one Han character (孤字)
};

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

double stretch_of(const LineTotals& m, double avail, double em) {
  const double extra = avail - m.natural;
  if (extra <= kEpsilon) return 0;
  return m.units ? extra / static_cast<double>(m.units) / em : kNoStretch;
}

double avail_of(const ParagraphStyle& style, double measure, uint32_t s) {
  return measure - (s == 0 ? style.first_indent : style.hanging_indent);
}

/// orphan_from[s]: the line [s, n) would be a 孤字 — one Han character, the rest punctuation or
/// blank — that could have pulled a character down (s is not after a forced break).
std::vector<char> orphan_starts(const ShapedText& t, const std::vector<BreakKind>& breaks) {
  const auto& cl = t.clusters;
  const uint32_t n = static_cast<uint32_t>(cl.size());
  std::vector<char> out(n + 1, 0);
  int han = 0;
  for (uint32_t s = n; s-- > 1;) {
    const Cluster& c = cl[s];
    if (c.cls == CharClass::Ideograph) ++han;
    else if (!compression::blank(c) && !is_compressible(c.cls)) break;  // Latin or digits: no 孤字
    if (han > 1) break;
    out[s] = han == 1 && breaks[s] == BreakKind::Allowed;
  }
  return out;
}

/// Every line the search may choose, from every start a line can reach, in order of start.
std::vector<Candidate> candidates(const ShapedText& t, const std::vector<BreakKind>& breaks,
                                  const ParagraphStyle& style, double measure) {
  const auto& cl = t.clusters;
  const uint32_t n = static_cast<uint32_t>(cl.size());
  const double em = t.size;
  const ParagraphMeasure pm(t, style);
  const std::vector<char> orphan = orphan_starts(t, breaks);
  std::vector<char> reached(n + 1, 0);
  reached[0] = 1;
  std::vector<Candidate> out;
  for (uint32_t s = 0; s < n; ++s) {
    if (!reached[s]) continue;
    const double avail = avail_of(style, measure, s);
    auto add = [&](uint32_t e, const LineTotals& m) {
      const bool hard = breaks[e] == BreakKind::Mandatory;
      out.push_back({s, e, hard ? 0 : stretch_of(m, avail, em), hard ? 0 : badness(m, avail, em),
                     e == n && orphan[s] && style.orphan_control});
      reached[e] = 1;
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
      add(e, m);
      any = true;
      if (breaks[e] == BreakKind::Mandatory) break;
    }
    if (!any && short_end != 0) add(short_end, pm.measure(s, short_end, s > 0));
  }
  return out;
}

/// The smallest largest stretch of any choice of breaks (a bottleneck path), over the
/// candidates that `allowed` admits; infinity when none reaches the paragraph's end.
template <class Allowed>
double bottleneck(const std::vector<Candidate>& cands, uint32_t n, Allowed allowed) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, inf);
  best[0] = 0;
  for (const Candidate& c : cands)
    if (best[c.s] < inf && allowed(c)) best[c.e] = std::min(best[c.e], std::max(best[c.s], c.stretch));
  return best[n];
}
}  // namespace

std::optional<std::vector<LineSpan>> search_breaks(const ShapedText& t, const std::vector<BreakKind>& breaks,
                                                   const ParagraphStyle& style, double measure) {
  const uint32_t n = static_cast<uint32_t>(t.clusters.size());
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Candidate> cands = candidates(t, breaks, style, measure);
  // First the loosest line: as tight as any choice of breaks allows, and never worse than the
  // tolerance demands. A 孤字 is avoided when that holds without it (a cost weighed against
  // looseness, not a post-pass that loosens the line above).
  const double worst = bottleneck(cands, n, [](const Candidate&) { return true; });
  if (worst == inf) return std::nullopt;
  const double limit = std::max(worst, kTolerance) + kEpsilon;
  const bool no_orphan =
      bottleneck(cands, n, [](const Candidate& c) { return !c.orphan; }) <= limit;
  // Then, among the breaks within that limit, the least loose overall.
  std::vector<double> cost(n + 1, inf);
  std::vector<uint32_t> prev(n + 1, 0);
  cost[0] = 0;
  for (const Candidate& c : cands) {
    if (cost[c.s] == inf || c.stretch > limit || (no_orphan && c.orphan)) continue;
    const double d = cost[c.s] + (1 + c.bad) * (1 + c.bad);
    if (d < cost[c.e]) {
      cost[c.e] = d;
      prev[c.e] = c.s;
    }
  }
  if (cost[n] == inf) return std::nullopt;
  std::vector<LineSpan> spans;
  for (uint32_t e = n; e > 0; e = prev[e]) spans.push_back({prev[e], e});
  std::reverse(spans.begin(), spans.end());
  return spans;
}

}  // namespace gongwen
