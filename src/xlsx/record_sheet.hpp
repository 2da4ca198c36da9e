#pragma once
// Writes a planned record sheet (record_plan.hpp) into a workbook.
#include <string>

#include "layout/layout.hpp"
#include "xlsx/formats.hpp"
#include "xlsx/record_plan.hpp"

struct lxw_workbook;

namespace gongwen::xlsx {

void write_record_sheet(lxw_workbook* wb, FormatCache& formats, const std::string& name, const Layout& layout,
                        const SheetPlan& plan);

}  // namespace gongwen::xlsx
