#include "xlsx/record_plan.hpp"

#include <algorithm>
#include <deque>
#include <tuple>
#include <numeric>

#include "core/error.hpp"
#include "flow/measure.hpp"
#include "xlsx/cell_text.hpp"
#include "xlsx/excel_units.hpp"
#include "xlsx/formula.hpp"

namespace gongwen::xlsx {

namespace {

/// Sheet columns: the union of every table's column edges (tables of one record may differ),
/// so each table cell becomes a range of whole sheet columns.
struct ColumnGrid {
  std::vector<double> edges;  ///< pt from the type area's left

  ColumnGrid(const BoundRecord& record, double width) {
    edges = {0, width};
    for (const BoundBlock& b : record.blocks)
      if (const auto* t = std::get_if<BoundTable>(&b)) {
        const auto e = column_edges(*t->spec, width);
        edges.insert(edges.end(), e.begin(), e.end());
      }
    std::sort(edges.begin(), edges.end());
    // Edges closer than a pixel are the same edge.
    std::vector<double> merged;
    for (double x : edges)
      if (merged.empty() || x - merged.back() > 0.75) merged.push_back(x);
    edges = merged;
    if (edges.size() < 2) edges.push_back(edges.front() + width);
  }
  uint32_t index_of(double x) const {
    size_t best = 0;
    for (size_t i = 1; i < edges.size(); ++i)
      if (std::abs(edges[i] - x) < std::abs(edges[best] - x)) best = i;
    return static_cast<uint32_t>(best);
  }
  uint32_t columns() const { return static_cast<uint32_t>(edges.size() - 1); }
};

/// A cell's text prepared for Excel and measured at its width.
struct Prepared {
  const BoundCell* cell = nullptr;
  Style xstyle;
  std::vector<std::string> paragraphs;
  uint32_t c0 = 0, c1 = 0;  ///< sheet columns
  double need = 0;          ///< pt, unclamped
  std::vector<std::vector<std::string>> pieces;  ///< when taller than a row can be
  double image_w = 0, image_h = 0;  ///< the cell's picture fitted into it, pt
};

/// A cell's picture waiting for its rows' final heights.
struct PendingImage {
  const Prepared* cell = nullptr;
  uint32_t r0 = 0, r1 = 0;
};

class Planner {
 public:
  Planner(const Layout& layout, const FontBook& fonts, const BoundRecord& record, const std::string& data_name)
      : layout_(layout), fonts_(fonts), origin_{data_name, record.index}, grid_(record, layout.page.type_width()) {
    for (uint32_t c = 0; c < grid_.columns(); ++c) {
      const double w = column_width_from_pt(grid_.edges[c + 1] - grid_.edges[c]);
      plan_.col_width.push_back(w);
      plan_.col_pt.push_back(column_pt_from_width(w));
    }
  }

  SheetPlan run(const BoundRecord& record) {
    for (size_t i = 0; i < record.blocks.size(); ++i) {
      const BoundBlock& b = record.blocks[i];
      const bool last = i + 1 == record.blocks.size();
      if (const auto* t = std::get_if<BoundTable>(&b)) {
        table(*t);
        if (!last && t->spec->space_after > 0) add_row(t->spec->space_after);
      } else if (const auto* p = std::get_if<BoundParagraphs>(&b)) {
        text_rows(p->texts, *p->style, p->field);
      } else if (const auto* s = std::get_if<BoundSignoff>(&b)) {
        signoff(*s);
      } else if (const auto* sp = std::get_if<BoundSpacer>(&b)) {
        const double grid = layout_.page.grid_pitch();
        const double h = sp->height + sp->lines * (grid > 0 ? grid : layout_default()->paragraph.pitch());
        if (h > 0) add_row(h);
      } else {
        official(official_rows(b, *layout_default()));
      }
    }
    return std::move(plan_);
  }

 private:
  double span_pt(uint32_t c0, uint32_t c1) const {
    return std::accumulate(plan_.col_pt.begin() + c0, plan_.col_pt.begin() + c1 + 1, 0.0);
  }
  uint32_t add_row(double pt) {
    plan_.row_pt.push_back(std::clamp(pt, 0.75, kMaxRowHeight));
    return static_cast<uint32_t>(plan_.row_pt.size() - 1);
  }
  uint32_t next_row() const { return static_cast<uint32_t>(plan_.row_pt.size()); }

