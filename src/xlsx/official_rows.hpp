#pragma once
// The official-document blocks in a sheet (附件说明, 署名 and 成文日期 with the seal over them,
// 版记, 版头, images and rules): bound by flow/ as the PDF binds them, then turned into plain rows
// of text across the sheet — alignment, rules above/below, and pictures anchored over them.
// Pure (no libxlsxwriter): record_plan places the rows; record_sheet inserts the pictures.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bind/bind.hpp"
#include "flow/official.hpp"

namespace gongwen::xlsx {

/// An official block of a sheet's layout, with the generic block it goes before
/// (`before` = the number of bound blocks: at the end).
struct SheetOfficial {
  size_t before = 0;
  const Block* spec = nullptr;
  BoundOfficial bound;
};

/// Binds the official blocks among `specs` (the blocks `record` was bound from) against `data` and
/// `document`; `offset` is added to every `before` (for front matter + record + back matter on
/// one sheet). Throws Error(Data) naming the record and field, as rendering does.
std::vector<SheetOfficial> sheet_officials(const std::vector<Block>& specs, const nlohmann::json* data,
                                           const nlohmann::json* document, const RecordOrigin& origin, size_t offset = 0);

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

/// The rows of one official block (or image/rule block).
OfficialRows official_rows(const SheetOfficial& o, const Style& fallback);

/// Where a picture goes: its top-left in pt from the sheet's top-left.
struct PlannedImage {
  std::shared_ptr<const ImageData> image;
  double x = 0, y = 0, w = 0, h = 0;  ///< pt
};

}  // namespace gongwen::xlsx
