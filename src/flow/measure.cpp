#include "flow/measure.hpp"

#include <algorithm>
#include <tuple>

#include "core/error.hpp"

namespace gongwen {

size_t CellText::fit(size_t from, double avail) const {
  size_t k = from;
  const double base = from < lines.size() ? lines[from].top : height;
  while (k < lines.size()) {
    const auto& l = lines[k];
    const double bottom = l.top + paragraphs[l.paragraph].pitch - base;
    if (bottom > avail + 1e-6) break;
    ++k;
  }
  return k;
}

double CellText::span(size_t from, size_t to) const {
  if (from >= to || from >= lines.size()) return 0;
  const auto& last = lines[to - 1];
  return last.top + paragraphs[last.paragraph].pitch - lines[from].top;
}

double MeasuredCell::content_height() const {
  // An empty cell still keeps one line of its style, so rows never collapse.
  const double pitch = cell->style->paragraph.pitch();
  if (image_h <= 0) return std::max(text.height, pitch);
  if (cell->image_behind) return std::max({text.height, image_h, pitch});
  return image_h + text.height;
}

std::pair<double, double> fit_image(const ImageData& image, double box_w, double box_h) {
  if (image.width_px <= 0 || image.height_px <= 0 || box_w <= 0) return {0, 0};
  const double aspect = static_cast<double>(image.height_px) / image.width_px;
  double w = box_w, h = box_w * aspect;
  if (box_h > 0 && h > box_h) {
    h = box_h;
    w = h / aspect;
  }
  return {w, h};
}

CellText layout_cell_text(const std::vector<std::string>& paragraphs, const Style& style, double width) {
  CellText t;
  double y = 0;
  for (const auto& text : paragraphs) {
    ParagraphLayout p = layout_paragraph(text, style.paragraph, std::max(width, style.paragraph.size));
    const uint32_t pi = static_cast<uint32_t>(t.paragraphs.size());
    for (uint32_t i = 0; i < p.lines.size(); ++i) {
      t.lines.push_back({pi, i, y});
      y += p.pitch;
    }
    t.paragraphs.push_back(std::move(p));
  }
  t.height = y;
  return t;
}

std::vector<double> column_edges(const TableBlock& spec, double width) {
  double fixed = 0, fractions = 0;
  for (const Column& c : spec.columns) {
    fixed += c.fixed;
    fractions += c.fraction;
  }
  const double rest = std::max(0.0, width - fixed);
  std::vector<double> edges{0};
  for (const Column& c : spec.columns)
    edges.push_back(edges.back() + (c.fixed > 0 ? c.fixed : rest * c.fraction / fractions));
  return edges;
}

MeasuredTable measure_table(const BoundTable& t, double width, const RecordOrigin& origin) {
  const TableBlock& spec = *t.spec;
  MeasuredTable m;
  m.bound = &t;
  m.col_x = column_edges(spec, width);
  try {
    if (!t.caption.empty()) m.caption = layout_cell_text(t.caption, *spec.caption_style, width);
  } catch (const Error& e) {
    throw Error(ErrorKind::Data, data_error(origin, "caption", e.what()));
  }
  m.row_heights.assign(t.rows.size(), 0);
  for (size_t r = 0; r < t.rows.size(); ++r) m.row_heights[r] = t.rows[r].min_height;
  const double pads = spec.pad_top + spec.pad_bottom;
  for (const BoundCell& c : t.cells) {
    MeasuredCell mc;
    mc.cell = &c;
    mc.x = m.col_x[static_cast<size_t>(c.col)];
    mc.width = m.col_x[static_cast<size_t>(c.col + c.colspan)] - mc.x;
    try {
      mc.text = layout_cell_text(c.paragraphs, *c.style, mc.width - spec.pad_left - spec.pad_right);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Font) throw;
      throw Error(ErrorKind::Data, data_error(origin, c.field, e.what()));
    }
    if (c.image) {
      // Fitted into the cell (never wider than its content box) keeping its proportions.
      const double room = mc.width - spec.pad_left - spec.pad_right;
      const double box_w = c.image_width > 0 ? std::min(c.image_width, room) : room;
      const double box_h = c.image_height > 0 ? c.image_height : kDefaultCellImageMaxHeight;
      std::tie(mc.image_w, mc.image_h) = fit_image(*c.image, box_w, box_h);
    }
    const double content = mc.content_height();
    if (c.rowspan == 1) m.row_heights[static_cast<size_t>(c.row)] = std::max(m.row_heights[static_cast<size_t>(c.row)], content + pads);
    m.cells.push_back(std::move(mc));
  }
  // Spanning cells: whatever the spanned rows lack goes to the last of them.
  for (const MeasuredCell& mc : m.cells) {
    const BoundCell& c = *mc.cell;
    if (c.rowspan == 1) continue;
    // The binder keeps spans inside the table; the clamp keeps a broken one from reading past it.
    const size_t r0 = static_cast<size_t>(c.row), r1 = std::min(m.row_heights.size(), r0 + static_cast<size_t>(c.rowspan));
    if (r0 >= r1) continue;
    double have = 0;
    for (size_t r = r0; r < r1; ++r) have += m.row_heights[r];
    const double need = mc.content_height() + pads;
    if (need > have) m.row_heights[r1 - 1] += need - have;
  }
  return m;
}

}  // namespace gongwen
