#pragma once
// Ink extents of laid-out text, from the glyphs' outline bounds (HarfBuzz extents): for positions
// the standard measures on the ink, not on the em box (GB/T 9704 §7.2.5, §7.5).
#include <optional>

#include "text/paragraph.hpp"

namespace gongwen {

/// The highest ink of line `i` (only glyphs of `only` when non-zero), in pt below the top of the
/// line's box; nothing when the line has no such ink.
std::optional<double> ink_top(const ParagraphLayout& p, size_t i, char32_t only = 0);

}  // namespace gongwen
