#pragma once
// One record as a sheet, planned before anything is written: the column grid, every row's
// height, every cell (text or number, merged range, format), what to keep together when
// printing and which rows repeat. Pure (no libxlsxwriter), so tests can inspect it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bind/bound.hpp"
#include "xlsx/formats.hpp"
#include "xlsx/official_rows.hpp"
#include "xlsx/print_setup.hpp"

namespace gongwen::xlsx {

struct PlannedCell {
  uint32_t r0 = 0, c0 = 0, r1 = 0, c1 = 0;  ///< inclusive range; more than one cell = merged
  std::string text;                          ///< display text (paragraphs joined by '\n')
  std::optional<double> number;              ///< typed value: written as a number
  CellFormat format;
  std::string formula{};                     ///< with `number` as its cached value: =SUM(D4:D20)
};

struct SheetPlan {
  std::vector<double> col_width;  ///< Excel character units
  std::vector<double> col_pt;     ///< the width Excel gives each column, pt
  std::vector<double> row_pt;     ///< every row's height, pt (≤ 409)
  std::vector<PlannedCell> cells;
  std::vector<KeepRange> keep;    ///< rows a page break should not separate
  int title_first = -1, title_last = -1;  ///< caption + header rows of the first table
  std::vector<PlannedImage> images;       ///< seals and pictures over the rows
};

/// Plans the sheet for `record`, whose tables are laid out at the layout's type width.
/// Throws Error(Data) naming the record and field for characters no font covers.
SheetPlan plan_record_sheet(const Layout& layout, const BoundRecord& record, const FontBook& fonts,
                            const std::string& data_name);

}  // namespace gongwen::xlsx
