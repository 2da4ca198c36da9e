#pragma once
// What the layout parser's parts share: the file, the font book, the layout being built and the
// located value readers. layout_parser.cpp parses the general format, gbt9704_preset.cpp the
// GB/T 9704-2012 preset, official_blocks.cpp the official-document blocks, style_parser.cpp the
// [styles] and table_parser.cpp the tables and sign-off lines.
#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "layout/layout.hpp"
#include "layout/toml_reader.hpp"

namespace gongwen {

/// The text a template prints of its own: literal parts and the quoted arguments of filters that
/// print them (choose, default, numbered, join …), not those that compare (equals, checkbox).
std::string printed_layout_text(const Template& t);

class ParserBase {
 public:
  ParserBase(const std::filesystem::path& file, const FontBook& fonts) : file_(file), fonts_(fonts) {}

 protected:
  // ---- values -------------------------------------------------------------------------------
  /// Inclusive bounds of a value, in pt for lengths (layout/limits.hpp, docs/limits.md).
  struct Range {
    double lo, hi;
  };
  /// A length: "12pt", "5mm", "2em" (em of `em_pt`), or a bare number meaning `bare_unit`;
  /// finite and within `range` (pt), else a located error naming the key.
  double length(TomlReader& r, std::string_view key, Range range, double em_pt = 0, std::string_view bare_unit = "mm") {
    return length_of(r, r.node(key), r.key_path(key), range, em_pt, bare_unit);
  }
  /// The same for node `n` (an array element, say), named `what` in messages.
  double length_of(const TomlReader& r, const toml::node* n, const std::string& what, Range range, double em_pt = 0,
                   std::string_view bare_unit = "mm") {
    std::optional<double> v;
    if (n && n->is_number()) {
      if (auto unit = parse_length_pt("1" + std::string(bare_unit), em_pt)) v = *n->value<double>() * *unit;
    } else if (n && n->is_string()) {
      v = parse_length_pt(*n->value<std::string>(), em_pt);
    }
    if (!v) r.fail(n, what + ": expected a length such as \"12pt\", \"5mm\"" + (em_pt > 0 ? ", \"2em\"" : "") +
                          " or a number of " + std::string(bare_unit));
    check_range(r, n, what, *v, range, "pt");
    return *v;
  }
  std::optional<double> opt_length(TomlReader& r, std::string_view key, Range range, double em_pt = 0,
                                   std::string_view bare = "mm") {
    if (!r.has(key)) return std::nullopt;
    return length(r, key, range, em_pt, bare);
  }
  /// Fails at `n` unless `v` is finite and within `range`.
  static void check_range(const TomlReader& r, const toml::node* n, const std::string& what, double v, Range range,
                          std::string_view unit);
  /// An integer within [lo, hi], or nullopt when absent.
  static std::optional<int64_t> opt_count(TomlReader& r, std::string_view key, int64_t lo, int64_t hi, const std::string& what);

  Color color(TomlReader& r, std::string_view key) {
    std::string s = *r.string(key);
    unsigned v = 0;
    bool ok = s.size() == 7 && s[0] == '#';
    if (ok) {
      auto [p, ec] = std::from_chars(s.data() + 1, s.data() + 7, v, 16);
      ok = ec == std::errc() && p == s.data() + 7;
    }
    if (!ok) r.fail_key(key, "expected a colour \"#RRGGBB\", got \"" + s + "\"");
    return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
  }

  Template parse_template(TomlReader& r, std::string_view key, const std::string& text) {
    try {
      Template t = Template::parse(text);
      for (auto& f : t.list_fields()) note_list_field(f);
      return t;
    } catch (const TemplateParseError& e) {
      const toml::node* n = r.raw().get(key);
      const auto& src = n ? n->source() : r.raw().source();
      // +1 for the opening quote; exact for single-line strings without escapes.
      throw Error(ErrorKind::Layout, at(file_.string(), static_cast<int>(src.begin.line),
                                        static_cast<int>(src.begin.column + 1 + e.offset),
                                        r.key_path(key) + ": " + e.what()));
    }
  }
  std::optional<Template> opt_template(TomlReader& r, std::string_view key) {
    auto s = r.string(key);
    if (!s) return std::nullopt;
    return parse_template(r, key, *s);
  }
  /// A template that must be there.
  Template required_template(TomlReader& r, std::string_view key, const std::string& what) {
    auto s = r.string(key);
    if (!s) r.fail(nullptr, r.path() + ": " + what + " needs " + std::string(key) + " = \"...\"");
    return parse_template(r, key, *s);
  }

  void note_list_field(const std::string& path) {
    if (path.starts_with("item.")) return;  // an item of a for_each list, not a field
    auto& l = layout_->list_fields;
    if (std::find(l.begin(), l.end(), path) == l.end()) l.push_back(path);
  }

  /// A template that is one field alone gives one paragraph per item of a list: such a field
  /// given as text with line breaks is read as its lines (one line stays text).
  void note_paragraph_list(const Template& t) {
    const std::string& src = t.source();
    if (t.fields().size() != 1 || !src.starts_with("{{") || !src.ends_with("}}")) return;
    const std::string f = t.fields()[0];
    auto& l = layout_->paragraph_fields;
    if (!f.starts_with("item.") && !f.starts_with("document.") && std::find(l.begin(), l.end(), f) == l.end()) l.push_back(f);
  }

