#include "text/line_measure.hpp"

#include "text/compression.hpp"

namespace gongwen {

using namespace compression;

LineMeasure measure_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e,
                         bool continuation, bool with_items) {
  const auto& cl = t.clusters;
  const double em = t.size, half = 0.5 * em;
  LineMeasure m;
  uint32_t vs = s, ve = e;
  if (continuation)
    while (vs < ve && blank(cl[vs])) ++vs;
  while (ve > vs && blank(cl[ve - 1])) --ve;
  m.begin = vs;
  m.end = ve;
  if (vs == ve) return m;

  auto add = [&](int level, uint32_t cluster, bool left, bool gap, double amount) {
    m.shrink[level] += amount;
    if (with_items) m.items[level].push_back({cluster, left, gap, amount});
  };
  const bool compress = style.punctuation == PunctuationStyle::Compress;
  // Full width: marks never give up width, so every character keeps its place on a grid.
  const bool full = style.punctuation == PunctuationStyle::FullWidth;
  // Sides already given up to a pair, so later levels do not count them twice.
  bool prev_right_taken = false;
  for (uint32_t k = vs; k < ve; ++k) {
    const Cluster& c = cl[k];
    m.natural += c.advance;
    bool left_taken = false, right_taken = false;
    if (k > vs) {
      double gap = autospace(style, cl[k - 1], c, em);
      m.natural += gap;
      if (gap > 0 && compress) add(kPauses, k, false, true, gap / 2);
      switch (full ? PairTrim::None : pair_trim(cl[k - 1], c)) {
        case PairTrim::RightOfFirst:
          if (!prev_right_taken) {
            add(kPairs, k - 1, false, false, half);
            prev_right_taken = true;
            // the previous cluster's right side was counted as a pause/stop: undo that
            if (compress && k - 1 != ve - 1) {
              int lvl = cl[k - 1].cls == CharClass::Stop ? kStops : kPauses;
              if (cl[k - 1].cls == CharClass::Pause || cl[k - 1].cls == CharClass::Stop) {
                m.shrink[lvl] -= half;
                if (with_items) {
                  auto& v = m.items[lvl];
                  for (auto it = v.begin(); it != v.end(); ++it)
                    if (it->cluster == k - 1 && !it->left && !it->gap) { v.erase(it); break; }
                }
              }
            }
          }
          break;
        case PairTrim::LeftOfSecond:
          add(kPairs, k, true, false, half);
          left_taken = true;
          break;
        case PairTrim::None:
          break;
      }
    }
    if (!full && k == vs && left_trimmable(c) && !left_taken) {
      add(kLineStart, k, true, false, half);
      left_taken = true;
    }
    if (word_space(c) && c.advance > 0.25 * em) add(kSpaces, k, false, false, c.advance - 0.25 * em);
    if (!full && k == ve - 1 && right_trimmable(c)) {
      add(kLineEnd, k, false, false, half);
      right_taken = true;
    }
    if (compress && !right_taken && c.full_width) {
      if (c.cls == CharClass::Pause) add(kPauses, k, false, false, half);
      else if (c.cls == CharClass::Stop) add(kStops, k, false, false, half);
      else if (c.cls == CharClass::Middle) add(kPauses, k, false, false, half);
    }
    prev_right_taken = right_taken;
  }
  return m;
}

}  // namespace gongwen
