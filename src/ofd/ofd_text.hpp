#pragma once
// How a glyph run becomes OFD text: clusters (characters ↔ glyphs) and TextCode segments.
// Shared by the font collection (which characters and glyphs a face needs), the page writer and
// the ID count (a run whose text is all blank draws nothing and gets no TextObject).
#include <cstdint>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace gongwen::ofd {

/// Glyphs [first_glyph, first_glyph + glyph_count) of a run standing for the characters of the
/// run text's bytes [text_begin, text_end) (the range the cluster's first glyph carries).
struct Cluster {
  uint32_t first_glyph = 0, glyph_count = 0;
  uint32_t text_begin = 0, text_end = 0;
  uint32_t char_count = 0;
  char32_t first_char = 0;
  bool blank = false;  ///< every character is a space (draws nothing)
};

/// The run's clusters in glyph order. A glyph with an empty text range continues the previous
/// cluster (or, at the start, joins the next one). Clusters without characters are dropped.
/// Throws Error(Render) for a glyph range outside the run text.
std::vector<Cluster> clusters_of(const GlyphRun& run);

/// Whether `cp` is a space character (U+0020, U+00A0, U+2000–U+200B, U+3000, tab).
bool is_blank(char32_t cp);

/// Whether a run of these clusters draws anything in OFD: one of them is not blank.
bool draws_text(const std::vector<Cluster>& clusters);

}  // namespace gongwen::ofd
