#pragma once
// Pictures over a sheet's rows (seals over the 署名, image blocks): placed by their top-left in
// pt, converted to the cell they start in plus an offset in pixels, scaled to their size.
#include <string>
#include <vector>

#include "xlsx/record_plan.hpp"

struct lxw_worksheet;

namespace gongwen::xlsx {

/// Pixels per inch libxlsxwriter reads from the picture (PNG pHYs, JPEG JFIF), 96 without.
double image_dpi(const ImageData& image);

/// `row_pt`: the heights Excel gives the rows. The images' bytes must outlive the workbook
/// (they belong to the layout).
void insert_images(lxw_worksheet* ws, const std::string& sheet, const SheetPlan& plan, const std::vector<double>& row_pt);

}  // namespace gongwen::xlsx
