#pragma once
// A paragraph of Chinese text laid out into lines: shaped once, broken by clreq rules (greedy
// first fit with 先挤进后推出; the paragraph-wide search when that leaves a loose line or a 孤字),
// justified in the spec's shrink/stretch order.
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"
#include "text/breaks.hpp"
#include "text/shape.hpp"

namespace gongwen {

enum class Align { Justify = 0, Left, Center, Right };

/// How much full-width punctuation may give up when a line is too long (spec §4).
enum class PunctuationStyle {
  Standard = 0,  ///< only line edges and adjacent pairs (full-width style; keeps a grid)
  Compress,      ///< also ，、；： then 。？！ inside the line, and CJK–Latin gaps to ⅛ em
  FullWidth,     ///< none: every mark keeps its em (公文 on the 28-character grid; lines stretch instead)
};

struct ParagraphStyle {
  const FontChain* fonts = nullptr;
  double size = 16;           ///< pt
  Color color;
  double letter_spacing = 0;  ///< pt added after every character (tracking; may be negative)
  double line_pitch = 0;      ///< baseline-to-baseline distance, pt; 0 means 1.5 × size
  double first_indent = 0;    ///< pt, first line
  double hanging_indent = 0;  ///< pt, every other line
  Align align = Align::Justify;
  bool cjk_latin_space = true;   ///< ¼ em between Han and Latin/digits (a source space there is set to it)
  bool line_start_half = false;  ///< an opening bracket starting a line drops its blank half (else full width)
  PunctuationStyle punctuation = PunctuationStyle::Standard;
  bool orphan_control = true;    ///< a last line of one Han character pulls one down (孤字)
  BreakRules breaks;

  double pitch() const { return line_pitch > 0 ? line_pitch : 1.5 * size; }
};

struct Line {
  uint32_t begin = 0, end = 0;   ///< visible clusters (trailing spaces excluded)
  std::vector<double> x;         ///< glyph origin of each cluster, pt from the paragraph's left edge
  double left = 0, right = 0;    ///< extent of the line's advances, pt from the left edge
  bool justified = false;        ///< stretched or shrunk to the full measure
  double stretch = 0;            ///< extra given to each stretchable gap, pt
};

struct ParagraphLayout {
  ShapedText shaped;
  std::vector<Line> lines;
  double measure = 0;    ///< pt
  double pitch = 0;      ///< pt
  double baseline = 0;   ///< from the top of a line box to its baseline, pt
  Color color;

  double height() const { return pitch * static_cast<double>(lines.size()); }
  /// The source text of line i (visible part), for tests and diagnostics.
  std::string line_text(size_t i) const;
};

/// Lays out `text` in a column `measure` pt wide. Throws Error(Font) for uncovered characters.
ParagraphLayout layout_paragraph(std::string_view text, const ParagraphStyle& style, double measure);
/// The same for text shaped beforehand (at `style.size`): a run-in heading shaped in its own
/// font and joined to the body text of its paragraph.
ParagraphLayout layout_shaped(ShapedText shaped, const ParagraphStyle& style, double measure);

/// Appends glyph runs for lines [from, to) with the top of line `from` at (x, y_top).
void emit_lines(const ParagraphLayout& p, size_t from, size_t to, double x, double y_top, std::vector<Item>& out);

}  // namespace gongwen
