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
constexpr double kWindow = 3;       ///< em: lines shorter than the measure by more are not candidates (a speed-up)

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

/// Upper bounds of the natural width of any line: the advances and CJK–Latin gaps of its clusters,
/// before trims (a source space narrower than ¼ em may add a little, hence the callers' margin).
/// Prefix sums, so that lines surely too short are skipped without measuring them.
class UpperBound {
 public:
  UpperBound(const ShapedText& t, const ParagraphStyle& style) : adv_(t.clusters.size() + 1, 0), gap_(adv_) {
    const auto& cl = t.clusters;
    for (size_t k = 0; k < cl.size(); ++k) {
      adv_[k + 1] = adv_[k] + std::max(0.0, cl[k].advance);
      gap_[k + 1] = gap_[k] + (k > 0 ? compression::autospace(style, cl[k - 1], cl[k], t.size) : 0);
    }
  }
  /// Of the line [s, e), e > s.
  double operator()(uint32_t s, uint32_t e) const { return adv_[e] - adv_[s] + gap_[e] - gap_[s + 1]; }
  /// The first e > s whose line [s, e) reaches `width` (n + 1 when none does).
  uint32_t first_reaching(uint32_t s, double width) const {
    uint32_t lo = s + 1, hi = static_cast<uint32_t>(adv_.size());
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if ((*this)(s, mid) >= width) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

 private:
  std::vector<double> adv_, gap_;  ///< prefix sums: advances of clusters < k; gaps before clusters 1 .. k-1
};

/// Every line the search may choose, from every start a line can reach, in order of start.
std::vector<Candidate> candidates(const ParagraphMeasure& pm, const ShapedText& t, const std::vector<BreakKind>& breaks,
                                  const ParagraphStyle& style, double measure, double window) {
  const uint32_t n = static_cast<uint32_t>(t.clusters.size());
  const double em = t.size;
  const UpperBound upper(t, style);
  const std::vector<char> orphan = orphan_starts(t, breaks);
  // next_hard[k]: the first forced break at or after k; last_break[k]: the last break at or before k.
  std::vector<uint32_t> next_hard(n + 2, n), last_break(n + 1, 0);
  for (uint32_t k = n + 1; k-- > 0;) next_hard[k] = k <= n && breaks[k] == BreakKind::Mandatory ? k : next_hard[k + 1];
  for (uint32_t k = 1; k <= n; ++k) last_break[k] = breaks[k] != BreakKind::None ? k : last_break[k - 1];
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
    // nothing longer fits, or one ended by a forced break. A start from which nothing fits is a
    // dead end. Lines whose upper bound is short by more than the window plus an em are skipped
    // unmeasured.
    uint32_t from = std::min(upper.first_reaching(s, avail - (window + 1) * em), n);
    uint32_t short_end = last_break[from - 1] > s ? last_break[from - 1] : 0;
    if (next_hard[s + 1] < from) {  // a forced break comes first: the line ends there if it fits
      from = next_hard[s + 1];
      short_end = 0;
    }
    bool any = false;
    for (uint32_t e = from; e <= n; ++e) {
      if (breaks[e] == BreakKind::None) continue;
      if (upper(s, e) < avail - (window + 1) * em && breaks[e] != BreakKind::Mandatory) {
        short_end = e;
        continue;
      }
      const LineTotals m = pm.measure(s, e, s > 0);
      if (m.min_width() > avail + kEpsilon) break;
      if (m.natural < avail - window * em && breaks[e] != BreakKind::Mandatory) {
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

std::optional<std::vector<LineSpan>> search_breaks(const ParagraphMeasure& pm, const ShapedText& t,
                                                   const std::vector<BreakKind>& breaks, const ParagraphStyle& style,
                                                   double measure) {
  const uint32_t n = static_cast<uint32_t>(t.clusters.size());
  const double inf = std::numeric_limits<double>::infinity();
  // First the loosest line: as tight as any choice of breaks allows, and never worse than the
  // tolerance demands. A 孤字 is avoided when that holds without it (a cost weighed against
  // looseness, not a post-pass that loosens the line above).
  const auto all = [](const Candidate&) { return true; };
  const auto no_orphans = [](const Candidate& c) { return !c.orphan; };
  std::vector<Candidate> cands = candidates(pm, t, breaks, style, measure, kWindow);
  double worst = bottleneck(cands, n, all);
  bool no_orphan = bottleneck(cands, n, no_orphans) <= std::max(worst, kTolerance) + kEpsilon;
  // Lines far shorter than the measure were left out for speed. Each is a prefix of a longer
  // line from its start, which is a candidate: it has fewer clusters, so fewer gaps, than the
  // longest candidate, and stretches by more than kWindow em over them. Breaks using one can
  // only do better when the result is looser than that (narrow measures, long unbreakable
  // tokens): then every line that fits is a candidate.
  uint32_t longest = 1;
  for (const Candidate& c : cands) longest = std::max(longest, c.e - c.s);
  const double excluded_above = kWindow / static_cast<double>(longest);
  if (worst > excluded_above || (!no_orphan && std::max(worst, kTolerance) > excluded_above)) {
    cands = candidates(pm, t, breaks, style, measure, inf);
    worst = bottleneck(cands, n, all);
    no_orphan = bottleneck(cands, n, no_orphans) <= std::max(worst, kTolerance) + kEpsilon;
  }
  if (worst == inf) return std::nullopt;
  const double limit = std::max(worst, kTolerance) + kEpsilon;
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
