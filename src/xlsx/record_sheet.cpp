#include "xlsx/record_sheet.hpp"

#include "xlsx/cells.hpp"
#include "xlsx/excel_units.hpp"
#include "xlsx/lxw_support.hpp"
#include "xlsx/sheet_images.hpp"

namespace gongwen::xlsx {

void write_record_sheet(lxw_workbook* wb, FormatCache& formats, const std::string& name, const Layout& layout,
                        const SheetPlan& plan) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (!ws) throw Error(ErrorKind::Render, "XLSX: cannot add sheet '" + name + "' (name rejected or out of memory)");
  SheetWriter out(ws, name);
  // The sheet is a printed form: no screen gridlines competing with the table's own rules.
  worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);

  for (uint32_t c = 0; c < plan.col_width.size(); ++c) out.column_width(c, plan.col_width[c]);
  std::vector<double> heights;  // as Excel will hold them, for the page simulation
  for (uint32_t r = 0; r < plan.row_pt.size(); ++r) {
    out.row_height(r, plan.row_pt[r]);
    heights.push_back(row_height_pt(plan.row_pt[r]));
  }
  for (const PlannedCell& c : plan.cells) {
    lxw_format* f = formats.get(c.format);
    const bool merged = c.r1 > c.r0 || c.c1 > c.c0;
    if (merged) out.merge(c.r0, c.c0, c.r1, c.c1, f);
    if (c.number && !c.formula.empty()) out.formula(c.r0, c.c0, c.formula, *c.number, f);
    else if (c.number) out.number(c.r0, c.c0, *c.number, f);
    else if (!c.text.empty()) out.text(c.r0, c.c0, c.text, f);
    else if (!merged) out.blank(c.r0, c.c0, f);
  }

  insert_images(ws, name, plan, heights);

  SheetPrint print;
  print.landscape = layout.page.width > layout.page.height;
  print.title_first = plan.title_first;
  print.title_last = plan.title_last;
  double title_pt = 0;
  for (int r = plan.title_first; r >= 0 && r <= plan.title_last; ++r) title_pt += heights[static_cast<size_t>(r)];
  print.breaks = page_breaks(heights, plan.keep, layout.page.type_height(), title_pt);
  if (!print.breaks.empty() && prints_on_one_page(heights, layout.page.type_height())) {
    print.breaks.clear();
    print.one_page = true;
  }
  apply_print_setup(ws, name, layout, print);
}

}  // namespace gongwen::xlsx