  /// Measuring fails only for characters no font covers: name the record and field.
  template <class F>
  auto measured(const std::string& field, F&& f) const {
    try {
      return f();
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Font) throw;
      throw Error(ErrorKind::Data, data_error(origin_, field, e.what()));
    }
  }

  Prepared prepare(const BoundCell& c, uint32_t c0, uint32_t c1) const {
    Prepared p;
    p.cell = &c;
    p.xstyle = excel_style(*c.style);
    p.paragraphs = excel_paragraphs(c.paragraphs, *c.style);
    p.c0 = c0;
    p.c1 = c1;
    const double w = span_pt(c0, c1);
    p.need = measured(c.field, [&] { return text_height(p.paragraphs, p.xstyle, w); });
    if (c.image && pads_) {
      // Fitted as in the PDF: into the cell's content box, keeping its proportions.
      const double room = w - pads_->pad_left - pads_->pad_right;
      const double box_w = c.image_width > 0 ? std::min(c.image_width, room) : room;
      std::tie(p.image_w, p.image_h) = fit_image(*c.image, box_w, c.image_height > 0 ? c.image_height : kDefaultCellImageMaxHeight);
      const double pic = p.image_h + pads_->pad_top + pads_->pad_bottom;
      p.need = c.image_behind ? std::max(p.need, pic) : p.need + p.image_h;
    }
    if (c.rowspan == 1 && p.need > kMaxRowHeight)
      p.pieces = measured(c.field, [&] { return split_rows(p.paragraphs, p.xstyle, w, kMaxRowHeight); });
    return p;
  }

  CellFormat bordered(const Style& style, const TableBlock& spec, bool top, bool bottom, bool left, bool right,
                      bool top_edge, bool bottom_edge) const {
    CellFormat f = style_format(style, fonts_);
    const auto outer = static_cast<uint8_t>(border_style(spec.border_outer));
    const auto inner = static_cast<uint8_t>(border_style(spec.border_inner));
    f.top = top_edge ? (top ? outer : inner) : 0;
    f.bottom = bottom_edge ? (bottom ? outer : inner) : 0;
    f.left = left ? outer : inner;
    f.right = right ? outer : inner;
    f.border_color = rgb(spec.border_color);
    return f;
  }

