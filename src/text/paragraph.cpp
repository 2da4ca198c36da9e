#include "text/paragraph.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "text/compression.hpp"
#include "text/justify.hpp"
#include "text/line_measure.hpp"
#include "text/line_search.hpp"

namespace gongwen {

namespace {
constexpr double kEpsilon = 1e-6;
constexpr double kSearchAbove = 0.04;  ///< em per gap: a greedy line looser than this asks for the search

using Span = LineSpan;

/// The paragraph's measure, built on first use: a paragraph that fits on one line never needs it.
class LazyMeasure {
 public:
  LazyMeasure(const ShapedText& t, const ParagraphStyle& style) : t_(t), style_(style) {}
  const ParagraphMeasure& operator*() {
    if (!pm_) pm_.emplace(t_, style_);
    return *pm_;
  }
  const ParagraphMeasure* operator->() { return &**this; }

 private:
  const ShapedText& t_;
  const ParagraphStyle& style_;
  std::optional<ParagraphMeasure> pm_;
};

bool fits(LazyMeasure& pm, uint32_t s, uint32_t e, bool continuation, double avail) {
  return pm->measure(s, e, continuation).min_width() <= avail + kEpsilon;
}

/// After the slash of a compound unit written in Han (元/平方米, 人/次): where a unit too long
/// for its cell breaks, keeping both units whole.
bool after_unit_slash(const std::vector<Cluster>& cl, uint32_t e) {
  if (e < 2 || e >= cl.size()) return false;
  const char32_t slash = cl[e - 1].first_cp;
  return (slash == U'/' || slash == U'\uFF0F') && cl[e - 2].cls == CharClass::Ideograph && cl[e].cls == CharClass::Ideograph;
}

/// A token wider than a whole line (a long URL) is broken anywhere: the line [s, from) takes as
/// much of it as fits, preferring a position no prohibition forbids, and the slash of a compound
/// unit ("≤45元/" | "平方米") to any place inside the unit after it. Returns the line end (> s).
uint32_t fill_line(LazyMeasure& pm, const ShapedText& t, const std::vector<BreakKind>& breaks,
                   uint32_t s, uint32_t from, bool continuation, double avail) {
  const auto& cl = t.clusters;
  const uint32_t n = static_cast<uint32_t>(cl.size());
  uint32_t last = std::max(from, s + 1), clean = from, allowed = from, slash = from;
  for (uint32_t e = last + 1; e <= n; ++e) {
    if (!fits(pm, s, e, continuation, avail)) break;
    last = e;
    if (e == n || breaks[e] != BreakKind::None) allowed = e;
    if (e == n || breaks[e] != BreakKind::None ||
        (!no_line_start(cl[e].first_cp) && !no_line_end(cl[e - 1].last_cp)))
      clean = e;
    if (after_unit_slash(cl, e)) slash = e;
    if (breaks[e] == BreakKind::Mandatory) break;
  }
  if (slash > from && allowed <= slash) return slash;
  return clean > from ? clean : last;
}

/// Greedy first fit: the longest line whose width after permitted compression fits (先挤进后推出).
std::vector<Span> break_lines(LazyMeasure& pm, const ShapedText& t, const std::vector<BreakKind>& breaks,
                              const ParagraphStyle& style, double measure, bool& overfull) {
  std::vector<Span> spans;
  const auto& cl = t.clusters;
  const uint32_t n = static_cast<uint32_t>(cl.size());
  const double em = t.size;
  const double avail_next = measure - style.hanging_indent;
  uint32_t s = 0;
  while (s < n) {
    const bool first = spans.empty();
    const double avail = first ? measure - style.first_indent : avail_next;
    uint32_t best = 0, end = 0;
    // An upper bound of the natural width of [s, e), kept as e grows: while it fits, the line
    // fits without measuring it (the exact measure runs only near the line's end).
    double upper = 0;
    for (uint32_t e = s + 1; e <= n; ++e) {
      const Cluster& c = cl[e - 1];
      upper += compression::blank(c) ? std::max(0.0, c.advance) : c.advance;
      if (e > s + 1) upper += compression::autospace(style, cl[e - 2], c, em);
      if (breaks[e] == BreakKind::None) continue;
      if (upper <= avail + kEpsilon || fits(pm, s, e, !first, avail)) {
        best = e;
        if (breaks[e] == BreakKind::Mandatory) break;
        continue;
      }
      // [s, e) does not fit, and no longer line can (widths only grow with e). When the token
      // [best, e) is wider than a line of its own, this line takes as much of it as fits.
      if (best == 0) end = fill_line(pm, t, breaks, s, s, !first, avail);
      else if (!fits(pm, best, e, true, avail_next)) end = fill_line(pm, t, breaks, s, best, !first, avail);
      overfull = overfull || end != 0;
      break;
    }
    if (end == 0) end = best != 0 ? best : n;
    spans.push_back({s, end});
    s = end;
  }
  return spans;
}

/// 孤字: a paragraph's last line holding a single Han character (plus punctuation), which could
/// pull the previous line's last character down with it.
bool is_orphan(const std::vector<Span>& spans, const ShapedText& t, const std::vector<BreakKind>& breaks) {
  if (spans.size() < 2) return false;
  const Span& last = spans.back();
  int han = 0;
  for (uint32_t k = last.s; k < last.e; ++k) {
    const Cluster& c = t.clusters[k];
    if (compression::blank(c)) continue;
    if (c.cls == CharClass::Ideograph) ++han;
    else if (!is_compressible(c.cls)) return false;  // Latin or digits: not a lone character
  }
  return han == 1 && breaks[last.s] != BreakKind::Mandatory;
}

/// The largest stretch per gap of the justified lines of `spans`, em; infinity when a line is short
/// of the measure with no gap that may stretch (it is left unjustified: the search may avoid it).
template <class HardEnd>
double loosest(LazyMeasure& pm, const std::vector<Span>& spans, const ParagraphStyle& style,
               double measure, double em, HardEnd hard_end) {
  double worst = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    if (hard_end(spans[i])) continue;
    const LineTotals m = pm->measure(spans[i].s, spans[i].e, i > 0);
    const double extra = measure - (i == 0 ? style.first_indent : style.hanging_indent) - m.natural;
    if (extra <= kEpsilon) continue;
    if (m.units == 0) return std::numeric_limits<double>::infinity();  // short, and nothing can stretch
    worst = std::max(worst, extra / static_cast<double>(m.units));
  }
  return worst / em;
}

/// Pulls the previous line's last character down to a 孤字 (see is_orphan).
void avoid_orphan(std::vector<Span>& spans, const ShapedText& t, const std::vector<BreakKind>& breaks,
                  const ParagraphStyle& style, double measure) {
  Span& last = spans.back();
  Span& prev = spans[spans.size() - 2];
  const bool prev_first = spans.size() == 2;
  const double avail = measure - style.hanging_indent;
  for (uint32_t b = prev.e - 1; b > prev.s + 1; --b) {
    if (breaks[b] != BreakKind::Allowed) continue;
    if (measure_line(t, style, b, last.e, true, false).min_width() > avail + kEpsilon) return;
    if (measure_line(t, style, prev.s, b, !prev_first, false).end - prev.s < 2) return;
    prev.e = b;
    last.s = b;
    return;
  }
}
}  // namespace

