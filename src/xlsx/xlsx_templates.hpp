#pragma once
// The workbook's own templates ([xlsx] sheet_name, [xlsx.summary] title and column values),
// rendered for one record as the XLSX writer renders them, so that `gongwen check` meets the
// problems only the workbook would meet (a missing field) and check and render agree.
#include <nlohmann/json.hpp>

#include "bind/bind.hpp"
#include "layout/layout.hpp"

namespace gongwen {

/// Renders `layout.xlsx.sheet_name` and every summary column's value against `fields`, then the
/// summary title against `document` (when the summary has columns, as the writer writes it). Throws Error(Data) with the writer's message: record and
/// field (`data.json: record 3: x: sheet_name: missing field`), or for the title the document
/// (record 0).
void check_xlsx_templates(const Layout& layout, const nlohmann::json& fields, const nlohmann::json& document,
                          const RecordOrigin& origin);

}  // namespace gongwen