  void table(const BoundTable& t) {
    const TableBlock& spec = *t.spec;
    const auto edges = column_edges(spec, layout_.page.type_width());
    std::vector<uint32_t> cmap;
    for (double x : edges) cmap.push_back(grid_.index_of(x));
    const uint32_t first_col = cmap.front(), last_col = cmap.back() - 1;
    const bool first_table = !seen_table_;
    seen_table_ = true;

    int caption_row = -1;
    if (!t.caption.empty()) {
      const Style& cs = *spec.caption_style;
      const auto paras = excel_paragraphs(t.caption, cs);
      const double h = measured("caption", [&] { return text_height(paras, excel_style(cs), span_pt(first_col, last_col)); });
      caption_row = static_cast<int>(add_row(h));
      PlannedCell c{static_cast<uint32_t>(caption_row), first_col, static_cast<uint32_t>(caption_row), last_col,
                    join_lines(paras), std::nullopt, style_format(cs, fonts_)};
      plan_.cells.push_back(std::move(c));
    }

    const size_t nrows = t.rows.size(), ncols = spec.columns.size();
    pads_ = &spec;
    std::vector<uint32_t> first(nrows), count(nrows);
    std::deque<Prepared> pictured;  // cells with a picture, kept until the rows are final
    std::vector<PendingImage> pending;
    rows_ = {&first, &count, &cmap};
    std::vector<std::vector<bool>> covered(nrows, std::vector<bool>(ncols, false));
    std::vector<Prepared> spanning;
    for (size_t r = 0; r < nrows; ++r) {
      std::vector<Prepared> cells;
      for (const BoundCell& c : t.cells) {
        if (static_cast<size_t>(c.row) != r) continue;
        for (int i = c.row; i < c.row + c.rowspan && i < static_cast<int>(nrows); ++i)
          for (int j = c.col; j < c.col + c.colspan && j < static_cast<int>(ncols); ++j) covered[static_cast<size_t>(i)][static_cast<size_t>(j)] = true;
        cells.push_back(prepare(c, cmap[static_cast<size_t>(c.col)], cmap[static_cast<size_t>(c.col + c.colspan)] - 1));
      }
      // Rows the table row becomes: one, or one per piece of its tallest split cell.
      size_t n = 1;
      for (const Prepared& p : cells) n = std::max(n, p.pieces.size());
      std::vector<double> h(n, 0.0);
      for (const Prepared& p : cells)
        for (size_t i = 0; i < p.pieces.size(); ++i)
          h[i] = std::max(h[i], measured(p.cell->field, [&] { return text_height(p.pieces[i], p.xstyle, span_pt(p.c0, p.c1)); }));
      auto need_total = [&](double need) {  // whatever the group lacks goes to its last row
        const double have = std::accumulate(h.begin(), h.end(), 0.0);
        if (need > have) h.back() += need - have;
      };
      for (const Prepared& p : cells)
        if (p.cell->rowspan == 1 && p.pieces.empty()) need_total(p.need);
      need_total(t.rows[r].min_height);
      for (double& x : h) x = std::min(x, kMaxRowHeight);
      first[r] = next_row();
      count[r] = static_cast<uint32_t>(n);
      for (double x : h) add_row(x);
      if (n > 1) plan_.keep.push_back({first[r], first[r] + count[r] - 1});

      const bool top = r == 0;
      for (Prepared& p : cells) {
        const BoundCell& c = *p.cell;
        const bool left = c.col == 0, right = static_cast<size_t>(c.col + c.colspan) == ncols;
        if (c.rowspan > 1) {
          spanning.push_back(std::move(p));
          continue;
        }
        const bool bottom = r + 1 == nrows;
        if (p.pieces.empty()) {
          CellFormat f = bordered(*c.style, spec, top, bottom, left, right, true, true);
          if (p.image_h > 0 && !c.image_behind) f.valign = kBottom;  // the text under the picture
          add_cell(first[r], p.c0, first[r] + count[r] - 1, p.c1, p, std::move(f));
          if (p.image_h > 0) {
            pictured.push_back(std::move(p));
            pending.push_back({&pictured.back(), first[r], first[r] + count[r] - 1});
          }
          continue;
        }
        // Pieces of a tall cell: one per row, the last one reaching the group's end; no rule
        // between pieces, so the text reads as one cell.
        for (size_t i = 0; i < p.pieces.size(); ++i) {
          const bool last_piece = i + 1 == p.pieces.size();
          CellFormat f = bordered(*c.style, spec, top, bottom, left, right, i == 0, last_piece);
          const uint32_t r0 = first[r] + static_cast<uint32_t>(i);
          const uint32_t r1 = last_piece ? first[r] + count[r] - 1 : r0;
          plan_.cells.push_back({r0, p.c0, r1, p.c1, join_lines(p.pieces[i]), std::nullopt, std::move(f)});
        }
      }
      // Grid slots no cell fills still get their borders.
      for (size_t j = 0; j < ncols; ++j) {
        if (covered[r][j]) continue;
        CellFormat f = bordered(*layout_default(), spec, top, r + 1 == nrows, j == 0, j + 1 == ncols, true, true);
        plan_.cells.push_back({first[r], cmap[j], first[r] + count[r] - 1, cmap[j + 1] - 1, "", std::nullopt, std::move(f)});
      }
    }
    // Cells spanning table rows: the spanned rows together must hold the text.
    for (Prepared& p : spanning) {
      const BoundCell& c = *p.cell;
      const size_t last = std::min(nrows - 1, static_cast<size_t>(c.row + c.rowspan - 1));
      const uint32_t r0 = first[static_cast<size_t>(c.row)], r1 = first[last] + count[last] - 1;
      double lack = p.need;
      for (uint32_t r = r0; r <= r1; ++r) lack -= plan_.row_pt[r];
      for (uint32_t r = r1 + 1; r-- > r0 && lack > 0;) {
        const double add = std::min(lack, kMaxRowHeight - plan_.row_pt[r]);
        plan_.row_pt[r] += add;
        lack -= add;
      }
      CellFormat f = bordered(*c.style, spec, c.row == 0, last + 1 == nrows, c.col == 0,
                              static_cast<size_t>(c.col + c.colspan) == ncols, true, true);
      if (p.image_h > 0 && !c.image_behind) f.valign = kBottom;
      add_cell(r0, p.c0, r1, p.c1, p, std::move(f));
      plan_.keep.push_back({r0, r1});
      if (p.image_h > 0) pending.push_back({&p, r0, r1});
    }
    for (const PendingImage& pi : pending) place_picture(*pi.cell, pi.r0, pi.r1, spec);
    pads_ = nullptr;
    if (nrows > 0 && caption_row >= 0)  // a caption never ends a page
      plan_.keep.push_back({static_cast<uint32_t>(caption_row), first[0] + count[0] - 1});
    if (first_table) {
      size_t headers = 0;
      while (headers < nrows && t.rows[headers].header) ++headers;
      if (headers > 0) {
        plan_.title_first = caption_row >= 0 ? caption_row : static_cast<int>(first[0]);
        plan_.title_last = static_cast<int>(first[headers - 1] + count[headers - 1] - 1);
      } else if (caption_row >= 0) {
        plan_.title_first = plan_.title_last = caption_row;
      }
    }
  }

