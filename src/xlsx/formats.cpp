#include "xlsx/formats.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "font/font_book.hpp"
#include "xlsx/lxw_support.hpp"

namespace gongwen::xlsx {

uint32_t rgb(const Color& c) {
  auto channel = [](double v) { return static_cast<uint32_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  return channel(c.r) << 16 | channel(c.g) << 8 | channel(c.b);
}

CellFormat style_format(const Style& style, const FontBook& fonts) {
  CellFormat f;
  f.font = fonts.xlsx_name(style.family);
  f.size = style.paragraph.size;
  // Excel substitutes a missing font by charset: mark Chinese names as GB2312 (134).
  f.charset = std::any_of(f.font.begin(), f.font.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) ? 134 : 0;
  f.bold = style.weight == Weight::Bold;
  f.color = rgb(style.paragraph.color);
  switch (style.paragraph.align) {
    case Align::Center: f.align = LXW_ALIGN_CENTER; break;
    case Align::Right: f.align = LXW_ALIGN_RIGHT; break;
    case Align::Left: f.align = LXW_ALIGN_LEFT; break;
    // Excel's "justify" fills every line but a paragraph's last, as the PDF does.
    case Align::Justify: f.align = LXW_ALIGN_JUSTIFY; break;
  }
  switch (style.valign) {
    case VAlign::Top: f.valign = LXW_ALIGN_VERTICAL_TOP; break;
    case VAlign::Middle: f.valign = LXW_ALIGN_VERTICAL_CENTER; break;
    case VAlign::Bottom: f.valign = LXW_ALIGN_VERTICAL_BOTTOM; break;
  }
  f.wrap = true;
  return f;
}

namespace {
/// A literal run of a number format: quoted, with '"' itself escaped as \" (it cannot be quoted).
std::string literal(std::string_view s) {
  std::string out;
  bool open = false;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t cp = utf8::next(s, pos);
    if (cp == U'"') {
      if (open) out += '"', open = false;
      out += "\\\"";
      continue;
    }
    if (!open) out += '"', open = true;
    out.append(s.substr(start, pos - start));
  }
  if (open) out += '"';
  return out;
}
}  // namespace

std::string number_format(int decimals, std::string_view prefix, std::string_view suffix, bool grouping, bool percent) {
  std::string f = literal(prefix);
  f += grouping ? "#,##0" : "0";
  if (decimals > 0) f.append(".").append(static_cast<size_t>(std::min(decimals, 30)), '0');
  if (percent) f += "%";
  f += literal(suffix);
  return f;
}

std::string number_format(const NumericCell& n) {
  return number_format(n.decimals, n.prefix, n.suffix, n.grouped, n.percent);
}

lxw_format* FormatCache::get(const CellFormat& f) {
  if (auto it = cache_.find(f); it != cache_.end()) return it->second;
  lxw_format* x = workbook_add_format(wb_);
  if (!x) throw Error(ErrorKind::Render, "XLSX: cannot add a cell format (out of memory)");
  if (!f.font.empty()) format_set_font_name(x, f.font.c_str());
  format_set_font_size(x, f.size);
  if (f.bold) format_set_bold(x);
  if (f.charset) format_set_font_charset(x, f.charset);
  if (f.color) format_set_font_color(x, f.color);
  if (f.align) format_set_align(x, f.align);
  if (f.valign) format_set_align(x, f.valign);
  if (f.wrap) format_set_text_wrap(x);
  if (f.top) format_set_top(x, f.top);
  if (f.bottom) format_set_bottom(x, f.bottom);
  if (f.left) format_set_left(x, f.left);
  if (f.right) format_set_right(x, f.right);
  if (f.border_color) {
    if (f.top) format_set_top_color(x, f.border_color);
    if (f.bottom) format_set_bottom_color(x, f.border_color);
    if (f.left) format_set_left_color(x, f.border_color);
    if (f.right) format_set_right_color(x, f.border_color);
  }
  if (!f.num_format.empty()) format_set_num_format(x, f.num_format.c_str());
  cache_.emplace(f, x);
  return x;
}

}  // namespace gongwen::xlsx
