#pragma once
// The summary sheet (一览表): one row per record with typed values, a frozen, filterable
// header row and a totals row of SUM formulas. With `streaming` (constant-memory workbooks for
// large batches) rows are written strictly in order and nothing is merged, so memory does not
// grow with the record count.
#include <string>

#include "bind/bound.hpp"
#include "font/font_book.hpp"
#include "xlsx/formats.hpp"

struct lxw_workbook;

namespace gongwen::xlsx {

void write_summary_sheet(lxw_workbook* wb, FormatCache& formats, const std::string& name, const Layout& layout,
                         const BoundDocument& doc, const FontBook& fonts, bool streaming);

/// Upper bound of the width (pt) of `text`'s widest line at `size`: an em for every non-ASCII
/// character, 0.7 em for ASCII. Lets the writer skip shaping text that surely fits.
double estimate_width(std::string_view text, double size);

}  // namespace gongwen::xlsx
