#pragma once
// The bounds a layout's values must lie in (docs/limits.md lists them). Anything outside is
// refused where it is read, with file:line:col, so no later stage meets a number it cannot place.
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"

namespace gongwen::limits {

inline constexpr std::size_t kMaxLayoutBytes = 4u << 20;  ///< a layout file, bytes
inline constexpr int kMaxLayoutNesting = 32;  ///< tables/arrays/dotted-key levels in a layout
inline constexpr double kMinPagePt = mm_to_pt(10), kMaxPagePt = mm_to_pt(5000);  ///< page width/height
inline constexpr double kMinFontPt = 1, kMaxFontPt = 1000;  ///< font size
inline constexpr double kMinPitchEm = 0.5, kMaxPitchEm = 10;  ///< line pitch, multiples of the size
inline constexpr double kMinSpacingEm = -0.5, kMaxSpacingEm = 5;  ///< letter spacing, em
inline constexpr std::size_t kMaxTableColumns = 100;  ///< columns of one table
inline constexpr double kMinColumnPt = mm_to_pt(1);   ///< a column's resolved width
inline constexpr double kMinFraction = 0.01, kMaxFraction = 1000;  ///< "1fr" shares
inline constexpr double kMaxBorderPt = 20;   ///< table borders
inline constexpr double kMaxPaddingPt = 100;  ///< table cell padding, each side
inline constexpr double kMaxSummaryColumnPt = mm_to_pt(400);  ///< [[xlsx.summary.columns]] width
inline constexpr std::int64_t kMaxRecordSheets = 100000;  ///< [xlsx] max_record_sheets

}  // namespace gongwen::limits
