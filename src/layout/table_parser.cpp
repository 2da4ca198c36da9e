// type = "table" (columns, rows, cells, spans, for_each, groups and aggregates) and
// type = "signoff" blocks of a layout file.
#include <charconv>
#include <cmath>

#include "core/units.hpp"
#include "layout/limits.hpp"
#include "layout/parser_base.hpp"
#include "layout/table_grid.hpp"

namespace gongwen {

TableBlock ParserBase::parse_table(TomlReader& r) {
  TableBlock t;
  t.caption = opt_template(r, "caption");
  t.caption_style = style_ref(r, "caption_style", default_style());
  if (t.caption) check_layout_text(r, "caption", *t.caption, t.caption_style);
  const Style* label = style_ref(r, "label_style", default_style());
  const Style* value = style_ref(r, "value_style", default_style());
  parse_columns(r, t);
  if (auto v = opt_length(r, "border", {0, limits::kMaxBorderPt}, 0, "pt")) t.border_outer = *v;
  if (auto v = opt_length(r, "inner_border", {0, limits::kMaxBorderPt}, 0, "pt")) t.border_inner = *v;
  if (r.has("border_color")) t.border_color = color(r, "border_color");
  if (const toml::node* n = r.node("padding")) {
    const double em = value->paragraph.size;
    if (const toml::array* a = n->as_array()) {
      if (a->size() != 2) r.fail(n, r.key_path("padding") + ": expected [vertical, horizontal]");
      t.pad_top = t.pad_bottom = length_of(r, &(*a)[0], r.key_path("padding") + "[0]", {0, limits::kMaxPaddingPt}, em);
      t.pad_left = t.pad_right = length_of(r, &(*a)[1], r.key_path("padding") + "[1]", {0, limits::kMaxPaddingPt}, em);
    } else {
      t.pad_top = t.pad_bottom = t.pad_left = t.pad_right = length(r, "padding", {0, limits::kMaxPaddingPt}, em);
    }
  }
  t.continued_mark = r.string("continued").value_or(t.continued_mark);
  if (auto v = opt_length(r, "space_after", {0, layout_->page.type_height()}, 0, "pt")) t.space_after = *v;
  auto rows = r.tables("rows");
  if (rows.empty()) r.fail(nullptr, r.path() + ": a table needs [[" + r.key_path("rows") + "]]");
  for (auto& row : rows) t.rows.push_back(parse_row(row, t, label, value));
  check_rows_fit(rows, t);
  resolve_table_grid(t, file_);
  r.finish({"type", "caption", "caption_style", "label_style", "value_style", "columns", "border", "inner_border",
            "border_color", "padding", "continued", "space_after", "rows"});
  return t;
}

/// Every row, at its smallest (one line of its tallest style, or min_height), must fit in the
/// type area under the header rows repeated above it, the first rows under the caption's first
/// line too: pagination could not place them otherwise.
void ParserBase::check_rows_fit(std::vector<TomlReader>& rows, const TableBlock& t) {
  const double room = layout_->page.type_height();
  const double caption = t.caption ? t.caption_style->paragraph.pitch() : 0;
  double header = 0;
  bool leading = true;  // still in the rows that start the table with the caption
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const RowSpec& row = t.rows[i];
    double h = row.min_height;
    for (const CellSpec& c : row.cells) h = std::max(h, c.style->paragraph.pitch() + t.pad_top + t.pad_bottom);
    const double above = header + (leading ? caption : 0);
    if (above + h > room + 0.01)
      rows[i].fail(nullptr, rows[i].path() + ": this row needs at least " + std::to_string(std::lround(h)) + " pt" +
                                (above > 0 ? " below " + std::to_string(std::lround(above)) + " pt of caption and header rows" : "") +
                                ", more than the type area's height (" + std::to_string(std::lround(room)) + " pt)");
    if (row.header && leading) header += h;  // pagination repeats the leading header rows
    else leading = false;
  }
}

