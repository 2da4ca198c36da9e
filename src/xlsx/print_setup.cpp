#include "xlsx/print_setup.hpp"

#include <algorithm>

#include "xlsx/excel_units.hpp"
#include "xlsx/lxw_support.hpp"

namespace gongwen::xlsx {

std::vector<uint32_t> page_breaks(const std::vector<double>& row_pt, const std::vector<KeepRange>& keep, double page_pt,
                                  double title_pt) {
  std::vector<uint32_t> breaks;
  const uint32_t n = static_cast<uint32_t>(row_pt.size());
  // keep_end[r]: the last row that must stay with row r when r starts a kept range.
  std::vector<uint32_t> keep_end(n);
  for (uint32_t r = 0; r < n; ++r) keep_end[r] = r;
  for (const KeepRange& k : keep)
    if (k.first < n) keep_end[k.first] = std::max(keep_end[k.first], std::min(k.second, n - 1));
  double used = 0, avail = page_pt;
  auto new_page = [&](uint32_t row) {
    breaks.push_back(row);
    used = 0;
    avail = std::max(page_pt - title_pt, page_pt / 4);  // titles never take the whole page
  };
  for (uint32_t r = 0; r < n && breaks.size() < kMaxPageBreaks;) {
    // The block that should stay together: row r and everything its keep ranges reach.
    uint32_t end = keep_end[r];
    for (uint32_t i = r; i <= end; ++i) end = std::max(end, keep_end[i]);
    double block = 0;
    for (uint32_t i = r; i <= end; ++i) block += row_pt[i];
    if (used + block <= avail + 1e-6) {
      used += block;
      r = end + 1;
      continue;
    }
    const double fresh = std::max(page_pt - title_pt, page_pt / 4);
    if (used > 0 && block <= fresh + 1e-6) {  // move the block whole
      new_page(r);
      continue;
    }
    // Too tall for any page: fill this page row by row.
    for (uint32_t i = r; i <= end && breaks.size() < kMaxPageBreaks; ++i) {
      if (used > 0 && used + row_pt[i] > avail + 1e-6) new_page(i);
      used += row_pt[i];
    }
    r = end + 1;
  }
  return breaks;
}

bool prints_on_one_page(const std::vector<double>& row_pt, double page_pt) {
  double total = 0;
  for (double h : row_pt) total += h;
  return total <= page_pt * kOnePageSlack + 1e-6;
}

void apply_print_setup(lxw_worksheet* ws, const std::string& sheet, const Layout& layout, const SheetPrint& print) {
  const PageSpec& page = layout.page;
  const std::string where = "sheet '" + sheet + "' print setup";
  if (const int code = paper_code(page.width, page.height)) worksheet_set_paper(ws, static_cast<uint8_t>(code));
  if (print.landscape) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  // Margins put the printable area on the layout's type area; a landscape sheet turns them.
  const double in = 1.0 / 72;
  if (print.landscape == (page.width > page.height))
    worksheet_set_margins(ws, page.left * in, page.right * in, page.top * in, page.bottom * in);
  else
    worksheet_set_margins(ws, page.top * in, page.bottom * in, page.right * in, page.left * in);
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, print.one_page ? 1 : 0);  // one page wide, as many tall as needed
  // Header and footer sit in the margins, where the PDF puts its running text.
  const double top = print.landscape == (page.width > page.height) ? page.top : page.left;
  const double bottom = print.landscape == (page.width > page.height) ? page.bottom : page.right;
  if (!layout.xlsx.header.empty()) {
    lxw_header_footer_options o{};
    o.margin = std::max(0.1, top * in / 2);
    check(worksheet_set_header_opt(ws, layout.xlsx.header.c_str(), &o), where + ": header (at most 255 characters)");
  }
  if (!layout.xlsx.footer.empty()) {
    lxw_header_footer_options o{};
    const double size = layout.footer.style ? layout.footer.style->paragraph.size : 12;
    const double distance = layout.footer.text ? layout.footer.distance : 0;
    o.margin = std::max(0.1, (bottom - distance - size) * in);  // the footer's baseline region as in the PDF
    if (!layout.footer.text) o.margin = std::max(0.1, bottom * in / 2);
    check(worksheet_set_footer_opt(ws, layout.xlsx.footer.c_str(), &o), where + ": footer (at most 255 characters)");
  }
  if (print.title_first >= 0)
    check(worksheet_repeat_rows(ws, static_cast<lxw_row_t>(print.title_first), static_cast<lxw_row_t>(print.title_last)),
          where + ": print titles");
  if (!print.breaks.empty()) {
    std::vector<lxw_row_t> b(print.breaks.begin(), print.breaks.end());
    b.push_back(0);  // libxlsxwriter's terminator
    check(worksheet_set_h_pagebreaks(ws, b.data()), where + ": page breaks");
  }
}

}  // namespace gongwen::xlsx
