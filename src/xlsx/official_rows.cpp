#include "xlsx/official_rows.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace gongwen::xlsx {

namespace {

double ems(const std::string& text) { return text_ems(text); }

const std::string kIdeoSpace = "\u3000";
std::string spaces(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kIdeoSpace;
  return s;
}

void attachments(const BoundAttachments& a, OfficialRows& out) {
  const Style* st = a.spec->style;
  for (int i = 0; i < a.spec->blank_lines; ++i) out.lines.push_back({"", "", "", st});
  const bool numbered = a.items.size() > 1;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const std::string num = numbered ? std::to_string(i + 1) + "." : "";
    // 左空二字 "附件：1.XXX"; later items under "1.".
    const std::string lead = i == 0 ? spaces(2) + a.spec->label : spaces(2 + static_cast<int>(ems(a.spec->label) + 0.5));
    out.lines.push_back({lead + num + a.items[i], "", "", st});
  }
}

void signature(const BoundSignature& s, OfficialRows& out) {
  const Style* st = s.spec->style;
  const bool seal = s.seal != nullptr;
  const int blank = s.spec->blank_lines >= 0 ? s.spec->blank_lines : seal ? 3 : 1;
  for (int i = 0; i < blank; ++i) out.lines.push_back({"", "", "", st});
  // With a seal the date is 右空四字 and the 署名 centred over it; without, the 署名 右空二字.
  const int right = seal ? 4 : 2;
  const double wn = ems(s.name), wd = ems(s.date);
  const int name_pad = seal ? right + std::max(0, static_cast<int>((wd - wn) / 2 + 0.5)) : right;
  const size_t name_line = out.lines.size();
  out.lines.push_back({"", s.name + spaces(name_pad), "", st});
  out.lines.push_back({"", s.date + spaces(right), "", st});
  if (seal) {
    const double em = st ? st->paragraph.size : 16;
    out.pictures.push_back({s.seal, s.seal_width, s.seal_height, name_line, (right + wd / 2) * em, -0.4 * em});
  }
}

void banji(const BoundBanji& b, OfficialRows& out) {
  const Style* st = b.spec->style;
  const double thick = b.spec->thick, thin = b.spec->thin;
  if (!b.copy_to.empty()) out.lines.push_back({kIdeoSpace + b.spec->copy_label + b.copy_to + kIdeoSpace, "", "", st, thick, thin});
  SheetLine printed{kIdeoSpace + b.printed_by, b.printed_on + b.spec->printed_suffix + kIdeoSpace, "", st, 0, thick};
  if (b.copy_to.empty()) printed.rule_above = thick;
  out.lines.push_back(std::move(printed));
}

void masthead(const BoundMasthead& m, OfficialRows& out) {
  const MastheadBlock& s = *m.spec;
  for (const std::string* t : {&m.copy_no, &m.secrecy, &m.urgency})
    if (!t->empty()) out.lines.push_back({*t, "", "", t == &m.copy_no ? s.number_style : s.note_style});
  if (m.mark.empty()) return;
  out.lines.push_back({"", "", m.mark, s.mark_style});
  SheetLine number{"", "", m.number, s.number_style, 0, s.rule_thickness, s.rule_color};
  out.lines.push_back(std::move(number));
}

}  // namespace

double text_ems(const std::string& text) {
  double w = 0;
  for (size_t pos = 0; pos < text.size();) w += utf8::next(text, pos) >= 0x2E80 ? 1.0 : 0.5;
  return w;
}

OfficialRows official_rows(const BoundBlock& block, const Style& fallback) {
  OfficialRows out;
  if (auto* a = std::get_if<BoundAttachments>(&block)) attachments(*a, out);
  else if (auto* s = std::get_if<BoundSignature>(&block)) signature(*s, out);
  else if (auto* b = std::get_if<BoundBanji>(&block)) banji(*b, out);
  else if (auto* m = std::get_if<BoundMasthead>(&block)) masthead(*m, out);
  else if (auto* img = std::get_if<BoundImage>(&block); img && img->image) {
    SheetLine line{"", "", "", &fallback};
    line.height = img->height;
    out.lines.push_back(line);
    const Align align = img->spec->align;
    const double from_right = align == Align::Right ? img->width / 2 : align == Align::Left ? -img->width / 2 : 0;
    out.pictures.push_back({img->image, img->width, img->height, 0, from_right, -img->height / 2});
  } else if (auto* rule = std::get_if<BoundRule>(&block)) {
    const RuleBlock* r = rule->spec;
    SheetLine line{"", "", "", &fallback, 0, r->thickness, r->color};
    line.height = std::max(1.0, r->space_before);
    out.lines.push_back(line);
    if (r->space_after > 0) out.lines.push_back({"", "", "", &fallback, 0, 0, {}, r->space_after});
  }
  for (SheetLine& l : out.lines)
    if (!l.style) l.style = &fallback;
  return out;
}

}  // namespace gongwen::xlsx