/// columns = ["30mm", "1fr", …]: at most kMaxTableColumns, each at least kMinColumnPt wide once
/// the fractions share out what the fixed widths leave of the type width.
void ParserBase::parse_columns(TomlReader& r, TableBlock& t) {
  const toml::node* cols = r.node("columns");
  const std::string key = r.key_path("columns");
  if (!cols || !cols->is_array() || cols->as_array()->empty())
    r.fail(cols, key + ": expected a list of widths such as [\"30mm\", \"1fr\"]");
  const toml::array& list = *cols->as_array();
  if (list.size() > limits::kMaxTableColumns)
    r.fail(cols, key + ": " + std::to_string(list.size()) + " columns; a table has at most " +
                     std::to_string(limits::kMaxTableColumns));
  const double width = layout_->page.type_width();
  double fixed = 0, fractions = 0;
  for (const auto& c : list) {
    Column col;
    const std::string s = c.is_string() ? *c.value<std::string>() : "";
    if (c.is_number()) {
      col.fixed = mm_to_pt(*c.value<double>());
    } else if (s.size() > 2 && s.ends_with("fr")) {
      const std::string_view num(s.data(), s.size() - 2);
      auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), col.fraction);
      if (ec != std::errc() || p != num.data() + num.size()) r.fail(&c, key + ": bad fraction '" + s + "'");
    } else if (auto v = parse_length_pt(s)) {
      col.fixed = *v;
    } else {
      r.fail(&c, key + ": expected a width (\"30mm\", \"80pt\") or a fraction (\"1fr\"), got '" + s + "'");
    }
    if (col.fraction != 0) check_range(r, &c, key, col.fraction, {limits::kMinFraction, limits::kMaxFraction}, "fr");
    else check_range(r, &c, key, col.fixed, {limits::kMinColumnPt, width}, "pt");
    fixed += col.fixed;
    fractions += col.fraction;
    t.columns.push_back(col);
  }
  if (fixed > width + 0.01)
    r.fail(cols, key + ": the fixed widths add up to " + std::to_string(std::lround(pt_to_mm(fixed))) +
                     " mm, more than the type width (" + std::to_string(std::lround(pt_to_mm(width))) + " mm)");
  for (size_t i = 0; i < list.size(); ++i)
    if (t.columns[i].fraction > 0 && (width - fixed) * t.columns[i].fraction / fractions < limits::kMinColumnPt - 1e-9)
      r.fail(&list[i], key + ": column " + std::to_string(i + 1) + " would be narrower than 1 mm (the fractions share " +
                           std::to_string(std::lround(pt_to_mm(width - fixed))) + " mm)");
}

RowSpec ParserBase::parse_row(TomlReader& r, const TableBlock& t, const Style* label, const Style* value) {
  RowSpec row;
  row.header = r.boolean("header").value_or(false);
  row.omit_if_empty = r.boolean("omit_if_empty").value_or(false);
  row.when = opt_template(r, "when");
  row.for_each = opt_template(r, "for_each");
  if (row.for_each && row.for_each->fields().size() != 1)
    r.fail_key("for_each", "expected one list field, such as \"{{indicators}}\"");
  if (row.for_each) note_list_field(row.for_each->fields()[0]);
  if (const toml::node* m = r.node("merge")) {
    const toml::array* a = m->as_array();
    if (!a) r.fail(m, r.key_path("merge") + ": expected a list of column numbers (1-based)");
    for (const auto& v : *a) {
      auto i = v.value<int64_t>();
      if (!i || *i < 1 || *i > static_cast<int64_t>(t.columns.size()))
        r.fail(&v, r.key_path("merge") + ": column numbers run from 1 to " + std::to_string(t.columns.size()));
      row.merge_columns.push_back(static_cast<int>(*i - 1));
    }
  }
  if (auto v = opt_length(r, "min_height", {0, layout_->page.type_height()}, 0, "mm")) row.min_height = *v;
  const toml::node* cells = r.node("cells");
  if (!cells || !cells->is_array()) r.fail(cells, r.path() + ": needs cells = [ ... ]");
  row.key_path = r.path();
  row.line = static_cast<int>(cells->source().begin.line);
  row.column = static_cast<int>(cells->source().begin.column);
  // Header cells are labels whatever their text (a templated column head included).
  const Style* fixed_style = row.header ? label : nullptr;
  size_t i = 0;
  for (const auto& c : *cells->as_array()) {
    CellSpec cell;
    cell.key_path = r.key_path("cells") + "[" + std::to_string(i++) + "]";
    cell.line = static_cast<int>(c.source().begin.line);
    cell.column = static_cast<int>(c.source().begin.column);
    if (c.is_string()) {
      toml::table tt;
      tt.insert("text", c);
      TomlReader cr(file_, tt, cell.key_path);
      fill_cell(cell, cr, label, value, fixed_style);
    } else if (const toml::table* ct = c.as_table()) {
      TomlReader cr(file_, *ct, cell.key_path);
      fill_cell(cell, cr, label, value, fixed_style);
      fill_cell_extras(cell, cr);
      cr.finish({"text", "style", "colspan", "rowspan", "when", "image", "image_width", "image_height", "image_behind"});
    } else {
      r.fail(&c, cell.key_path + ": expected a string or { text = ..., style = ... }");
    }
    row.cells.push_back(std::move(cell));
  }
  link_aggregates(r, row, t);
  r.finish({"header", "omit_if_empty", "when", "for_each", "merge", "min_height", "cells", "group_by", "subtotal"});
  return row;
}

