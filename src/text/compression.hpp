#pragma once
// The shared vocabulary of line fitting and justification: which sides of a cluster may be
// compressed, and the gaps between clusters. Used by both the breaker and the justifier so the
// line the breaker accepts is exactly the line the justifier can set.
#include "text/paragraph.hpp"

namespace gongwen::compression {

inline bool blank(const Cluster& c) { return c.cls == CharClass::Space || c.first_cp == '\n' || c.first_cp == '\r'; }

/// A Latin word space: shrinks to ¼ em (spec §4). Not U+3000, which is a full-width character.
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

/// Han next to a Latin letter or digit, in either order (the pair that takes ¼ em). A Latin run
/// may end in a percent sign ("85%的").
inline bool han_latin(const Cluster& a, const Cluster& b) {
  return (a.last_cls == CharClass::Ideograph && is_latin(b.cls)) ||
         ((is_latin(a.last_cls) || a.last_cp == '%') && b.cls == CharClass::Ideograph);
}

/// CJK–Latin spacing before cluster b (¼ em when enabled; none next to spaces: a source space
/// there is set to the same ¼ em instead, see source_space).
inline double autospace(const ParagraphStyle& s, const Cluster& a, const Cluster& b, double em) {
  if (!s.cjk_latin_space || blank(a) || blank(b)) return 0;
  return han_latin(a, b) ? 0.25 * em : 0;
}

/// A lone "—" (not half of ——) is the 一字线 连接号 ("表1—表3"): a connector, not a dash.
inline bool lone_em_dash(const std::vector<Cluster>& cl, uint32_t i) {
  return cl[i].first_cp == U'—' && (i == 0 || cl[i - 1].last_cp != U'—') &&
         (i + 1 == cl.size() || cl[i + 1].first_cp != U'—');
}

/// May the gap between clusters i and i + 1 (adjacent, both visible) take inter-character
/// stretch? Never inside a Latin word or number, inside ——/……, next to a connector (spec §4), or
/// between adjacent marks. Spaces stretch themselves.
inline bool stretchable_gap(const std::vector<Cluster>& cl, uint32_t i) {
  const Cluster &a = cl[i], &b = cl[i + 1];
  if (blank(a) || blank(b)) return false;
  if (!is_cjk(a.last_cls) && !is_cjk(b.cls)) return false;
  if (a.last_cls == CharClass::Dash && b.cls == CharClass::Dash) return false;
  if (a.last_cls == CharClass::Connector || b.cls == CharClass::Connector) return false;
  if (lone_em_dash(cl, i) || lone_em_dash(cl, i + 1)) return false;
  return pair_trim(a, b) == PairTrim::None;  // adjacent marks keep their 1.5 em
}

}  // namespace gongwen::compression