  /// A cell's picture over its merged range, aligned as its text: at the top when text follows
  /// it, else where the cell's valign puts it.
  void place_picture(const Prepared& p, uint32_t r0, uint32_t r1, const TableBlock& spec) {
    const Style& st = *p.cell->style;
    double x = std::accumulate(plan_.col_pt.begin(), plan_.col_pt.begin() + p.c0, 0.0) + spec.pad_left;
    double y = std::accumulate(plan_.row_pt.begin(), plan_.row_pt.begin() + r0, 0.0) + spec.pad_top;
    const double room_w = span_pt(p.c0, p.c1) - spec.pad_left - spec.pad_right;
    const double room_h = std::accumulate(plan_.row_pt.begin() + r0, plan_.row_pt.begin() + r1 + 1, 0.0) - spec.pad_top - spec.pad_bottom;
    const double free_w = std::max(0.0, room_w - p.image_w), free_h = std::max(0.0, room_h - p.image_h);
    if (st.paragraph.align == Align::Center) x += free_w / 2;
    else if (st.paragraph.align == Align::Right) x += free_w;
    const bool text_below = !p.cell->image_behind && !join_lines(p.paragraphs).empty();
    if (!text_below && st.valign == VAlign::Middle) y += free_h / 2;
    else if (!text_below && st.valign == VAlign::Bottom) y += free_h;
    plan_.images.push_back({p.cell->image, x, y, p.image_w, p.image_h});
  }

  void add_cell(uint32_t r0, uint32_t c0, uint32_t r1, uint32_t c1, const Prepared& p, CellFormat f) {
    PlannedCell cell{r0, c0, r1, c1, join_lines(p.paragraphs), std::nullopt, std::move(f)};
    if (const auto& n = p.cell->numeric) {
      cell.number = n->value;
      cell.format.num_format = number_format(*n);
      // A number is one line; justification means nothing to it: keep it where the PDF has it.
      if (p.cell->style->paragraph.align == Align::Justify) cell.format.align = 1;  // LXW_ALIGN_LEFT
      // An aggregate over a column of this table: a live formula (its rows are placed already).
      if (const auto& a = p.cell->aggregate; a && a->column >= 0 && rows_.first) {
        const auto& first = *rows_.first;
        const auto r1 = static_cast<size_t>(a->last_row);
        cell.formula = aggregate_formula(a->fn, a->nested, (*rows_.cmap)[static_cast<size_t>(a->column)],
                                         first[static_cast<size_t>(a->first_row)], first[r1] + (*rows_.count)[r1] - 1);
        cell.format.wrap = false;  // a number on one line (readers would measure the formula's text)
      }
    }
    plan_.cells.push_back(std::move(cell));
  }

  /// Paragraphs outside tables: one merged row across the sheet (several if very long).
  void text_rows(const std::vector<std::string>& texts, const Style& style, const std::string& field) {
    if (texts.empty()) return;
    const uint32_t last_col = grid_.columns() - 1;
    const double w = span_pt(0, last_col);
    const Style xs = excel_style(style);
    const auto paras = excel_paragraphs(texts, style);
    const auto pieces = measured(field, [&] { return split_rows(paras, xs, w, kMaxRowHeight); });
    for (const auto& piece : pieces) {
      const uint32_t r = add_row(measured(field, [&] { return text_height(piece, xs, w); }));
      plan_.cells.push_back({r, 0, r, last_col, join_lines(piece), std::nullopt, style_format(style, fonts_)});
    }
  }

