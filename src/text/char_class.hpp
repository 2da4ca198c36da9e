#pragma once
// Character classes for Chinese composition (clreq, GB/T 15834), from spec §4.
#include <cstdint>

namespace gongwen {

enum class CharClass : uint8_t {
  Other = 0,
  Ideograph,  ///< Han characters, kana, full-width letters: one em, stretchable gaps
  Open,       ///< opening brackets and quotes: ink on the right half of the em
  Close,      ///< closing brackets and quotes: ink on the left half
  Pause,      ///< ，、；： — ink on the left half (SC), compressible inside a line
  Stop,       ///< 。？！ — ink on the left half, compressed last
  Middle,     ///< 间隔号 · ・ — ink centred
  Dash,       ///< — … ⸺ ⋯ : 2-em marks are never split nor stretched inside
  Connector,  ///< – ～ / ／ - : no stretching on either side
  Letter,     ///< Latin and other alphabetic scripts
  Digit,      ///< 0-9 (and full-width digits)
  Space,
};

CharClass classify(char32_t cp);

/// Must not begin a line (spec §4 NO_START, with Word's optional %/℃ set).
bool no_line_start(char32_t cp);
/// Must not end a line (spec §4 NO_END).
bool no_line_end(char32_t cp);

/// Punctuation whose glyph fills a full em and may lose half of it (先挤进).
inline bool is_compressible(CharClass c) {
  return c == CharClass::Open || c == CharClass::Close || c == CharClass::Pause ||
         c == CharClass::Stop || c == CharClass::Middle;
}
/// East Asian wide text: gaps next to it may stretch, and a Latin neighbour gets CJK–Latin space.
inline bool is_cjk(CharClass c) {
  return c == CharClass::Ideograph || is_compressible(c) || c == CharClass::Dash;
}
inline bool is_latin(CharClass c) { return c == CharClass::Letter || c == CharClass::Digit; }

}  // namespace gongwen