/// group_by / subtotal / aggregate cells: checked against the rows above.
void ParserBase::link_aggregates(TomlReader& r, RowSpec& row, const TableBlock& t) {
  row.group_by = opt_template(r, "group_by");
  row.subtotal = r.boolean("subtotal").value_or(false);
  if (row.group_by && !row.for_each) r.fail_key("group_by", "group_by needs for_each in the same row");
  bool aggregates = false;
  for (const CellSpec& c : row.cells)
    for (const auto& f : c.text.fields()) aggregates = aggregates || f.find('(') != std::string::npos;
  int source = -1;
  for (int i = static_cast<int>(t.rows.size()) - 1; i >= 0 && source < 0; --i)
    if (t.rows[static_cast<size_t>(i)].for_each) source = i;
  if (row.subtotal) {
    const bool after = !t.rows.empty() && (t.rows.back().subtotal || t.rows.back().for_each);
    if (!after || source < 0 || !t.rows[static_cast<size_t>(source)].group_by)
      r.fail_key("subtotal", "a subtotal row follows a for_each row with group_by (or another subtotal row)");
  }
  if (!aggregates && !row.subtotal) return;
  if (row.for_each) r.fail_key("cells", "sum(), count(), avg(), min() and max() go in the rows after a for_each row, not in it");
  if (source < 0) r.fail_key("cells", "sum(), count(), avg(), min() and max() need a for_each row above them in the table");
  row.aggregate_of = source;
}

void ParserBase::fill_cell(CellSpec& cell, TomlReader& cr, const Style* label, const Style* value, const Style* fixed_style) {
  auto text = cr.string("text").value_or("");
  cell.text = parse_template(cr, "text", text);
  cell.is_label = cell.text.is_static();
  cell.style = style_ref(cr, "style", fixed_style ? fixed_style : cell.is_label ? label : value);
  check_layout_text(cr, "text", cell.text, cell.style, cell.line, cell.column);
  // Checked before narrowing to int, so 2^32 + 1 is not taken for 1.
  cell.colspan = static_cast<int>(opt_count(cr, "colspan", 1, 64, "a number of columns").value_or(1));
  cell.rowspan = static_cast<int>(opt_count(cr, "rowspan", 1, 1000, "a number of rows").value_or(1));
}

/// A cell's `when` and its picture (`image`, fitted into `image_width` × `image_height`).
void ParserBase::fill_cell_extras(CellSpec& cell, TomlReader& cr) {
  cell.when = opt_template(cr, "when");
  if (cell.when) cell.is_label = false;  // its content depends on the record
  const PageSpec& page = layout_->page;
  if (auto v = opt_length(cr, "image_width", {0.1, page.type_width()})) cell.image_width = *v;
  if (auto v = opt_length(cr, "image_height", {0.1, page.type_height()})) cell.image_height = *v;
  cell.image_behind = cr.boolean("image_behind").value_or(false);
  const bool sized = cr.has("image_width") || cr.has("image_height") || cr.has("image_behind");
  if (!cr.has("image")) {
    if (sized) cr.fail(nullptr, cell.key_path + ": image_width, image_height and image_behind need image = \"…\"");
    return;
  }
  cell.image = opt_template(cr, "image");
  cell.is_label = false;  // never repeated with the continuation mark
  if (cell.image->is_static()) {
    cell.static_image = load_cell_image(cr);  // read with the layout: a mistake is the layout's
    cell.image.reset();
  }
}

SignoffBlock ParserBase::parse_signoff(TomlReader& r) {
  SignoffBlock s;
  s.style = style_ref(r, "style", default_style());
  const double em = s.style->paragraph.size;
  s.columns = static_cast<int>(opt_count(r, "columns", 1, 4, "a number of entries per row").value_or(2));
  const PageSpec& page = layout_->page;
  if (auto v = opt_length(r, "space_before", {0, page.type_height()}, em)) s.space_before = *v;
  if (auto v = opt_length(r, "line_gap", {0, page.type_height()}, em)) s.line_gap = *v;
  if (auto v = opt_length(r, "blank_width", {0, page.type_width()}, em)) s.blank_width = *v;
  auto entries = r.tables("entries");
  if (entries.empty()) r.fail(nullptr, r.path() + ": a signoff block needs [[" + r.key_path("entries") + "]]");
  for (auto& e : entries) {
    SignoffBlock::Entry entry{parse_template(e, "label", e.string("label").value_or("")),
                              parse_template(e, "value", e.string("value").value_or(""))};
    check_layout_text(e, "label", entry.label, s.style);
    check_layout_text(e, "value", entry.value, s.style);
    e.finish({"label", "value"});
    s.entries.push_back(std::move(entry));
  }
  r.finish({"type", "style", "columns", "space_before", "line_gap", "blank_width", "entries"});
  return s;
}

}  // namespace gongwen
