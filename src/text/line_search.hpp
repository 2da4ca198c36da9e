#pragma once
// Paragraph-wide choice of line breaks (Knuth–Plass-like over the break opportunities, kinsoku
// already applied to them): first the loosest justified line is made as tight as any choice of
// breaks allows (0.04 em per gap is tight enough), then the looseness of all lines is minimised
// among those choices; a 孤字 is avoided when that costs no line beyond the same limit.
#include <cstdint>
#include <optional>
#include <vector>

#include "text/breaks.hpp"
#include "text/line_measure.hpp"
#include "text/paragraph.hpp"

namespace gongwen {

struct LineSpan {
  uint32_t s, e;
};

/// The best breaks of the paragraph, or nothing when some stretch of it has no line that fits
/// (a token wider than a line: the greedy breaker handles that).
/// `pm` measures the lines of `t` (the paragraph's one measure, shared with the greedy breaker).
std::optional<std::vector<LineSpan>> search_breaks(const ParagraphMeasure& pm, const ShapedText& t,
                                                   const std::vector<BreakKind>& breaks, const ParagraphStyle& style,
                                                   double measure);

}  // namespace gongwen
