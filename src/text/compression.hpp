#pragma once
// The shared vocabulary of line fitting and justification: which sides of a cluster may be
// compressed, and the gaps between clusters. Used by both the breaker and the justifier so the
// line the breaker accepts is exactly the line the justifier can set.
#include "text/paragraph.hpp"

namespace gongwen::compression {

inline bool blank(const Cluster& c) { return c.cls == CharClass::Space || c.first_cp == '\n' || c.first_cp == '\r'; }

/// A Latin word space: shrinks to ¼ em, stretches to ½ em (spec §4). Not U+3000, which is a
/// full-width character.
inline bool word_space(const Cluster& c) { return c.first_cp == ' ' || c.first_cp == 0xA0; }

/// Ink on the left half: the right half may go (，。、；：？！ and closing marks).
inline bool right_trimmable(const Cluster& c) {
  return c.full_width && (c.cls == CharClass::Close || c.cls == CharClass::Pause || c.cls == CharClass::Stop);
}
/// Ink on the right half: the left half may go (opening marks).
inline bool left_trimmable(const Cluster& c) { return c.full_width && c.cls == CharClass::Open; }

/// Adjacent punctuation (2 em → 1.5 em): the blank half between them goes. Returns which side.
enum class PairTrim { None, RightOfFirst, LeftOfSecond };
inline PairTrim pair_trim(const Cluster& a, const Cluster& b) {
  bool a_p = a.full_width && is_compressible(a.cls), b_p = b.full_width && is_compressible(b.cls);
  if (!a_p || !b_p) return PairTrim::None;
  if (right_trimmable(a)) return PairTrim::RightOfFirst;
  if (left_trimmable(b)) return PairTrim::LeftOfSecond;
  return PairTrim::None;
}

/// CJK–Latin spacing before cluster b (¼ em when enabled; none next to spaces).
inline double autospace(const ParagraphStyle& s, const Cluster& a, const Cluster& b, double em) {
  if (!s.cjk_latin_space || blank(a) || blank(b)) return 0;
  bool cjk_latin = (a.last_cls == CharClass::Ideograph && is_latin(b.cls)) ||
                   (is_latin(a.last_cls) && b.cls == CharClass::Ideograph);
  return cjk_latin ? 0.25 * em : 0;
}

}  // namespace gongwen::compression
