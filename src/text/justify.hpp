#pragma once
// Placing the clusters of one line: shrink in the spec's order when the line is too long,
// stretch (spaces and CJK–Latin gaps, then even inter-character spacing) when it is justified.
#include "text/paragraph.hpp"

namespace gongwen {

/// Positions clusters [s, e). `hard_end` lines (a paragraph's last, or before a forced break)
/// are not stretched. `indent` is the line's left indent within the measure.
Line place_line(const ShapedText& t, const ParagraphStyle& style, uint32_t s, uint32_t e, bool continuation,
                bool hard_end, double indent, double measure);

}  // namespace gongwen
