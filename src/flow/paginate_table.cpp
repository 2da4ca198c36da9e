// Tables across pages: rows are placed while they fit; a row that does not fit is split between
// lines (each part keeps at least two lines of a split cell), the rest continues on the next
// page under the repeated header rows, its label cells marked with the continuation mark.
#include <algorithm>

#include "flow/paginate.hpp"

namespace gongwen {

namespace {
constexpr double kEps = 1e-6;

/// Room a cell's picture takes above its first line (none when it lies behind the text).
double image_room(const MeasuredCell& mc) { return mc.cell->image_behind ? 0 : mc.image_h; }

/// One row's share of a page: its vertical extent and, per single-row cell, the lines drawn.
struct Piece {
  size_t row;
  double y, h;
  bool continued;  ///< the row began on an earlier page
  bool header_copy;  ///< a header row repeated on a continuation page
  std::vector<std::pair<size_t, size_t>> lines;  ///< per cell of the table: [from, to) (single-row cells)
};
}  // namespace

void Paginator::place_table(const BoundTable& t, double keep_after, const RecordOrigin& origin, const std::string& bookmark) {
  const MeasuredTable& m = measured(t, origin);
  const TableBlock& spec = *t.spec;
  const size_t nrows = t.rows.size(), ncells = m.cells.size();
  const double pads = spec.pad_top + spec.pad_bottom;
  const double x0 = left();

  std::vector<size_t> next(ncells, 0);  // first line not yet drawn, per cell
  std::vector<std::vector<size_t>> row_cells(nrows);
  for (size_t c = 0; c < ncells; ++c) row_cells[static_cast<size_t>(m.cells[c].cell->row)].push_back(c);
  // Continuation labels ("主要绩效（续）"), laid out once when first needed.
  std::vector<std::optional<CellText>> cont_label(ncells);
  auto continued_label = [&](size_t c) -> const CellText& {
    if (!cont_label[c]) {
      const MeasuredCell& mc = m.cells[c];
      // The mark goes on a line of its own: "整改建议" / "（续）", never "整改建|议（续）".
      std::vector<std::string> paragraphs = mc.cell->paragraphs;
      paragraphs.push_back(spec.continued_mark);
      cont_label[c] = layout_cell_text(paragraphs, *mc.cell->style, mc.width - spec.pad_left - spec.pad_right);
    }
    return *cont_label[c];
  };
  auto single = [&](size_t c) { return m.cells[c].cell->rowspan == 1; };

  size_t nheader = 0;
  while (nheader < nrows && t.rows[nheader].header) ++nheader;

  // Height row r still needs, given what earlier pages drew of it.
  auto needed = [&](size_t r, bool continued) {
    if (!continued) return m.row_heights[r];
    double h = t.rows[r].min_height;
    for (size_t c : row_cells[r]) {
      if (!single(c)) continue;
      const MeasuredCell& mc = m.cells[c];
      const double text_h = mc.cell->is_label ? continued_label(c).height : mc.text.span(next[c], mc.text.lines.size());
      h = std::max(h, pads + std::max(text_h, mc.cell->style->paragraph.pitch()));
    }
    return h;
  };

  std::vector<Piece> pieces;
  bool body_on_page = false;

  // Draws every cell touching this page's pieces, then the borders.
  auto flush = [&]() {
    if (pieces.empty()) return;
    const double seg_top = pieces.front().y, seg_bottom = pieces.back().y + pieces.back().h;
    BorderCollector borders(x0, x0 + m.width(), spec.border_outer, spec.border_inner, spec.border_color);
    for (size_t c = 0; c < ncells; ++c) {
      const MeasuredCell& mc = m.cells[c];
      const size_t r0 = static_cast<size_t>(mc.cell->row), r1 = r0 + static_cast<size_t>(mc.cell->rowspan);
      // A cell from the header rows spanning into the body (绩效指标 beside the column heads and
      // every indicator) stands beside the repeated header and the body rows of every page.
      const bool header_anchored = r0 < nheader && r1 > nheader;
      const Piece* first = nullptr;
      const Piece* last = nullptr;
      for (const Piece& p : pieces)
        if (p.row >= r0 && p.row < r1 && (!first || header_anchored || p.header_copy == first->header_copy)) {
          if (!first) first = &p;
          last = &p;
        }
      if (!first) continue;
      const double top = first->y, h = last->y + last->h - first->y;
      borders.add_box(x0 + mc.x, top, x0 + mc.x + mc.width, top + h, std::abs(top - seg_top) < kEps,
                      std::abs(top + h - seg_bottom) < kEps);
      // Which lines to draw here.
      const CellText* text = &mc.text;
      size_t from = 0, to = mc.text.lines.size();
      if (header_anchored) {
        to = std::max<size_t>(std::min<size_t>(1, to), mc.text.fit(0, h - pads));  // the whole label when it fits
      } else if (first->header_copy) {
        // repeated header: the whole cell
      } else if (mc.cell->is_label && first->continued && single(c)) {
        text = &continued_label(c);
        to = text->lines.size();
      } else if (single(c)) {
        std::tie(from, to) = first->lines[c];
      } else {
        from = next[c];
        to = mc.text.fit(from, h - pads - (from == 0 ? image_room(mc) : 0));
        if (last->row + 1 == r1 && to < mc.text.lines.size() && to == from) to = mc.text.lines.size();
        next[c] = to;
      }
      const bool whole = from == 0 && to == text->lines.size();
      // The picture goes with the cell's first lines: above them, or behind the text (a seal).
      const bool picture = mc.image_h > 0 && from == 0 && text == &mc.text;
      const bool behind = mc.cell->image_behind;
      const double text_h = text->span(from, to);
      // A picture above the text takes what the text leaves of this page's piece of the cell:
      // all of its height, except on a page too short for the whole row (then drawn smaller).
      const double room = !picture ? 0 : behind ? h - pads : std::min(mc.image_h, std::max(0.0, h - pads - text_h));
      const double above = picture && !behind ? room : 0;
      double y = top + spec.pad_top;
      if (whole) {
        const double free = h - pads - text_h - above;
        if (mc.cell->style->valign == VAlign::Middle) y += free / 2;
        else if (mc.cell->style->valign == VAlign::Bottom) y += free;
      }
      if (picture) place_cell_image(mc, x0 + mc.x + spec.pad_left, behind ? top + spec.pad_top : y,
                                    mc.width - spec.pad_left - spec.pad_right, room);
      y += above;
      for (size_t i = from; i < to; ++i) {
        const auto& l = text->lines[i];
        emit_lines(text->paragraphs[l.paragraph], l.line, l.line + 1, x0 + mc.x + spec.pad_left,
                   y + l.top - text->lines[from].top, items());
      }
    }
    borders.flush(items());
    pieces.clear();
  };

  auto push_piece = [&](size_t r, double h, bool continued, bool header_copy, const std::vector<size_t>* planned) {
    Piece p{r, y_, h, continued, header_copy, std::vector<std::pair<size_t, size_t>>(ncells, {0, 0})};
    if (!header_copy) {
      for (size_t c : row_cells[r]) {
        if (!single(c)) continue;
        const size_t to = planned ? (*planned)[c] : m.cells[c].text.lines.size();
        p.lines[c] = {next[c], to};
        next[c] = to;
      }
    } else {
      for (size_t c : row_cells[r]) p.lines[c] = {0, m.cells[c].text.lines.size()};
    }
    pieces.push_back(std::move(p));
    y_ += h;
  };

  auto continuation_page = [&]() {
    flush();
    new_page();
    body_on_page = false;
    for (size_t r = 0; r < nheader; ++r) push_piece(r, m.row_heights[r], false, true, nullptr);
  };

  // Caption and the header rows start the table together with its first body lines.
  double first_need = 0;
  if (nheader < nrows) {
    double lines2 = 0;
    for (size_t c : row_cells[nheader])
      lines2 = std::max(lines2, m.cells[c].text.span(0, std::min<size_t>(2, m.cells[c].text.lines.size())));
    first_need = std::min(m.row_heights[nheader], pads + lines2);
  }
  double header_h = 0;
  for (size_t r = 0; r < nheader; ++r) header_h += m.row_heights[r];
  if (m.caption.height + header_h + first_need > remaining() + kEps && !page_empty()) new_page();
  if (!bookmark.empty()) doc_.outline.push_back({bookmark, doc_.pages.size() - 1, y_});
  for (const auto& l : m.caption.lines) {
    emit_lines(m.caption.paragraphs[l.paragraph], l.line, l.line + 1, x0, y_, items());
    y_ += m.caption.paragraphs[l.paragraph].pitch;
  }
  for (size_t r = 0; r < nheader; ++r) push_piece(r, m.row_heights[r], false, false, nullptr);

  size_t r = nheader;
  std::vector<size_t> planned(ncells, 0);
  while (r < nrows) {
    // Rows tied together by row spans form a band that moves as one when it can.
    size_t band_end = r + 1;
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t k = r; k < band_end; ++k)
        for (size_t c : row_cells[k]) {
          size_t end = k + static_cast<size_t>(m.cells[c].cell->rowspan);
          if (end > band_end) { band_end = end; grew = true; }
        }
    }
    if (band_end - r > 1) {
      double band_h = 0;
      for (size_t k = r; k < band_end; ++k) band_h += m.row_heights[k];
      const double extra = band_end == nrows ? keep_after : 0;
      if (band_h + extra > remaining() + kEps && body_on_page) continuation_page();
      for (size_t k = r; k < band_end; ++k) {
        if (m.row_heights[k] > remaining() + kEps && body_on_page) continuation_page();
        push_piece(k, std::min(m.row_heights[k], std::max(remaining(), m.row_heights[k])), false, false, nullptr);
        body_on_page = true;
      }
      r = band_end;
      continue;
    }

