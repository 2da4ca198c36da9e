#pragma once
// Row heights for spreadsheet cells, measured with the same text engine as the PDF, but set the
// way Excel/WPS will draw the text: a line height of 1.3 × size, no tracking, no first-line
// indent (it is written into the text as ideographic spaces), a narrower measure for safety.
#include <string>
#include <vector>

#include "layout/layout.hpp"

namespace gongwen::xlsx {

/// `style` as Excel renders it (see above). Measure only with the result.
Style excel_style(const Style& style);

/// The cell text for `paragraphs` in `style`: a first-line indent becomes leading U+3000
/// (Excel has no first-line indent), paragraphs joined by line feeds.
std::vector<std::string> excel_paragraphs(const std::vector<std::string>& paragraphs, const Style& style);
std::string join_lines(const std::vector<std::string>& paragraphs);

/// Number of lines Excel needs for `paragraphs` (already excel_paragraphs) in a cell `cell_pt`
/// wide; an empty paragraph still takes a line. `xstyle` comes from excel_style().
size_t line_count(const std::vector<std::string>& paragraphs, const Style& xstyle, double cell_pt);

/// Row height (pt, unclamped) that shows `paragraphs` whole.
double text_height(const std::vector<std::string>& paragraphs, const Style& xstyle, double cell_pt);

/// Splits `paragraphs` into pieces that each fit in a row of `max_row_pt`: between paragraphs
/// where possible, otherwise between lines of a paragraph (cut at the source text of the line).
/// One piece when everything fits.
std::vector<std::vector<std::string>> split_rows(const std::vector<std::string>& paragraphs, const Style& xstyle,
                                                 double cell_pt, double max_row_pt);

/// Width (pt) of the widest line of `text` set on one line, for column widths.
double natural_width(const std::string& text, const Style& xstyle);

}  // namespace gongwen::xlsx
