// Heading levels of official documents (§7.3.3): 一、 (黑体), （一） (楷体), 1. and （1） (仿宋),
// detected from a paragraph's numbering; a heading followed by text in the same paragraph is set
// in its font up to its full stop only.
#include <algorithm>

#include "flow/official.hpp"

namespace gongwen {

namespace {
bool starts(std::string_view s, size_t at, std::string_view with) { return s.substr(at, with.size()) == with; }

/// Bytes of Chinese numerals (一 … 十, 百) at `at`.
size_t cn_numerals(std::string_view s, size_t at) {
  static const std::string_view kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零"};
  size_t i = at;
  for (bool more = true; more;) {
    more = false;
    for (auto d : kDigits)
      if (starts(s, i, d)) { i += d.size(); more = true; break; }
  }
  return i - at;
}

size_t ascii_digits(std::string_view s, size_t at) {
  size_t i = at;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i - at;
}

/// "（" or "(" at `at`: its length, else 0; the same for the closing bracket.
size_t open_paren(std::string_view s, size_t at) { return starts(s, at, "（") ? 3 : starts(s, at, "(") ? 1 : 0; }
size_t close_paren(std::string_view s, size_t at) { return starts(s, at, "）") ? 3 : starts(s, at, ")") ? 1 : 0; }
}  // namespace

int heading_level(std::string_view t) {
  if (size_t n = cn_numerals(t, 0); n > 0 && starts(t, n, "、")) return 1;
  if (size_t o = open_paren(t, 0)) {
    if (size_t n = cn_numerals(t, o); n > 0 && close_paren(t, o + n)) return 2;
    if (size_t n = ascii_digits(t, o); n > 0 && n <= 3 && close_paren(t, o + n)) return 4;
    return 0;
  }
  // "1." but not "1.5亿元" or "2018年": a full stop after at most three digits, then no digit.
  if (size_t n = ascii_digits(t, 0); n > 0 && n <= 3) {
    const size_t dot = starts(t, n, ".") ? 1 : starts(t, n, "．") ? 3 : 0;
    if (dot && ascii_digits(t, n + dot) == 0 && n + dot < t.size()) return 3;
  }
  return 0;
}

size_t heading_extent(std::string_view t) {
  const size_t stop = t.find("。");
  if (stop == std::string_view::npos) return t.size();
  return stop + 3;  // a heading that ends the paragraph has nothing after its 。 either
}

ParagraphLayout layout_run_in(std::string_view text, size_t head_bytes, const ParagraphStyle& heading,
                              const ParagraphStyle& body, const ParagraphStyle& para, double measure) {
  head_bytes = std::min(head_bytes, text.size());
  ShapedText head = shape_paragraph(text.substr(0, head_bytes), *heading.fonts, para.size, heading.letter_spacing);
  if (head_bytes < text.size()) {
    // Shaped apart and joined: clusters of the rest shift by the head's bytes and glyphs. Break
    // opportunities are found later on the joined text, so the seam breaks like any other place.
    const ShapedText rest = shape_paragraph(text.substr(head_bytes), *body.fonts, para.size, body.letter_spacing);
    const auto bytes = static_cast<uint32_t>(head.text.size()), glyphs = static_cast<uint32_t>(head.glyphs.size());
    head.text += rest.text;
    head.glyphs.insert(head.glyphs.end(), rest.glyphs.begin(), rest.glyphs.end());
    for (Cluster c : rest.clusters) {
      c.begin += bytes;
      c.end += bytes;
      c.glyph_begin += glyphs;
      c.glyph_end += glyphs;
      head.clusters.push_back(c);
    }
  }
  return layout_shaped(std::move(head), para, measure);
}

double prefix_width(std::string_view prefix, const ParagraphStyle& style) {
  ParagraphStyle s = style;
  s.align = Align::Left;
  s.first_indent = s.hanging_indent = 0;
  // A character after the prefix keeps line-end compression off its last mark ("附件：").
  const std::string probe = std::string(prefix) + "国";
  ParagraphLayout p = layout_paragraph(probe, s, 1e6);
  if (p.lines.empty()) return 0;
  const Line& l = p.lines[0];
  for (uint32_t k = l.begin; k < l.end; ++k)
    if (p.shaped.clusters[k].begin >= prefix.size()) return l.x[k - l.begin];
  return l.right;
}

}  // namespace gongwen