    bool continued = false;
    for (size_t c : row_cells[r]) continued = continued || next[c] > 0;
    const double need = needed(r, continued);
    double extra = r + 1 == nrows ? keep_after : 0;
    // A 小计 row stays with the last row of its group: both go to the next page together.
    if (!continued && r + 1 < nrows && t.rows[r + 1].keep_with_previous)
      extra = m.row_heights[r + 1] + (r + 2 == nrows ? keep_after : 0);
    if (need + extra <= remaining() + kEps) {
      push_piece(r, need, continued, false, nullptr);
      body_on_page = true;
      ++r;
      continue;
    }
    if (need <= remaining() + kEps && body_on_page) {  // fits, but not with the sign-off: move it
      continuation_page();
      continue;
    }
    // A picture is never split: its row goes to the next page whole (on a fresh page a picture
    // taller than the room left is drawn smaller, inside its cell).
    bool picture_left = false;
    for (size_t c : row_cells[r]) picture_left = picture_left || (m.cells[c].image_h > 0 && next[c] == 0);
    if (picture_left && body_on_page) {
      continuation_page();
      continue;
    }
    // Split the row between lines.
    const double avail = remaining() - pads;
    bool valid = true, progress = false;
    for (size_t c : row_cells[r]) {
      const CellText& text = m.cells[c].cell->is_label && continued ? continued_label(c) : m.cells[c].text;
      const size_t from = m.cells[c].cell->is_label && continued ? 0 : next[c];
      const size_t total = text.lines.size();
      size_t k = text.fit(from, avail);  // a picture still to draw is drawn smaller (see flush)
      if (k < total) {
        if (total - k == 1 && k - from > 2) --k;
        if (k - from < 2 && total - from >= 2) valid = false;
      }
      if (k > from) progress = true;
      planned[c] = m.cells[c].cell->is_label && continued ? next[c] : k;
      if (m.cells[c].cell->is_label && !continued) planned[c] = std::max(k, std::min(total, from + 1));
    }
    if ((!valid || !progress) && body_on_page) {
      continuation_page();
      continue;
    }
    if (!valid || !progress) {  // a fresh page still cannot hold two lines: take what fits
      for (size_t c : row_cells[r]) {
        const size_t total = m.cells[c].text.lines.size();
        planned[c] = std::min(total, std::max(next[c] + 1, m.cells[c].text.fit(next[c], avail)));
      }
    }
    push_piece(r, remaining(), continued, false, &planned);
    body_on_page = true;
    bool done = true;
    for (size_t c : row_cells[r])
      if (!m.cells[c].cell->is_label && next[c] < m.cells[c].text.lines.size()) done = false;
    if (done) ++r;
    continuation_page();
  }
  flush();
}

void Paginator::place_cell_image(const MeasuredCell& mc, double x, double y, double room_w, double room_h) {
  // Aligned as the cell's text (left, centred, right) and its valign in the room it has.
  const Style& st = *mc.cell->style;
  // Never past the room: scaled down, keeping its proportions, when the room is shorter.
  const double scale = mc.image_h > room_h && mc.image_h > 0 ? std::max(0.0, room_h) / mc.image_h : 1.0;
  const double w = mc.image_w * scale, h = mc.image_h * scale;
  if (w <= 0 || h <= 0) return;
  const double free_w = std::max(0.0, room_w - w), free_h = std::max(0.0, room_h - h);
  if (st.paragraph.align == Align::Center) x += free_w / 2;
  else if (st.paragraph.align == Align::Right) x += free_w;
  if (st.valign == VAlign::Middle) y += free_h / 2;
  else if (st.valign == VAlign::Bottom) y += free_h;
  items().push_back(Image{mc.cell->image, x, y, w, h});
}

}  // namespace gongwen
