#pragma once
// Cell formats: a value type describing one (font, alignment, borders, number format) and a
// cache that turns each distinct description into exactly one lxw_format, so a batch with
// thousands of cells still writes a handful of styles.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "layout/layout.hpp"

struct lxw_workbook;
struct lxw_format;

namespace gongwen {
class FontBook;
}

namespace gongwen::xlsx {

/// Values of libxlsxwriter's enums, kept as plain integers so this header stays free of it.
struct CellFormat {
  std::string font;         ///< office font name ("仿宋_GB2312")
  double size = 11;         ///< pt
  bool bold = false;
  uint8_t charset = 0;      ///< 134 (GB2312) for Chinese font names, as Excel zh-CN writes them
  uint32_t color = 0;       ///< 0xRRGGBB; 0 = automatic (black)
  uint8_t align = 0;        ///< lxw_format_alignments, horizontal
  uint8_t valign = 0;       ///< lxw_format_alignments, vertical
  bool wrap = false;
  uint8_t top = 0, bottom = 0, left = 0, right = 0;  ///< lxw_format_borders
  uint32_t border_color = 0;  ///< 0xRRGGBB; 0 = automatic
  std::string num_format;   ///< "" = General
  auto operator<=>(const CellFormat&) const = default;
};

/// 0xRRGGBB of a colour; 0 (automatic) for black.
uint32_t rgb(const Color& c);

/// Font, size, weight, colour and alignment of a layout style, as a wrapped cell.
CellFormat style_format(const Style& style, const FontBook& fonts);

/// Excel number format for a number shown with `decimals` places between literal `prefix` and
/// `suffix`: (2, "", "万元") → 0.00"万元"; `grouping` gives #,##0, `percent` appends % (the
/// cell then holds the fraction).
std::string number_format(int decimals, std::string_view prefix, std::string_view suffix, bool grouping = false,
                          bool percent = false);
/// The format for a template's number (NumericCell::excel_format() quotes a '"' wrongly).
std::string number_format(const NumericCell& n);

class FormatCache {
 public:
  explicit FormatCache(lxw_workbook* wb) : wb_(wb) {}
  /// The workbook's format for `f`, created on first use.
  lxw_format* get(const CellFormat& f);
  size_t size() const { return cache_.size(); }

 private:
  lxw_workbook* wb_;
  std::map<CellFormat, lxw_format*> cache_;
};

}  // namespace gongwen::xlsx