  /// Rows of an official block: each line one row across the sheet (left and right parts in two
  /// halves), rules as borders, pictures placed over the rows.
  void official(const OfficialRows& o) {
    const uint32_t last_col = grid_.columns() - 1, mid = std::max<uint32_t>(1, grid_.columns() / 2);
    std::vector<uint32_t> rows;
    for (const SheetLine& l : o.lines) {
      const std::string field = "official";
      const Style xs = excel_style(*l.style);
      double h = measured(field, [&] { return text_height({l.left + l.center + l.right}, xs, span_pt(0, last_col)); });
      const uint32_t r = add_row(std::max(h, l.height));
      rows.push_back(r);
      auto format = [&](uint8_t align) {
        CellFormat f = style_format(*l.style, fonts_);
        f.align = align;
        f.top = l.rule_above > 0 ? static_cast<uint8_t>(border_style(l.rule_above)) : 0;
        f.bottom = l.rule_below > 0 ? static_cast<uint8_t>(border_style(l.rule_below)) : 0;
        f.border_color = rgb(l.rule_color);
        return f;
      };
      constexpr uint8_t kLeft = 1, kCenter = 2, kRight = 3;  // lxw_format_alignments
      if (!l.left.empty() && !l.right.empty() && last_col > 0) {
        plan_.cells.push_back({r, 0, r, mid - 1, l.left, std::nullopt, format(kLeft)});
        plan_.cells.push_back({r, mid, r, last_col, l.right, std::nullopt, format(kRight)});
      } else if (!l.left.empty() && !l.right.empty()) {  // one column: ideographic spaces between
        const double em = std::max(1.0, xs.paragraph.size + xs.paragraph.letter_spacing);
        const double gap = span_pt(0, last_col) / em - text_ems(l.left) - text_ems(l.right) - 0.5;
        std::string text = l.left;
        for (int i = 0; i < static_cast<int>(gap); ++i) text += "\u3000";
        plan_.cells.push_back({r, 0, r, last_col, text + l.right, std::nullopt, format(kLeft)});
      } else {
        const std::string text = l.left + l.center + l.right;
        const uint8_t align = !l.center.empty() ? kCenter : !l.right.empty() ? kRight : kLeft;
        plan_.cells.push_back({r, 0, r, last_col, text, std::nullopt, format(align)});
      }
    }
    const double width = span_pt(0, last_col);
    for (const SheetPicture& p : o.pictures) {
      if (p.line >= rows.size()) continue;
      double top = 0;
      for (uint32_t r = 0; r <= rows[p.line]; ++r) top += plan_.row_pt[r];
      const double cx = p.from_right > 0 ? width - p.from_right : p.from_right < 0 ? -p.from_right : width / 2;
      plan_.images.push_back({p.image, std::max(0.0, cx - p.w / 2), std::max(0.0, top + p.dy - p.h / 2), p.w, p.h});
    }
  }

  void signoff(const BoundSignoff& s) {
    if (s.spec->space_before > 0) add_row(s.spec->space_before);
    const size_t per_row = static_cast<size_t>(std::max(1, s.spec->columns));
    std::vector<std::string> lines;
    for (size_t i = 0; i < s.entries.size(); i += per_row) {
      std::string line;
      for (size_t j = i; j < std::min(s.entries.size(), i + per_row); ++j)
        line += (j > i ? "\u3000\u3000" : "") + s.entries[j].label + s.entries[j].value;
      lines.push_back(line);
    }
    text_rows(lines, *s.spec->style, "signoff");
  }

  const Style* layout_default() const {
    auto it = layout_.styles.find("default");
    return it != layout_.styles.end() ? it->second.get() : layout_.styles.begin()->second.get();
  }

  const Layout& layout_;
  const FontBook& fonts_;
  RecordOrigin origin_;
  ColumnGrid grid_;
  SheetPlan plan_;
  bool seen_table_ = false;
  const TableBlock* pads_ = nullptr;  ///< the table being planned (its cell padding)
  static constexpr uint8_t kBottom = 9;  ///< LXW_ALIGN_VERTICAL_BOTTOM
  /// The table being planned: its rows' first sheet rows and row counts, its column map.
  struct {
    const std::vector<uint32_t>*first = nullptr, *count = nullptr, *cmap = nullptr;
  } rows_;
};

}  // namespace

SheetPlan plan_record_sheet(const Layout& layout, const BoundRecord& record, const FontBook& fonts,
                            const std::string& data_name) {
  return Planner(layout, fonts, record, data_name).run(record);
}

}  // namespace gongwen::xlsx
