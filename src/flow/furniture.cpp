// Page furniture: headers and footers (page numbers such as "— 1 —"), drawn on a page once it is
// complete — or, when the text needs the page count ("共 N 页"), once every page exists.
// Placement per GB/T 9704 §7.5: outside = odd pages right, even pages left, one character in
// from the type area's edge.
#include <algorithm>

#include "bind/page_text.hpp"
#include "core/error.hpp"
#include "flow/paginate.hpp"
#include "text/ink.hpp"

namespace gongwen {

namespace {
void draw(const Layout& layout, const Furniture& f, const std::optional<Template>& bound, bool is_header, Page& page,
          size_t number, size_t total) {
  if (!bound) return;
  const std::string text = page_text(layout, *bound, is_header ? "header" : "footer", number, total);
  if (text.empty()) return;
  ParagraphStyle ps = f.style->paragraph;
  ps.align = Align::Left;
  ps.first_indent = ps.hanging_indent = 0;
  const PageSpec& pg = layout.page;
  ParagraphLayout p = layout_paragraph(text, ps, pg.type_width());
  if (p.lines.empty()) return;
  const double w = p.lines[0].right;
  using P = Furniture::Placement;
  P place = f.placement;
  if (place == P::Outside) place = number % 2 == 1 ? P::Right : P::Left;
  if (place == P::Inside) place = number % 2 == 1 ? P::Left : P::Right;
  double x = pg.left;
  if (place == P::Center) x = pg.left + (pg.type_width() - w) / 2;
  else if (place == P::Left) x = pg.left + f.side;
  else if (place == P::Right) x = pg.width - pg.right - f.side - w;
  // The em box's top sits `distance` below the type area (footer) or its bottom above it (header).
  // A footer with a 一字线 ("— 1 —") measures to the dash's ink instead: 一字线上距版心下边缘 7 mm
  // (§7.5) is a distance on the printed page.
  double top_in_line = (p.pitch - ps.size) / 2;
  if (!is_header)
    if (auto ink = ink_top(p, 0, U'—')) top_in_line = *ink;
  const double y = is_header ? pg.top - f.distance - ps.size - top_in_line : pg.height - pg.bottom + f.distance - top_in_line;
  emit_lines(p, 0, 1, x, y, page.items);
}
}  // namespace

bool Paginator::needs_page_count() const {
  for (const std::optional<Template>* t : {&furniture_.header, &furniture_.footer})
    if (*t)
      for (const std::string& path : (*t)->fields())
        if (path == "pages" || path.starts_with("pages.")) return true;
  return false;
}

void Paginator::furnish(size_t i, size_t total) {
  if (!((i == 0 && layout_.footer.skip_first) || unnumbered_.count(i)))
    draw(layout_, layout_.footer, furniture_.footer, false, doc_.pages[i], i + 1, total);
  if (!((i == 0 && layout_.header.skip_first) || unnumbered_.count(i)))
    draw(layout_, layout_.header, furniture_.header, true, doc_.pages[i], i + 1, total);
}

size_t Paginator::furnish_completed(size_t from) {
  if (needs_page_count() || doc_.pages.empty()) return from;
  const size_t done = doc_.pages.size() - 1;  // the last page may still grow
  for (size_t i = from; i < done; ++i) furnish(i, 0);
  return std::max(from, done);
}

void Paginator::finish(size_t from) {
  if (doc_.pages.empty()) new_page();
  const size_t total = doc_.pages.size();
  for (size_t i = from; i < total; ++i) furnish(i, total);
}

}  // namespace gongwen
