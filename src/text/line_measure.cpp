#include "text/line_measure.hpp"

#include "text/compression.hpp"

namespace gongwen {

using namespace compression;

namespace {
/// Adds cluster k of a line whose first visible cluster is vs: its advance, gap and trims as the
/// style sets them, and what it may still give. `last`: k ends the line. `m`, when given, also
/// gets the items and the detail.
void step(const ShapedText& t, const ParagraphStyle& style, uint32_t vs, uint32_t k, bool last, LineTotals& tot,
          LineMeasure* m, bool units = true) {
  const auto& cl = t.clusters;
  const double em = t.size, half = 0.5 * em;
  const Cluster& c = cl[k];
  auto add = [&](int level, uint32_t cluster, bool left, bool gap, double amount) {
    tot.shrink[level] += amount;
    if (m) m->items[level].push_back({cluster, left, gap, amount});
  };
  // Full width: marks never give up width, so every character keeps its place on a grid.
  const bool full = style.punctuation == PunctuationStyle::FullWidth;
  const bool stops = style.punctuation == PunctuationStyle::Compress;
  double left = 0, right = 0;
  bool left_taken = false, right_taken = false;
  if (k > vs) {
    const double gap = autospace(style, cl[k - 1], c, em);
    if (gap > 0) {
      tot.natural += gap;
      if (m) m->detail.gap[k - vs] = gap;
      add(kLatinGaps, k, false, true, full ? gap : gap / 2);  // on a grid it may close: no room there
    }
    if (!full) {
      // Adjacent marks: 2 em → 1.5 em, whatever the line's tightness (a style, not a shrink).
      const PairTrim p = pair_trim(cl[k - 1], c);
      if (p == PairTrim::LeftOfSecond) {
        left = half;
        left_taken = true;
      } else if (p == PairTrim::RightOfFirst) {
        tot.natural -= half;
        if (m) m->detail.right[k - 1 - vs] += half;
        // The previous mark's right half was counted as compressible inside the line: not twice.
        const Cluster& a = cl[k - 1];
        const int lvl = a.cls == CharClass::Close ? kBrackets : a.cls == CharClass::Stop ? kStops : kPauses;
        if (a.cls != CharClass::Stop || stops) {
          tot.shrink[lvl] -= half;
          if (m) std::erase_if(m->items[lvl], [&](const ShrinkItem& it) { return it.cluster == k - 1 && !it.left && !it.gap; });
        }
      }
    }
  }
  if (!full && k == vs && left_trimmable(c) && !left_taken && style.line_start_half) {
    left = half;
    left_taken = true;
  }
  if (!full && last && right_trimmable(c)) {  // line end: the ink meets the right edge
    right = half;
    right_taken = true;
  }
  bool unit = false;
  if (word_space(c)) {
    if (!last && k > vs && !blank(cl[k - 1]) && !blank(cl[k + 1]) && style.cjk_latin_space && han_latin(cl[k - 1], cl[k + 1])) {
      right = c.advance - 0.25 * em;  // set as the CJK–Latin gap, whatever its own width
      add(kLatinGaps, k, false, false, full ? 0.25 * em : 0.125 * em);
    } else if (c.advance > 0.25 * em) {
      add(kSpaces, k, false, false, c.advance - 0.25 * em);
    }
    unit = true;
  } else if (units && !last && stretchable_gap(cl, k)) {
    unit = true;
  }
  tot.units += unit;
  if (!full && c.full_width) {  // inside the line, 先挤进: half-width marks before stretching
    if (!left_taken && c.cls == CharClass::Open && k != vs) add(kBrackets, k, true, false, half);
    if (!right_taken && !last) {
      if (c.cls == CharClass::Close) add(kBrackets, k, false, false, half);
      else if (c.cls == CharClass::Pause) add(kPauses, k, false, false, half);
      else if (c.cls == CharClass::Middle) add(kMiddles, k, false, false, half);
      else if (c.cls == CharClass::Stop && stops) add(kStops, k, false, false, half);
    }
  }
  tot.natural += c.advance - left - right;
  if (m) {
    m->detail.left[k - vs] += left;
    m->detail.right[k - vs] += right;
    m->detail.stretch[k - vs] = unit;
  }
}

uint32_t visible_begin(const std::vector<Cluster>& cl, uint32_t s, uint32_t e, bool continuation) {
  if (continuation)
    while (s < e && blank(cl[s])) ++s;
  return s;
}
}  // namespace

LineMeasure measure_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e,
                         bool continuation, bool with_items, bool units) {
  const auto& cl = t.clusters;
  LineMeasure m;
  uint32_t vs = visible_begin(cl, s, e, continuation), ve = e;
  while (ve > vs && blank(cl[ve - 1])) --ve;
  m.begin = vs;
  m.end = ve;
  if (vs == ve) return m;
  const uint32_t n = ve - vs;
  if (with_items) {
    m.detail.left.assign(n, 0);
    m.detail.right.assign(n, 0);
    m.detail.gap.assign(n, 0);
    m.detail.stretch.assign(n, 0);
  }
  LineTotals tot;
  for (uint32_t k = vs; k < ve; ++k) step(t, style, vs, k, k == ve - 1, tot, with_items ? &m : nullptr, units || with_items);
  m.natural = tot.natural;
  m.shrink = tot.shrink;
  m.stretch_units = tot.units;
  return m;
}

ParagraphMeasure::ParagraphMeasure(const ShapedText& t, const ParagraphStyle& style) : t_(t), style_(style) {
  const uint32_t n = static_cast<uint32_t>(t.clusters.size());
  prefix_.resize(n + 1);
  for (uint32_t k = 1; k < n; ++k) {
    LineTotals add;
    if (k + 1 < n) step(t, style, 0, k, false, add, nullptr);  // as an inner cluster (k > the line's first)
    LineTotals& p = prefix_[k + 1];
    p = prefix_[k];
    p.natural += add.natural;
    for (int l = 0; l < kShrinkLevels; ++l) p.shrink[l] += add.shrink[l];
    p.units += add.units;
  }
}

LineTotals ParagraphMeasure::measure(uint32_t s, uint32_t e, bool continuation) const {
  const auto& cl = t_.clusters;
  const uint32_t vs = visible_begin(cl, s, e, continuation);
  uint32_t ve = e;
  while (ve > vs && blank(cl[ve - 1])) --ve;
  LineTotals tot;
  if (ve <= vs) return tot;
  step(t_, style_, vs, vs, ve - 1 == vs, tot, nullptr);
  if (ve - 1 == vs) return tot;
  const LineTotals &a = prefix_[vs + 1], &b = prefix_[ve - 1];  // inner clusters vs+1 .. ve-2
  tot.natural += b.natural - a.natural;
  for (int l = 0; l < kShrinkLevels; ++l) tot.shrink[l] += b.shrink[l] - a.shrink[l];
  tot.units += b.units - a.units;
  step(t_, style_, vs, ve - 1, true, tot, nullptr);
  return tot;
}

}  // namespace gongwen
