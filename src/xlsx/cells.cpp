#include "xlsx/cells.hpp"

#include <cctype>

#include "xlsx/excel_units.hpp"
#include "xlsx/lxw_support.hpp"

namespace gongwen::xlsx {

std::string excel_text(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    // _xHHHH_ (case-insensitive hex) would be decoded on reading.
    if (t[i] == '_' && i + 6 < t.size() && (t[i + 1] == 'x' || t[i + 1] == 'X') && t[i + 6] == '_' &&
        std::isxdigit(static_cast<unsigned char>(t[i + 2])) && std::isxdigit(static_cast<unsigned char>(t[i + 3])) &&
        std::isxdigit(static_cast<unsigned char>(t[i + 4])) && std::isxdigit(static_cast<unsigned char>(t[i + 5])))
      out += "_x005F";
    out += t[i];
  }
  return out;
}

std::string cell_name(const std::string& sheet, uint32_t row, uint32_t col) {
  char buf[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(buf, row, static_cast<lxw_col_t>(col));
  return "sheet '" + sheet + "' cell " + buf;
}

void SheetWriter::text(uint32_t row, uint32_t col, std::string_view t, lxw_format* f) {
  const std::string s = excel_text(t);
  if (lxw_utf8_strlen(s.c_str()) > kMaxCellChars)
    throw Error(ErrorKind::Render, "XLSX: " + cell_name(name_, row, col) + ": text of " + std::to_string(lxw_utf8_strlen(s.c_str())) +
                                       " characters exceeds Excel's limit of 32767 per cell");
  // An empty string would write nothing; keep the cell's format (borders) with a blank.
  if (s.empty()) return blank(row, col, f);
  check(worksheet_write_string(ws_, row, static_cast<lxw_col_t>(col), s.c_str(), f), cell_name(name_, row, col));
}

void SheetWriter::number(uint32_t row, uint32_t col, double value, lxw_format* f) {
  check(worksheet_write_number(ws_, row, static_cast<lxw_col_t>(col), value, f), cell_name(name_, row, col));
}

void SheetWriter::formula(uint32_t row, uint32_t col, const std::string& formula, double value, lxw_format* f) {
  check(worksheet_write_formula_num(ws_, row, static_cast<lxw_col_t>(col), formula.c_str(), f, value), cell_name(name_, row, col));
}

void SheetWriter::blank(uint32_t row, uint32_t col, lxw_format* f) {
  if (!f) return;  // a blank without format is nothing at all
  check(worksheet_write_blank(ws_, row, static_cast<lxw_col_t>(col), f), cell_name(name_, row, col));
}

void SheetWriter::merge(uint32_t r0, uint32_t c0, uint32_t r1, uint32_t c1, lxw_format* f) {
  check(worksheet_merge_range(ws_, r0, static_cast<lxw_col_t>(c0), r1, static_cast<lxw_col_t>(c1), "", f),
        cell_name(name_, r0, c0) + ": merge");
}

void SheetWriter::row_height(uint32_t row, double pt) {
  check(worksheet_set_row(ws_, row, row_height_pt(pt), nullptr), "sheet '" + name_ + "' row " + std::to_string(row + 1));
}

void SheetWriter::column_width(uint32_t col, double width) {
  check(worksheet_set_column(ws_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), width, nullptr),
        "sheet '" + name_ + "' column " + std::to_string(col + 1));
}

}  // namespace gongwen::xlsx
