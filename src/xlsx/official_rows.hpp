#pragma once
// The official-document blocks in a sheet (附件说明, 署名 and 成文日期 with the seal over them,
// 版记, 版头, images and rules), as bound for the PDF, turned into plain rows of text across the
// sheet — alignment, rules above/below, and pictures anchored over them.
// Pure (no libxlsxwriter): record_plan places the rows; record_sheet inserts the pictures.
#include <memory>
#include <string>
#include <vector>

#include "bind/bound.hpp"

namespace gongwen::xlsx {

/// One row across the sheet: text on the left and/or right, or centred.
struct SheetLine {
  std::string left, right, center;
  const Style* style = nullptr;
  double rule_above = 0, rule_below = 0;  ///< pt; 0 = none
  Color rule_color{};
  double height = 0;  ///< pt at least (pictures, rules)
};

/// A picture over the rows: its centre `dx` pt left of the sheet's right edge (0: centred) and at
/// the bottom of line `line` (+ `dy` pt).
struct SheetPicture {
  std::shared_ptr<const ImageData> image;
  double w = 0, h = 0;  ///< pt
  size_t line = 0;
  double from_right = 0, dy = 0;
};

struct OfficialRows {
  std::vector<SheetLine> lines;
  std::vector<SheetPicture> pictures;
};

/// Width of `text` in ems: CJK and full-width characters one, the rest half.
double text_ems(const std::string& text);

/// The rows of one official block (or image/rule block); none for other blocks.
OfficialRows official_rows(const BoundBlock& block, const Style& fallback);

/// Where a picture goes: its top-left in pt from the sheet's top-left.
struct PlannedImage {
  std::shared_ptr<const ImageData> image;
  double x = 0, y = 0, w = 0, h = 0;  ///< pt
};

}  // namespace gongwen::xlsx
