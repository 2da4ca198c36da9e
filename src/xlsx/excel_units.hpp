#pragma once
// Excel's units and limits, and how our pt measurements map onto them. Pure arithmetic, no
// libxlsxwriter: tests check these numbers directly.
#include <algorithm>
#include <cmath>
#include <cstddef>

namespace gongwen::xlsx {

/// Excel's hard limits.
inline constexpr double kMaxRowHeight = 409.0;  ///< pt; taller rows are rejected/clamped by Excel
inline constexpr unsigned kMaxRows = 1048576;
inline constexpr unsigned kMaxCols = 16384;
inline constexpr unsigned kMaxPageBreaks = 1023;
inline constexpr double kMaxColumnWidth = 255.0;  ///< character units
inline constexpr size_t kMaxCellChars = 32767;   ///< characters in one cell

/// libxlsxwriter's default font is Calibri 11, whose maximum digit width is 7 px; every column
/// width in the file is counted in those digits, plus 5 px of cell padding.
inline constexpr double kDigitPx = 7.0;
inline constexpr double kColumnPaddingPx = 5.0;

inline double pt_to_px(double pt) { return pt * 96.0 / 72.0; }
inline double px_to_pt(double px) { return px * 72.0 / 96.0; }

/// Column width in Excel character units for a column `pt` wide on screen/paper.
inline double column_width_from_pt(double pt) {
  const double w = (pt_to_px(pt) - kColumnPaddingPx) / kDigitPx;
  return std::clamp(w, 0.0, kMaxColumnWidth);
}

/// The width (pt) Excel actually gives a column set to `width` characters: libxlsxwriter
/// stores round(width·7 + 5) px (for widths ≥ 1), so text must be measured at this width.
inline double column_pt_from_width(double width) {
  if (width <= 0) return 0;
  const double px = width < 1 ? std::floor(width * (kDigitPx + kColumnPaddingPx) + 0.5)
                              : std::floor(width * kDigitPx + 0.5) + kColumnPaddingPx;
  return px_to_pt(px);
}

/// Excel snaps row heights to whole pixels at 96 dpi (0.75 pt); round up so text never loses.
inline double row_height_pt(double pt) {
  const double snapped = std::ceil(pt / 0.75 - 1e-9) * 0.75;
  return std::clamp(snapped, 0.75, kMaxRowHeight);
}

/// How Excel and WPS set a cell's text, compared with our PDF composition.
struct CellMetrics {
  /// Excel's horizontal cell margin, each side (≈ 2–3 px).
  static constexpr double kSideMargin = 2.5;
  /// Excel/WPS render CJK fonts slightly wider than our advances and break lines by their own
  /// rules: measure 6 % narrower so their lines never outnumber ours.
  static constexpr double kWidthSafety = 0.94;
  /// Excel's line height for CJK office fonts (仿宋_GB2312, 黑体) is about 1.3 × size (not the
  /// PDF's pitch); where those fonts are missing, LibreOffice and WPS substitute Noto/Source
  /// Han, whose lines are 1.45 × size: at 1.3 the last line of a tall cell was clipped in the
  /// LibreOffice render. Rows are sized for the larger of the two.
  static constexpr double kExcelLineHeight = 1.3;
  static constexpr double kLineHeight = 1.45;
  /// Vertical room above and below the lines.
  static constexpr double kVerticalExtra = 4.0;

  /// Width (pt) to lay text out in, for a cell `cell_pt` wide.
  static double text_width(double cell_pt) { return std::max(1.0, (cell_pt - 2 * kSideMargin) * kWidthSafety); }
  /// Height (pt) of `lines` lines at `size`.
  static double height(size_t lines, double size) { return static_cast<double>(lines) * size * kLineHeight + kVerticalExtra; }
};

/// Excel paper codes (ECMA-376 §18.18.43 ST_PaperSize) for the layout's page size, either
/// orientation; 0 (printer default) when none matches.
inline int paper_code(double width_pt, double height_pt) {
  struct Paper {
    int code;
    double w_mm, h_mm;
  };
  static constexpr Paper kPapers[] = {
      {9, 210, 297},      {8, 297, 420},       {11, 148, 210},  {13, 182, 257} /* B5 (JIS) */,
      {34, 176, 250} /* B5 (ISO) */, {1, 215.9, 279.4}, {5, 215.9, 355.6},
  };
  const double a = std::min(width_pt, height_pt) * 25.4 / 72, b = std::max(width_pt, height_pt) * 25.4 / 72;
  for (const Paper& p : kPapers)
    if (std::abs(a - p.w_mm) < 1.0 && std::abs(b - p.h_mm) < 1.0) return p.code;
  return 0;
}

/// Border styles (lxw_format_borders values) for a rule `width_pt` thick: Excel's thin line is
/// about 0.75 pt, medium 1.5 pt, thick 2.25 pt.
inline int border_style(double width_pt) {
  if (width_pt <= 0) return 0;        // LXW_BORDER_NONE
  if (width_pt < 0.3) return 7;       // LXW_BORDER_HAIR
  if (width_pt < 0.8) return 1;       // LXW_BORDER_THIN
  if (width_pt < 1.8) return 2;       // LXW_BORDER_MEDIUM
  return 5;                           // LXW_BORDER_THICK
}

}  // namespace gongwen::xlsx
