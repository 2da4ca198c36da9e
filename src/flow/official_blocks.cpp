// Placing the blocks of official documents (GB/T 9704-2012 §7.2–7.4): images, rules, 附件说明,
// 署名 + 成文日期 with or without a seal, the 版记 at the foot of the last page, and the 版头. On a grid
// page every line sits on a grid line; a "空一行" is one grid line.
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "flow/paginate.hpp"
#include "text/ink.hpp"

namespace gongwen {

namespace {
constexpr double kEps = 1e-6;

ParagraphStyle plain(const ParagraphStyle& s, Align align = Align::Left) {
  ParagraphStyle p = s;
  p.align = align;
  p.first_indent = p.hanging_indent = 0;
  return p;
}

/// Widest line of a laid-out paragraph, pt.
double extent(const ParagraphLayout& p) {
  double w = 0;
  for (const Line& l : p.lines) w = std::max(w, l.right);
  return w;
}
}  // namespace

void Paginator::place_image(const BoundImage& b) {
  if (!b.image) return;
  // A picture from the data larger than the type area is set smaller, keeping its proportions.
  const double scale = std::min({1.0, width() / std::max(b.width, 1e-9), (bottom() - top()) / std::max(b.height, 1e-9)});
  const double bw = b.width * scale, bh = b.height * scale;
  const double g = grid();
  // On the grid an image takes whole lines, so the text after it stays on the grid.
  const double h = g > 0 ? std::ceil(bh / g - 1e-6) * g : bh;
  if (h > remaining() + kEps && !page_empty()) new_page();
  double x = left();
  if (b.spec->align == Align::Center) x += (width() - bw) / 2;
  else if (b.spec->align == Align::Right) x += width() - bw;
  items().emplace_back(Image{b.image, x, y_ + (h - bh) / 2, bw, bh});
  y_ = std::min(bottom(), y_ + h);
}

void Paginator::place_rule(const RuleBlock& b) {
  y_ = std::min(bottom(), y_ + b.space_before);
  const double len = b.length > 0 ? b.length : width();
  const double x = left() + (width() - len) / 2;
  items().emplace_back(Rule{x, y_, x + len, y_, b.thickness, b.color});
  y_ = std::min(bottom(), y_ + b.space_after);
}

// ---- 附件说明 (§7.3.4) -------------------------------------------------------------------------

std::vector<ParagraphLayout> Paginator::attachment_lines(const BoundAttachments& a) const {
  const ParagraphStyle base = plain(a.spec->style->paragraph, Align::Justify);
  const double in = 2 * char_unit(base);  // 左空二字
  const double label = prefix_width(a.spec->label, base);
  const bool numbered = a.items.size() > 1;
  std::vector<ParagraphLayout> out;
  for (size_t i = 0; i < a.items.size(); ++i) {
    // "附件：1.XXX": later items line up under "1.", wrapped lines under the name.
    const std::string num = numbered ? std::to_string(i + 1) + "." : "";
    ParagraphStyle ps = base;
    ps.first_indent = in + (i == 0 ? 0 : label);
    ps.hanging_indent = in + label + (num.empty() ? 0 : prefix_width(num, base));
    out.push_back(layout_paragraph((i == 0 ? a.spec->label : "") + num + a.items[i], ps, width()));
  }
  return out;
}

double Paginator::attachments_height(const BoundAttachments& a) const {
  if (a.items.empty()) return 0;
  const double line = grid() > 0 ? grid() : a.spec->style->paragraph.pitch();
  double h = a.spec->blank_lines * line;
  for (const ParagraphLayout& p : attachment_lines(a)) h += p.height();
  return h;
}

void Paginator::place_attachments(const BoundAttachments& a, double keep_next) {
  if (a.items.empty()) return;
  const double line = grid() > 0 ? grid() : a.spec->style->paragraph.pitch();
  // Kept whole and with the signature that follows it.
  if (attachments_height(a) + keep_next > remaining() + kEps && !page_empty()) new_page();
  if (!page_empty()) y_ += a.spec->blank_lines * line;  // 正文下空一行
  for (const ParagraphLayout& p : attachment_lines(a)) {
    emit_lines(p, 0, p.lines.size(), left(), y_, items());
    y_ += p.height();
  }
}

// ---- 署名 and 成文日期 (§7.3.5) ------------------------------------------------------------------

struct Paginator::SignatureLayout {
  ParagraphLayout name, date;
  double name_x = 0, date_x = 0;  ///< pt from the type area's left
  int blank = 1;                  ///< lines between the text above and the 署名
  double seal_cx = 0, seal_cy = 0;  ///< seal centre: x from the type area's left, y from the block's top
  double height = 0;              ///< from the block's top to below the date or the seal, whole grid lines
};

Paginator::SignatureLayout Paginator::signature_layout(const BoundSignature& s) const {
  const SignatureBlock& spec = *s.spec;
  const ParagraphStyle ps = plain(spec.style->paragraph);
  const double c = char_unit(ps), line = grid() > 0 ? grid() : ps.pitch();
  SignatureLayout l;
  l.name = layout_paragraph(s.name, ps, width());
  l.date = layout_paragraph(s.date, ps, width());
  const double wn = extent(l.name), wd = extent(l.date);
  const double right = width();
  const double text_h = l.name.height() + l.date.height();
  if (s.seal) {
    // §7.3.5.1: the date 右空四字, the 署名 centred over it, the seal centred on both and pressing
    // on them from slightly above (they sit below its centre).
    l.date_x = right - 4 * c - wd;
    l.name_x = l.date_x + (wd - wn) / 2;
    l.seal_cx = l.date_x + wd / 2;
    const double centre_below_top = l.name.height() - 0.4 * line;  // 0.4 line above the seam of 署名 and date
    // The seal's top lies within one line below the text above it: as few blank lines as keep
    // the seal off that text.
    const double r = s.seal_height / 2;
    l.blank = spec.blank_lines >= 0 ? spec.blank_lines : std::max(1, static_cast<int>(std::ceil((r - centre_below_top) / line - 1e-6)));
    l.seal_cy = l.blank * line + centre_below_top;
    l.height = std::max(l.blank * line + text_h, l.seal_cy + r);
  } else {
    // §7.3.5.2: the 署名 右空二字, the date below it two characters further right; a longer
    // date 右空二字 and the 署名 moves left with it.
    l.blank = spec.blank_lines >= 0 ? spec.blank_lines : 1;
    l.name_x = right - 2 * c - wn;
    l.date_x = l.name_x + 2 * c;
    if (l.date_x + wd > right - 2 * c + kEps) {
      l.date_x = right - 2 * c - wd;
      l.name_x = l.date_x - 2 * c;
    }
    // A 署名 too long for 右空二字 starts at the left edge (below); the date stays 右空二字.
    if (l.name_x < 0) l.date_x = right - 2 * c - wd;
    l.height = l.blank * line + text_h;
  }
  // A 署名 longer than its date would run past the type area's right edge: it ends there instead
  // (it can never be wider than the type area, being laid out at that width).
  l.name_x = std::clamp(l.name_x, 0.0, std::max(0.0, right - wn));
  l.date_x = std::clamp(l.date_x, 0.0, std::max(0.0, right - wd));
  if (grid() > 0) l.height = std::ceil(l.height / grid() - 1e-6) * grid();
  return l;
}

double Paginator::signature_height(const BoundSignature& s) const { return signature_layout(s).height; }

void Paginator::place_signature(const BoundSignature& s) {
  const SignatureLayout l = signature_layout(s);
  const double line = grid() > 0 ? grid() : s.spec->style->paragraph.pitch();
  if (l.height > remaining() + kEps && !page_empty()) new_page();
  const double top = y_;
  if (s.seal) {
    // Drawn first: the text prints over the red ink, as on a stamped sheet.
    const double w = s.seal_width, h = s.seal_height;
    items().emplace_back(Image{s.seal, left() + l.seal_cx - w / 2, top + l.seal_cy - h / 2, w, h});
  }
  const double name_y = top + l.blank * line;
  emit_lines(l.name, 0, l.name.lines.size(), left() + l.name_x, name_y, items());
  emit_lines(l.date, 0, l.date.lines.size(), left() + l.date_x, name_y + l.name.height(), items());
  y_ = std::min(bottom(), top + l.height);
}

// ---- 版记 (§7.4) --------------------------------------------------------------------------------

void Paginator::place_banji(const BoundBanji& b) {
  const BanjiBlock& spec = *b.spec;
  const ParagraphStyle base = plain(spec.style->paragraph, Align::Justify);
  const double c = char_unit(base);
  const double line = grid() > 0 ? grid() : base.pitch();
  std::vector<ParagraphLayout> copy;
  if (!b.copy_to.empty()) {
    // 抄送 左右各空一字; wrapped lines align to the first organ after "抄送：".
    ParagraphStyle ps = base;
    ps.hanging_indent = prefix_width(spec.copy_label, base);
    copy.push_back(layout_paragraph(spec.copy_label + b.copy_to, ps, width() - 2 * c));
  }
  const ParagraphLayout by = layout_paragraph(b.printed_by, plain(base), width());
  const ParagraphLayout on = layout_paragraph(b.printed_on + spec.printed_suffix, plain(base), width());
  const double copy_h = copy.empty() ? 0 : copy[0].lines.size() * line;
  const double h = copy_h + line;
  // The last rule lies on the type area's bottom edge: the 版记 fills the page's last lines.
  if (bottom() - h < y_ - kEps) new_page();
  if (spec.even_page && doc_.pages.size() % 2 == 1) {
    // The back of the sheet (封四). A page left blank before it carries no number, and neither
    // does the 版记 page after it (§7.5).
    if (page_empty()) {
      unnumbered_.insert(doc_.pages.size() - 1);
      new_page();
      unnumbered_.insert(doc_.pages.size() - 1);
    } else {
      new_page();
    }
  }
  const double y0 = bottom() - h;
  auto rule = [&](double y, double w) { items().emplace_back(Rule{left(), y, left() + width(), y, w, Color{}}); };
  rule(y0 + spec.thick / 2, spec.thick);  // the first rule, above the first element
  if (!copy.empty()) {
    emit_lines(copy[0], 0, copy[0].lines.size(), left() + c, y0, items());
    rule(y0 + copy_h, spec.thin);
  }
  // 印发机关 左空一字, 印发日期 右空一字, on one line.
  const double yl = y0 + copy_h;
  emit_lines(by, 0, 1, left() + c, yl, items());
  emit_lines(on, 0, 1, left() + width() - c - extent(on), yl, items());
  rule(bottom() - spec.thick / 2, spec.thick);  // the last rule, on the type area's bottom
  y_ = bottom();
}

// ---- 版头 (§7.2) ---------------------------------------------------------------------------------

void Paginator::place_masthead(const BoundMasthead& m) {
  const MastheadBlock& spec = *m.spec;
  if (m.mark.empty()) return;  // no 发文机关标志: the same layout without 版头
  if (!page_empty()) new_page();  // the 版头 heads its page
  const double line = grid() > 0 ? grid() : spec.number_style->paragraph.pitch();
  // The first grid line at or below `y` (y itself without a grid).
  auto on_grid = [&](double y) { return grid() > 0 ? top() + std::ceil((y - top()) / grid() - 1e-6) * grid() : y; };
  // The em box sits centred in its line box (as everywhere else): line top for an em top.
  auto line_top = [](double em_top, const ParagraphLayout& p, double size) { return em_top - (p.pitch - size) / 2; };

  // 份号, 密级和保密期限, 紧急程度: 顶格, one per line from the type area's first line.
  double y = top();
  auto note = [&](const std::string& text, const ParagraphStyle& style) {
    if (text.empty()) return;
    const ParagraphLayout p = layout_paragraph(text, plain(style), width());
    emit_lines(p, 0, p.lines.size(), left(), y, items());
    y += p.height();
  };
  note(m.copy_no, spec.number_style->paragraph);
  note(m.secrecy, spec.note_style->paragraph);
  note(m.urgency, spec.note_style->paragraph);

  // 发文机关标志: centred, its top edge `mark_top` below the type area's; a name too wide for
  // one line at the style's size is set smaller rather than broken.
  ParagraphStyle ms = plain(spec.mark_style->paragraph, Align::Center);
  const double natural = extent(layout_paragraph(m.mark, plain(ms), 1e6));  // flush left: its extent is its width
  if (natural > width()) {
    const double k = width() / natural * 0.999;
    ms.size *= k;
    ms.letter_spacing *= k;
  }
  const ParagraphLayout mark = layout_paragraph(m.mark, ms, width());
  // The standard's 35 mm reach the ink's top edge (上边缘), not the em box's.
  const double mark_top = top() + spec.mark_top;
  const double ink_shift = ink_top(mark, 0).value_or((mark.pitch - ms.size) / 2) - (mark.pitch - ms.size) / 2;
  emit_lines(mark, 0, mark.lines.size(), left(), line_top(mark_top - ink_shift, mark, ms.size), items());
  double above_rule = mark_top - ink_shift + static_cast<double>(mark.lines.size() - 1) * mark.pitch + ms.size;  // em bottom

  // 发文字号: centred, 标志下空二行.
  if (!m.number.empty()) {
    const ParagraphStyle ns = plain(spec.number_style->paragraph, Align::Center);
    const ParagraphLayout number = layout_paragraph(m.number, ns, width());
    const double top_line = on_grid(above_rule) + 2 * line;
    emit_lines(number, 0, number.lines.size(), left(), top_line, items());
    above_rule = top_line + (number.pitch - ns.size) / 2 + static_cast<double>(number.lines.size() - 1) * number.pitch + ns.size;
  }

  // The red rule, as wide as the type area, `rule_gap` below the 文号; the text goes on after
  // `lines_after` empty lines (红色分隔线下空二行).
  const double rule_y = above_rule + spec.rule_gap + spec.rule_thickness / 2;
  items().emplace_back(Rule{left(), rule_y, left() + width(), rule_y, spec.rule_thickness, spec.rule_color});
  y_ = std::min(bottom(), on_grid(rule_y + spec.rule_thickness / 2) + spec.lines_after * line);
}

}  // namespace gongwen