std::string ParagraphLayout::line_text(size_t i) const {
  const Line& l = lines.at(i);
  if (l.begin == l.end) return {};
  uint32_t b = shaped.clusters[l.begin].begin, e = shaped.clusters[l.end - 1].end;
  return shaped.text.substr(b, e - b);
}

ParagraphLayout layout_paragraph(std::string_view text, const ParagraphStyle& style, double measure) {
  return layout_shaped(shape_paragraph(text, *style.fonts, style.size, style.letter_spacing), style, measure);
}

ParagraphLayout layout_shaped(ShapedText shaped, const ParagraphStyle& style, double measure) {
  ParagraphLayout p;
  p.measure = measure;
  p.pitch = style.pitch();
  p.color = style.color;
  const Face* primary = style.fonts->faces.front();
  const double asc = primary->ascender(), desc = primary->descender();
  const double ratio = asc - desc > 0 ? asc / (asc - desc) : 0.88;
  p.baseline = (p.pitch - style.size) / 2 + ratio * style.size;
  p.shaped = std::move(shaped);
  if (p.shaped.clusters.empty()) return p;  // an empty paragraph has no lines

  const std::vector<BreakKind> breaks = find_breaks(p.shaped, style.breaks);
  // The paragraph is measured once (when a line needs it): every candidate line, greedy or
  // searched, in constant time.
  LazyMeasure pm(p.shaped, style);
  bool overfull = false;
  std::vector<Span> spans = break_lines(pm, p.shaped, breaks, style, measure, overfull);
  const auto hard_end = [&](const Span& sp) {  // a paragraph's last line, or one before a forced break
    return sp.e == p.shaped.clusters.size() || breaks[sp.e] == BreakKind::Mandatory;
  };
  // Greedy filling left a loose line or a 孤字: look for breaks over the whole paragraph that
  // avoid them (the search weighs the 孤字 against looseness). Else, or when no such breaks
  // exist (a token wider than the line), the 孤字 pulls a character down from the line above.
  const bool justify = style.align == Align::Justify && !overfull;
  const bool orphan = style.orphan_control && is_orphan(spans, p.shaped, breaks);
  if (justify && (orphan || loosest(pm, spans, style, measure, p.shaped.size, hard_end) > kSearchAbove)) {
    if (auto better = search_breaks(*pm, p.shaped, breaks, style, measure)) spans = std::move(*better);
    else if (orphan) avoid_orphan(spans, p.shaped, breaks, style, measure);
  } else if (orphan) {
    avoid_orphan(spans, p.shaped, breaks, style, measure);
  }
  p.lines.reserve(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const bool first = i == 0;
    const double indent = first ? style.first_indent : style.hanging_indent;
    p.lines.push_back(place_line(p.shaped, style, spans[i].s, spans[i].e, !first, hard_end(spans[i]), indent, measure));
  }
  return p;
}

