#pragma once
// Official-document pieces of pagination (GB/T 9704-2012): heading detection and run-in heading
// paragraphs, balanced title lines, the width of a label that wrapped lines align to.
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.hpp"
#include "text/paragraph.hpp"

namespace gongwen {

/// 1 for "一、", 2 for "（一）", 3 for "1." and 4 for "（1）" at the start of `text`; 0 otherwise.
int heading_level(std::string_view text);

/// Bytes of `text` set in the heading font: through the first "。" when more text follows it
/// (a run-in heading: "（一）评价范围。本次评价……"), else all of it.
size_t heading_extent(std::string_view text);

/// A paragraph whose first `head_bytes` are set in `heading`'s font and the rest in `body`'s
/// (same size); the paragraph settings (indent, alignment, pitch) are `para`'s.
ParagraphLayout layout_run_in(std::string_view text, size_t head_bytes, const ParagraphStyle& heading,
                              const ParagraphStyle& body, const ParagraphStyle& para, double measure);

/// A centred title's lines: as few as fit, of similar length (梯形 or 菱形, never 沙漏), broken
/// between words where possible (§7.3.1). One string per line.
std::vector<std::string> balance_lines(std::string_view text, const ParagraphStyle& style, double measure);

/// The advance of `prefix` when text follows it on the line, in `style` ("附件：", "1."): the
/// offset at which wrapped lines align to what follows.
double prefix_width(std::string_view prefix, const ParagraphStyle& style);

}  // namespace gongwen
