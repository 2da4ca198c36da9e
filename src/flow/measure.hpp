#pragma once
// Bound tables measured at a width: column positions, every cell's paragraphs laid out into
// lines, row heights. Shared by the PDF pagination and the XLSX row heights.
#include <vector>

#include "bind/bound.hpp"
#include "text/paragraph.hpp"

namespace gongwen {

/// A cell's text as one column of lines (paragraphs flattened), for splitting between lines.
struct CellText {
  std::vector<ParagraphLayout> paragraphs;
  struct LineRef {
    uint32_t paragraph, line;
    double top;  ///< from the top of the cell's content, pt
  };
  std::vector<LineRef> lines;
  double height = 0;  ///< content height, pt

  /// Lines [from, k) fit in `avail` pt: returns k.
  size_t fit(size_t from, double avail) const;
  /// Height of lines [from, to).
  double span(size_t from, size_t to) const;
};

/// Lays out paragraphs one below the other in a column `width` pt wide.
CellText layout_cell_text(const std::vector<std::string>& paragraphs, const Style& style, double width);

struct MeasuredCell {
  const BoundCell* cell = nullptr;
  double x = 0, width = 0;  ///< outer box, pt from the table's left edge
  CellText text;
  double image_w = 0, image_h = 0;  ///< the picture fitted into the cell, pt (0: none)
  /// Height of the content (picture and text), pt.
  double content_height() const;
};

/// Without image_height a cell's picture is at most this tall (pt): 60 mm, above a 2-inch photo
/// (35 × 49 mm) and a 42 mm seal.
constexpr double kDefaultCellImageMaxHeight = 60 * 72 / 25.4;

/// The size of `image` fitted into a box `box_w` × `box_h` pt (0: no limit that way), keeping
/// its proportions; never wider than `box_w`.
std::pair<double, double> fit_image(const ImageData& image, double box_w, double box_h);

struct MeasuredTable {
  const BoundTable* bound = nullptr;
  std::vector<double> col_x;        ///< column edges, size = columns + 1, pt from the table's left
  std::vector<double> row_heights;  ///< pt, every cell's text fits
  std::vector<MeasuredCell> cells;
  CellText caption;
  double width() const { return col_x.back(); }
};

/// Measures `t` for a type area `width` pt wide. Errors (uncovered characters) name the record
/// and field through `origin`.
MeasuredTable measure_table(const BoundTable& t, double width, const RecordOrigin& origin);

/// Column widths from the layout's fixed widths and fractions of the rest.
std::vector<double> column_edges(const TableBlock& spec, double width);

}  // namespace gongwen
