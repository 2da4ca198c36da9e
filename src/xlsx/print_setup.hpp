#pragma once
// Printing a sheet as the PDF prints: same paper, orientation and margins, centred, one page
// wide, title rows repeated, and page breaks where our own row heights say a page is full.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "layout/layout.hpp"

struct lxw_worksheet;

namespace gongwen::xlsx {

struct SheetPrint {
  bool landscape = false;
  int title_first = -1, title_last = -1;  ///< rows repeated on every page (-1: none)
  std::vector<uint32_t> breaks;           ///< first row of every page after the first
  bool one_page = false;                  ///< scaled to one page tall (no breaks)
};

/// A sheet at most this much taller than the printable height prints on one page, scaled to
/// fit (≥ 91 %), instead of spilling its last rows onto a second page: the workbook's rows are
/// sized for Excel's and LibreOffice's taller CJK lines (1.45 × size, the PDF's are 1.3), so a
/// form the PDF sets on one page would otherwise print on two. Every shipped form's sheets then
/// print on as many pages as its PDF (自评表 1.07 pages of rows → 1; 绩效评价结果信息表 1: 1.12 → 2).
inline constexpr double kOnePageSlack = 1.10;

/// Whether rows of `row_pt` print on one page of `page_pt` (scaled when taller, within the slack).
bool prints_on_one_page(const std::vector<double>& row_pt, double page_pt);

/// Rows that should not be separated by a page break: [first, last].
using KeepRange = std::pair<uint32_t, uint32_t>;

/// Where pages end, simulating the printout: rows fill `page_pt` of printable height (the
/// layout's type area); pages after the first lose `title_pt` to the repeated title rows. A
/// keep range that fits on a page moves whole to the next one; a longer one breaks between its
/// rows. Returns the first row of each page after the first (at most Excel's 1023).
std::vector<uint32_t> page_breaks(const std::vector<double>& row_pt, const std::vector<KeepRange>& keep, double page_pt,
                                  double title_pt);

/// Paper, orientation, margins, centring, fit to one page wide, header/footer, print titles
/// and manual page breaks from the layout.
void apply_print_setup(lxw_worksheet* ws, const std::string& sheet, const Layout& layout, const SheetPrint& print);

}  // namespace gongwen::xlsx