  const Style* style_ref(TomlReader& r, std::string_view key, const Style* fallback) {
    auto name = r.string(key);
    if (!name) return fallback;
    auto it = layout_->styles.find(*name);
    if (it == layout_->styles.end()) {
      std::string known;
      for (const auto& [k, v] : layout_->styles) known += (known.empty() ? "" : ", ") + k;
      r.fail_key(key, "unknown style '" + *name + "' (defined: " + known + ")");
    }
    return it->second.get();
  }
  /// A style by name when the layout has it (preset styles), else `fallback`.
  const Style* named_style(std::string_view name, const Style* fallback) const {
    auto it = layout_->styles.find(name);
    return it == layout_->styles.end() ? fallback : it->second.get();
  }
  const Style* default_style() const { return layout_->styles.at("default").get(); }

  // ---- styles (style_parser.cpp) --------------------------------------------------------------
  /// [styles]: every NAME, each after the style it is based_on (cycles are errors).
  void parse_styles(TomlReader r);
  const Style* resolve_style(TomlReader& parent, const std::string& name, std::set<std::string>& resolving);
  /// size, indent, hanging_indent, line_pitch and letter_spacing, each in its range.
  void parse_style_metrics(TomlReader& r, Style& style);
  /// color, align, valign, punctuation and breaking switches, spacing, keeps.
  void parse_style_settings(TomlReader& r, Style& style);
  /// The `default` style (宋体 12 pt) unless the layout or the preset has one.
  void ensure_default_style();

  // ---- tables and sign-off lines (table_parser.cpp) ------------------------------------------
  TableBlock parse_table(TomlReader& r);
  SignoffBlock parse_signoff(TomlReader& r);
  /// Every row at its smallest must fit the type area under the repeated header rows.
  void check_rows_fit(std::vector<TomlReader>& rows, const TableBlock& t);
  /// columns = ["30mm", "1fr", …], each in its range.
  void parse_columns(TomlReader& r, TableBlock& t);
  RowSpec parse_row(TomlReader& r, const TableBlock& t, const Style* label, const Style* value);
  /// group_by / subtotal / aggregate cells, checked against the rows above.
  void link_aggregates(TomlReader& r, RowSpec& row, const TableBlock& t);
  void fill_cell(CellSpec& cell, TomlReader& cr, const Style* label, const Style* value, const Style* fixed_style);
  /// A cell's `when` and its picture (`image`, `image_width`, `image_height`, `image_behind`).
  void fill_cell_extras(CellSpec& cell, TomlReader& cr);

  // ---- the GB/T 9704-2012 preset (gbt9704_preset.cpp) -----------------------------------------
  /// A4, margins 37/35/28/26 mm, and with `grid` the 22 × 28 grid.
  void apply_gbt9704_page(bool grid);
  /// The preset's named styles (title, body, h1..h4, …), built on the final page and grid.
  void make_gbt9704_styles();
  /// Page numbers "— 1 —", 四号宋体, 7 mm below the type area, outside.
  void apply_gbt9704_furniture();
  /// Every style's pitch rounded up to whole grid lines (when the page has a grid).
  void snap_styles_to_grid();

  // ---- official-document blocks (official_blocks.cpp) ------------------------------------------
  /// Parses image, rule, attachments, signature and banji blocks; nullopt for other types.
  std::optional<Block> parse_official_block(TomlReader& r, const std::string& type);
  ImageBlock parse_image_block(TomlReader& r);
  RuleBlock parse_rule_block(TomlReader& r);
  AttachmentBlock parse_attachments_block(TomlReader& r);
  SignatureBlock parse_signature_block(TomlReader& r);
  BanjiBlock parse_banji_block(TomlReader& r);
  MastheadBlock parse_masthead_block(TomlReader& r);
  /// headings = "auto" on a paragraph block.
  HeadingStyles parse_headings(TomlReader& r);
  /// Fails at `key` when a character of the layout's own text in `t` (its literal parts and the
  /// text its filters print) is covered by no face of `style`'s fonts (layout/text_coverage.cpp).
  /// `line`/`column` (> 0) locate the value when `r` is a table made up by the parser.
  void check_layout_text(TomlReader& r, std::string_view key, const Template& t, const Style* style, int line = 0,
                         int column = 0);
  /// The same for a plain string of the layout printed in `style` (a label such as 附件：).
  void check_layout_string(TomlReader& r, std::string_view key, const std::string& text, const Style* style);
  /// The same for every template and plain string of an official block, each at its key.
  void check_official_text(TomlReader& r, const Block& b);
  /// A cell's `image` without fields, relative to the layout file.
  std::shared_ptr<const ImageData> load_cell_image(TomlReader& r) { return load_image(r, "image"); }

  const std::filesystem::path& file_;
  const FontBook& fonts_;
  Layout* layout_ = nullptr;
  bool gbt9704_ = false;
  /// Preset styles; a [styles.NAME] of the same name starts from these settings.
  std::map<std::string, std::unique_ptr<Style>, std::less<>> preset_styles_;

 private:
  std::shared_ptr<const ImageData> load_image(TomlReader& r, std::string_view key);
  void image_size(TomlReader& r, const ImageData& img, double& w, double& h, std::string_view wkey, std::string_view hkey,
                  double default_w);
  /// The sizes given for a picture read per record (pt, 0 = not given), within the type area.
  void given_sizes(TomlReader& r, double& w, double& h, std::string_view wkey, std::string_view hkey);
};

}  // namespace gongwen