void emit_lines(const ParagraphLayout& p, size_t from, size_t to, double x, double y_top, std::vector<Item>& out) {
  const auto& cl = p.shaped.clusters;
  for (size_t i = from; i < to && i < p.lines.size(); ++i) {
    const Line& line = p.lines[i];
    const double baseline = y_top + static_cast<double>(i - from) * p.pitch + p.baseline;
    uint32_t k = line.begin;
    while (k < line.end) {
      // One run per face: consecutive clusters set in the same font.
      uint32_t run_end = k + 1;
      while (run_end < line.end && cl[run_end].face == cl[k].face) ++run_end;
      GlyphRun run;
      run.face = cl[k].face;
      run.size = p.shaped.size;
      run.color = p.color;
      run.x = x + line.x[k - line.begin];
      run.y = baseline;
      const uint32_t text_base = cl[k].begin;
      run.text = p.shaped.text.substr(text_base, cl[run_end - 1].end - text_base);
      run.glyphs.reserve(cl[run_end - 1].glyph_end - cl[k].glyph_begin);  // glyph ranges ascend
      for (uint32_t c = k; c < run_end; ++c) {
        double pen = line.x[c - line.begin] - line.x[k - line.begin];
        for (uint32_t g = cl[c].glyph_begin; g < cl[c].glyph_end; ++g) {
          const ShapedGlyph& sg = p.shaped.glyphs[g];
          PlacedGlyph& pg = run.glyphs.emplace_back();
          pg.gid = sg.gid;
          pg.x = pen + sg.dx;
          pg.dy = sg.dy;
          if (g == cl[c].glyph_begin) {
            pg.text_begin = cl[c].begin - text_base;
            pg.text_end = cl[c].end - text_base;
          } else {
            pg.text_begin = pg.text_end = cl[c].end - text_base;
          }
          pen += sg.advance;
        }
      }
      // A run that ends the line ends at line.right: its last mark may have given up half its
      // advance (line-end compression), and the run must not reach past the measure.
      const double end_x = run_end == line.end ? line.right : line.x[run_end - 1 - line.begin] + cl[run_end - 1].advance;
      run.width = end_x - line.x[k - line.begin];
      if (!run.glyphs.empty()) out.emplace_back(std::move(run));
      k = run_end;
    }
  }
}

}  // namespace gongwen
