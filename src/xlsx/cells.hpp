#pragma once
// Writing single cells and merged ranges: every libxlsxwriter return code is checked, and the
// error names the sheet and cell. Text always goes in as a string, never as a formula, whatever
// it starts with (=, +, -, @).
#include <cstdint>
#include <string>
#include <string_view>

struct lxw_worksheet;
struct lxw_format;

namespace gongwen::xlsx {

/// Text as Excel must read it back: a literal "_x0041_" would be decoded by Excel as the
/// escape for 'A', so its underscore is itself escaped (_x005F_), as XlsxWriter does.
std::string excel_text(std::string_view text);

/// "Sheet!B7" for messages.
std::string cell_name(const std::string& sheet, uint32_t row, uint32_t col);

class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* ws, std::string name) : ws_(ws), name_(std::move(name)) {}
  lxw_worksheet* get() const { return ws_; }
  const std::string& name() const { return name_; }

  void text(uint32_t row, uint32_t col, std::string_view text, lxw_format* f);
  void number(uint32_t row, uint32_t col, double value, lxw_format* f);
  /// A SUM-style formula with its computed value (so readers without a calculation engine,
  /// and the first display in Excel, show the right number).
  void formula(uint32_t row, uint32_t col, const std::string& formula, double value, lxw_format* f);
  void blank(uint32_t row, uint32_t col, lxw_format* f);
  /// Merges [r0..r1]×[c0..c1] (more than one cell) with format `f` and leaves it empty; write
  /// the value into (r0, c0) afterwards with the same format.
  void merge(uint32_t r0, uint32_t c0, uint32_t r1, uint32_t c1, lxw_format* f);
  void row_height(uint32_t row, double pt);
  void column_width(uint32_t col, double width_chars);

 private:
  lxw_worksheet* ws_;
  std::string name_;
};

}  // namespace gongwen::xlsx
