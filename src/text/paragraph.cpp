#include "text/paragraph.hpp"

#include "text/compression.hpp"
#include "text/justify.hpp"
#include "text/line_measure.hpp"

namespace gongwen {

namespace {
constexpr double kEpsilon = 1e-6;

struct Span {
  uint32_t s, e;
};

/// Greedy first fit: the longest line whose width after permitted compression fits (先挤进后推出).
std::vector<Span> break_lines(const ShapedText& t, const std::vector<BreakKind>& breaks,
                              const ParagraphStyle& style, double measure) {
  std::vector<Span> spans;
  const uint32_t n = static_cast<uint32_t>(t.clusters.size());
  const double em = t.size;
  uint32_t s = 0;
  while (s < n) {
    const bool first = spans.empty();
    const double avail = measure - (first ? style.first_indent : style.hanging_indent);
    uint32_t best = 0;
    double running = 0;  // natural width so far: a cheap bound to stop scanning
    bool mandatory = false;
    for (uint32_t e = s + 1; e <= n; ++e) {
      running += t.clusters[e - 1].advance;
      if (breaks[e] == BreakKind::None) continue;
      LineMeasure m = measure_line(t, style, s, e, !first, false);
      if (m.min_width() <= avail + kEpsilon) {
        best = e;
        if (breaks[e] == BreakKind::Mandatory) { mandatory = true; break; }
      } else if (running - 0.5 * em * static_cast<double>(e - s) > avail) {
        break;  // nothing further can fit even with every mark compressed
      } else if (best != 0) {
        break;
      }
      (void)mandatory;
    }
    if (best == 0) {
      // No permitted break fits: the token is wider than the measure (a long URL). Break it
      // anywhere, as late as possible — the only case where a rule yields.
      best = s + 1;
      for (uint32_t e = s + 2; e <= n; ++e) {
        if (measure_line(t, style, s, e, !first, false).min_width() > avail + kEpsilon) break;
        best = e;
        if (breaks[e] == BreakKind::Mandatory) break;
      }
    }
    spans.push_back({s, best});
    s = best;
  }
  return spans;
}

/// 孤字: a paragraph's last line holding a single Han character (plus punctuation) pulls the
/// previous line's last character down with it.
void avoid_orphan(std::vector<Span>& spans, const ShapedText& t, const std::vector<BreakKind>& breaks,
                  const ParagraphStyle& style, double measure) {
  if (spans.size() < 2) return;
  Span& last = spans.back();
  Span& prev = spans[spans.size() - 2];
  int han = 0;
  for (uint32_t k = last.s; k < last.e; ++k) {
    const Cluster& c = t.clusters[k];
    if (compression::blank(c)) continue;
    if (c.cls == CharClass::Ideograph) ++han;
    else if (!is_compressible(c.cls)) return;  // Latin or digits: not a lone character
  }
  if (han != 1 || breaks[prev.e] == BreakKind::Mandatory) return;
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
  ParagraphLayout p;
  p.measure = measure;
  p.pitch = style.pitch();
  p.color = style.color;
  const Face* primary = style.fonts->faces.front();
  const double asc = primary->ascender(), desc = primary->descender();
  const double ratio = asc - desc > 0 ? asc / (asc - desc) : 0.88;
  p.baseline = (p.pitch - style.size) / 2 + ratio * style.size;
  p.shaped = shape_paragraph(text, *style.fonts, style.size, style.letter_spacing);
  if (p.shaped.clusters.empty()) return p;  // an empty paragraph has no lines

  const std::vector<BreakKind> breaks = find_breaks(p.shaped, style.breaks);
  std::vector<Span> spans = break_lines(p.shaped, breaks, style, measure);
  if (style.orphan_control) avoid_orphan(spans, p.shaped, breaks, style, measure);
  p.lines.reserve(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const bool first = i == 0;
    // The last line of a paragraph, and a line ended by a forced break, keep natural spacing.
    const bool hard_end = spans[i].e == p.shaped.clusters.size() || breaks[spans[i].e] == BreakKind::Mandatory;
    const double indent = first ? style.first_indent : style.hanging_indent;
    p.lines.push_back(place_line(p.shaped, style, spans[i].s, spans[i].e, !first, hard_end, indent, measure));
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
      for (uint32_t c = k; c < run_end; ++c) {
        double pen = line.x[c - line.begin] - line.x[k - line.begin];
        for (uint32_t g = cl[c].glyph_begin; g < cl[c].glyph_end; ++g) {
          const ShapedGlyph& sg = p.shaped.glyphs[g];
          PlacedGlyph pg;
          pg.gid = sg.gid;
          pg.x = pen + sg.dx;
          pg.dy = sg.dy;
          if (g == cl[c].glyph_begin) {
            pg.text_begin = cl[c].begin - text_base;
            pg.text_end = cl[c].end - text_base;
          } else {
            pg.text_begin = pg.text_end = cl[c].end - text_base;
          }
          run.glyphs.push_back(pg);
          pen += sg.advance;
        }
      }
      const Cluster& lastc = cl[run_end - 1];
      run.width = line.x[run_end - 1 - line.begin] - line.x[k - line.begin] + lastc.advance;
      if (!run.glyphs.empty()) out.emplace_back(std::move(run));
      k = run_end;
    }
  }
}

}  // namespace gongwen
