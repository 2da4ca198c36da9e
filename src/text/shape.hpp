#pragma once
// Itemize a paragraph by covering font and script, shape each run once with HarfBuzz, and group
// the glyphs into clusters that remember the source text they came from.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "font/font_book.hpp"
#include "text/char_class.hpp"

namespace gongwen {

struct ShapedGlyph {
  uint32_t gid = 0;
  double advance = 0;  ///< pt
  double dx = 0, dy = 0;  ///< HarfBuzz offsets, pt
};

/// The smallest unit of line layout: one HarfBuzz cluster (a character, or a ligature / base +
/// marks), never split across lines.
struct Cluster {
  uint32_t begin = 0, end = 0;           ///< byte range in the paragraph text
  uint32_t glyph_begin = 0, glyph_end = 0;  ///< range in ShapedText::glyphs
  char32_t first_cp = 0, last_cp = 0;
  CharClass cls = CharClass::Other;       ///< class of the first character
  CharClass last_cls = CharClass::Other;  ///< class of the last character
  const Face* face = nullptr;
  double advance = 0;      ///< natural advance, pt, letter spacing included
  bool full_width = false; ///< the glyph fills an em (compressible punctuation must)
};

struct ShapedText {
  std::string text;  ///< the paragraph, UTF-8
  double size = 0;   ///< pt
  std::vector<ShapedGlyph> glyphs;
  std::vector<Cluster> clusters;
};

/// "no font covers 'X' U+XXXX NAME (family F, tried a, b)": the message for an uncovered character.
std::string uncovered_message(char32_t cp, const FontChain& chain);

/// Throws Error(Font) with that message for the first character of `text` no face of `chain`
/// covers (as shaping would), without shaping.
void check_covered(std::string_view text, const FontChain& chain);

/// Shapes `text` with `chain` at `size` pt. Throws Error(Font) naming the character, its code
/// point and the fonts tried when no face covers a character.
/// Most ideographs skip HarfBuzz (Face::direct_glyphs); the result is the same as shaping
/// every run with HarfBuzz, which detail::shape_paragraph_reference does (for tests).
ShapedText shape_paragraph(std::string_view text, const FontChain& chain, double size, double letter_spacing = 0);

namespace detail {
ShapedText shape_paragraph_reference(std::string_view text, const FontChain& chain, double size, double letter_spacing = 0);
}

}  // namespace gongwen
