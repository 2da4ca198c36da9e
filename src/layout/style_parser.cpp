// [styles.NAME]: named text styles, each resolved after the one it is based_on, every value
// located and in its range (layout/limits.hpp).
#include <set>

#include "core/units.hpp"
#include "layout/limits.hpp"
#include "layout/parser_base.hpp"

namespace gongwen {

void ParserBase::parse_styles(TomlReader r) {
  // Styles may be based on others declared anywhere in the table: resolve in dependency order.
  std::vector<std::string> names;
  for (const auto& [k, v] : r.raw()) names.emplace_back(k.str());
  std::set<std::string> resolving;
  for (const auto& n : names) resolve_style(r, n, resolving);
  for (const auto& n : names) r.node(n);
  r.finish({});
}

const Style* ParserBase::resolve_style(TomlReader& parent, const std::string& name, std::set<std::string>& resolving) {
  if (auto it = layout_->styles.find(name); it != layout_->styles.end()) return it->second.get();
  auto sub = parent.table(name);
  if (!sub) parent.fail(nullptr, "styles: no style '" + name + "'");
  if (!resolving.insert(name).second) sub->fail(nullptr, sub->path() + ": based_on forms a cycle");
  TomlReader& r = *sub;
  auto style = std::make_unique<Style>();
  if (auto base = r.string("based_on")) {
    if (parent.has(*base)) *style = *resolve_style(parent, *base, resolving);
    else if (auto it = preset_styles_.find(*base); it != preset_styles_.end()) *style = *it->second;
    else r.fail_key("based_on", "unknown style '" + *base + "'");
  } else if (auto it = preset_styles_.find(name); it != preset_styles_.end()) {
    *style = *it->second;  // [styles.body] under a preset changes the preset's body
  } else {
    style->family = fonts_.canonical("宋体");
    style->paragraph.size = 12;
  }
  style->name = name;
  if (auto f = r.string("font")) {
    if (!fonts_.has_family(*f)) {
      std::string known;
      for (const auto& k : fonts_.families()) known += (known.empty() ? "" : ", ") + k;
      r.fail_key("font", "unknown font family '" + *f + "' (font map has: " + known + ")");
    }
    style->family = fonts_.canonical(*f);
  }
  if (auto w = r.string("weight")) {
    if (*w == "bold") style->weight = Weight::Bold;
    else if (*w == "regular" || *w == "normal") style->weight = Weight::Regular;
    else r.fail_key("weight", "expected \"regular\" or \"bold\"");
  }
  parse_style_metrics(r, *style);
  parse_style_settings(r, *style);
  r.finish({"based_on", "font", "weight", "size", "color", "align", "valign", "indent", "hanging_indent",
            "line_pitch", "letter_spacing", "cjk_latin_space", "punctuation", "line_start_bracket", "orphan_control",
            "glue_number_unit", "space_before", "space_after", "keep_with_next", "widow_control", "balance"});
  style->paragraph.fonts = &fonts_.chain(style->family, style->weight);
  resolving.erase(name);
  const Style* out = style.get();
  layout_->styles[name] = std::move(style);
  return out;
}

/// color, align, valign, the punctuation and line-breaking switches, spacing and keeps.
void ParserBase::parse_style_settings(TomlReader& r, Style& style) {
  ParagraphStyle& ps = style.paragraph;
  const double em = ps.size;
  if (r.has("color")) ps.color = color(r, "color");
  if (auto a = r.string("align")) {
    if (*a == "justify") ps.align = Align::Justify;
    else if (*a == "left") ps.align = Align::Left;
    else if (*a == "center") ps.align = Align::Center;
    else if (*a == "right") ps.align = Align::Right;
    else r.fail_key("align", "expected justify, left, center or right");
  }
  if (auto a = r.string("valign")) {
    if (*a == "top") style.valign = VAlign::Top;
    else if (*a == "middle") style.valign = VAlign::Middle;
    else if (*a == "bottom") style.valign = VAlign::Bottom;
    else r.fail_key("valign", "expected top, middle or bottom");
  }
  const PageSpec& page = layout_->page;
  if (auto v = r.boolean("cjk_latin_space")) ps.cjk_latin_space = *v;
  if (auto v = r.string("punctuation")) {
    if (*v == "standard") ps.punctuation = PunctuationStyle::Standard;
    else if (*v == "compress") ps.punctuation = PunctuationStyle::Compress;
    else if (*v == "full_width") ps.punctuation = PunctuationStyle::FullWidth;
    else r.fail_key("punctuation", "expected \"standard\", \"compress\" or \"full_width\"");
  }
  if (auto v = r.string("line_start_bracket")) {
    if (*v == "full") ps.line_start_half = false;
    else if (*v == "half") ps.line_start_half = true;
    else r.fail_key("line_start_bracket", "expected \"full\" or \"half\"");
  }
  if (auto v = r.boolean("orphan_control")) ps.orphan_control = *v;
  if (auto v = r.boolean("glue_number_unit")) ps.breaks.glue_number_unit = *v;
  if (auto v = opt_length(r, "space_before", {0, page.type_height()}, em, "pt")) style.space_before = *v;
  if (auto v = opt_length(r, "space_after", {0, page.type_height()}, em, "pt")) style.space_after = *v;
  if (auto v = r.boolean("keep_with_next")) style.keep_with_next = *v;
  if (auto v = r.boolean("widow_control")) style.widow_control = *v;
  if (auto v = r.boolean("balance")) style.balance = *v;
}

/// size, indent, hanging_indent, line_pitch and letter_spacing: each in its range, and one
/// line no taller than the type area.
void ParserBase::parse_style_metrics(TomlReader& r, Style& style) {
  ParagraphStyle& ps = style.paragraph;
  if (const toml::node* n = r.node("size")) {
    std::optional<double> v;
    if (n->is_number()) v = *n->value<double>();
    else if (n->is_string()) v = parse_font_size(*n->value<std::string>());
    if (!v)
      r.fail(n, r.key_path("size") + ": expected a font size such as 16, \"16pt\", \"5.6mm\" or a 字号 (\"三号\", \"小四\")");
    check_range(r, n, r.key_path("size"), *v, {limits::kMinFontPt, limits::kMaxFontPt}, "pt");
    ps.size = *v;
  }
  const double em = ps.size;
  const PageSpec& page = layout_->page;
  if (auto v = opt_length(r, "indent", {0, page.type_width()}, em, "em")) ps.first_indent = *v;
  if (auto v = opt_length(r, "hanging_indent", {0, page.type_width()}, em, "em")) ps.hanging_indent = *v;
  if (const toml::node* n = r.node("line_pitch")) {
    if (n->is_number()) {
      const double m = *n->value<double>();
      check_range(r, n, r.key_path("line_pitch"), m, {limits::kMinPitchEm, limits::kMaxPitchEm}, "× the size");
      style.pitch_multiple = m;
      style.pitch_absolute = 0;
    } else {
      style.pitch_absolute = length(r, "line_pitch", {limits::kMinPitchEm * em, limits::kMaxPitchEm * em}, em, "pt");
    }
  }
  ps.line_pitch = style.pitch_absolute > 0 ? style.pitch_absolute : style.pitch_multiple * em;
  if (ps.line_pitch > page.type_height()) {
    // Blame the key that made the line too tall: the pitch when given here, else the size.
    const std::string_view key = r.has("line_pitch") ? "line_pitch" : r.has("size") ? "size" : "based_on";
    r.fail(r.has(key) ? r.raw().get(key) : nullptr,
           r.key_path(key) + ": a line of this style (" + std::to_string(std::lround(ps.line_pitch)) +
               " pt) is taller than the type area (" + std::to_string(std::lround(page.type_height())) + " pt)");
  }
  if (auto v = opt_length(r, "letter_spacing", {limits::kMinSpacingEm * em, limits::kMaxSpacingEm * em}, em, "pt"))
    ps.letter_spacing = *v;
}

void ParserBase::ensure_default_style() {
  if (layout_->styles.count("default")) return;
  auto s = std::make_unique<Style>();
  s->name = "default";
  s->family = fonts_.canonical("宋体");
  s->paragraph.size = 12;
  s->paragraph.fonts = &fonts_.chain(s->family);
  s->paragraph.line_pitch = s->pitch_multiple * s->paragraph.size;
  layout_->styles["default"] = std::move(s);
}

}  // namespace gongwen
