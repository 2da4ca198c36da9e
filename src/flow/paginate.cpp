#include "flow/paginate.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace gongwen {

namespace {
constexpr double kEps = 1e-6;
}

void Paginator::new_page() {
  Page page;
  page.width = layout_.page.width;
  page.height = layout_.page.height;
  doc_.pages.push_back(std::move(page));
  page_ = &doc_.pages.back();
  y_ = top();
}

void Paginator::page_break() {
  if (!page_empty()) new_page();
}

void Paginator::place(const BoundRecord& record, const RecordOrigin& origin) {
  if (!page_) new_page();
  bool bookmarked = false;
  for (size_t i = 0; i < record.blocks.size(); ++i) {
    const BoundBlock& block = record.blocks[i];
    // A sign-off that follows a table is kept with the table's last row.
    const BoundSignoff* signoff = i + 1 < record.blocks.size() ? std::get_if<BoundSignoff>(&record.blocks[i + 1]) : nullptr;
    if (auto* p = std::get_if<BoundParagraphs>(&block)) {
      double keep = p->keep_with_next && i + 1 < record.blocks.size() ? start_height(record.blocks[i + 1], origin) : 0;
      if (!bookmarked && !record.bookmark.empty()) {
        if (p->texts.size() > 0 && remaining() < kEps) new_page();
        doc_.outline.push_back({record.bookmark, doc_.pages.size() - 1, y_});
        bookmarked = true;
      }
      place_paragraphs(*p, keep, origin);
    } else if (auto* t = std::get_if<BoundTable>(&block)) {
      place_table(*t, signoff ? t->spec->space_after + signoff_height(*signoff) : 0, origin, bookmarked ? "" : record.bookmark);
      bookmarked = true;
      y_ += t->spec->space_after;
    } else if (auto* s = std::get_if<BoundSignoff>(&block)) {
      place_signoff(*s);
    } else if (auto* sp = std::get_if<SpacerBlock>(&block)) {
      y_ = std::min(bottom(), y_ + sp->height);
    }
  }
}

const MeasuredTable& Paginator::measured(const BoundTable& t, const RecordOrigin& origin) {
  if (cache_)
    if (auto it = cache_->find(&t); it != cache_->end()) return it->second;
  auto it = own_.find(&t);
  if (it == own_.end()) it = own_.emplace(&t, measure_table(t, width(), origin)).first;
  return it->second;
}

double Paginator::start_height(const BoundBlock& block, const RecordOrigin& origin) {
  if (auto* p = std::get_if<BoundParagraphs>(&block)) {
    if (p->texts.empty()) return 0;
    const double pitch = p->style->paragraph.pitch();
    return p->style->space_before + 2 * pitch;
  }
  if (auto* t = std::get_if<BoundTable>(&block)) {
    // Caption plus the first row's first two lines (or the whole row).
    const MeasuredTable& m = measured(*t, origin);
    double first = 0;
    for (const MeasuredCell& c : m.cells)
      if (c.cell->row == 0) first = std::max(first, c.text.span(0, std::min<size_t>(2, c.text.lines.size())));
    double h = m.caption.height;
    if (!m.row_heights.empty()) h += std::min(m.row_heights[0], t->spec->pad_top + t->spec->pad_bottom + first);
    return h;
  }
  return 0;
}

void Paginator::place_lines(const CellText& text, double x, double keep_next) {
  const size_t n = text.lines.size();
  size_t i = 0;
  while (i < n) {
    const double rest = text.span(i, n);
    if (rest + keep_next <= remaining() + kEps) {
      for (; i < n; ++i) {
        const auto& l = text.lines[i];
        emit_lines(text.paragraphs[l.paragraph], l.line, l.line + 1, x, y_, items());
        y_ += text.paragraphs[l.paragraph].pitch;
      }
      break;
    }
    size_t k = text.fit(i, remaining());
    // No orphan (one line at the bottom) and no widow (one line carried over).
    if (n - k == 1 && k - i > 2) --k;
    if (keep_next > 0 && k == n) --k;
    if (k - i < 2 && n - i >= 2) k = i;
    if (k == i) {
      if (page_empty()) k = std::max(i + 1, text.fit(i, remaining()));  // a page cannot hold more
      else { new_page(); continue; }
    }
    for (; i < k; ++i) {
      const auto& l = text.lines[i];
      emit_lines(text.paragraphs[l.paragraph], l.line, l.line + 1, x, y_, items());
      y_ += text.paragraphs[l.paragraph].pitch;
    }
    if (i < n) new_page();
  }
}

void Paginator::place_paragraphs(const BoundParagraphs& p, double keep_next, const RecordOrigin& origin) {
  if (p.texts.empty()) return;
  CellText text;
  try {
    text = layout_cell_text(p.texts, *p.style, width());
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Font) throw;
    throw Error(ErrorKind::Data, data_error(origin, p.field, e.what()));
  }
  if (!page_empty()) y_ = std::min(bottom(), y_ + p.style->space_before);
  place_lines(text, left(), keep_next);
  y_ = std::min(bottom(), y_ + p.style->space_after);
}

double Paginator::signoff_height(const BoundSignoff& s) const {
  const SignoffBlock& spec = *s.spec;
  const size_t rows = (s.entries.size() + static_cast<size_t>(spec.columns) - 1) / static_cast<size_t>(spec.columns);
  return spec.space_before + static_cast<double>(rows) * spec.style->paragraph.pitch() +
         static_cast<double>(rows > 0 ? rows - 1 : 0) * spec.line_gap;
}

void Paginator::place_signoff(const BoundSignoff& s) {
  const SignoffBlock& spec = *s.spec;
  if (signoff_height(s) > remaining() + kEps) new_page();
  y_ += spec.space_before;
  const double col_w = width() / spec.columns;
  const ParagraphStyle& ps = spec.style->paragraph;
  ParagraphStyle left_style = ps;
  left_style.align = Align::Left;
  left_style.first_indent = left_style.hanging_indent = 0;
  for (size_t i = 0; i < s.entries.size(); ++i) {
    const size_t col = i % static_cast<size_t>(spec.columns);
    if (col == 0 && i > 0) y_ += ps.pitch() + spec.line_gap;
    const double x = left() + static_cast<double>(col) * col_w;
    const auto& [label, value] = s.entries[i];
    ParagraphLayout lp = layout_paragraph(label, left_style, col_w);
    emit_lines(lp, 0, std::min<size_t>(1, lp.lines.size()), x, y_, items());
    const double label_end = lp.lines.empty() ? 0 : lp.lines[0].right;
    // The value sits on the signing line; a value longer than the line lengthens it rather than
    // wrapping out of sight.
    const double room = std::max(col_w - label_end, ps.size);
    ParagraphLayout vp = layout_paragraph(value, left_style, room);
    const double value_w = vp.lines.empty() ? 0 : vp.lines[0].right;
    const double blank = spec.blank_width > 0 ? std::min(room, std::max(spec.blank_width, value_w + ps.size)) : 0;
    if (blank > 0) {
      const double uy = y_ + lp.baseline + 0.15 * ps.size;
      items().emplace_back(Rule{x + label_end, uy, x + label_end + blank, uy, 0.5, ps.color});
    }
    if (!vp.lines.empty()) {
      const double shift = blank > 0 ? (blank - value_w) / 2 : 0;
      emit_lines(vp, 0, vp.lines.size(), x + label_end + std::max(0.0, shift), y_, items());
    }
  }
  y_ += ps.pitch();
}

}  // namespace gongwen
