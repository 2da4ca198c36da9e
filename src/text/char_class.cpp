#include "text/char_class.hpp"

#include <unicode/uchar.h>

#include <atomic>
#include <string_view>

namespace gongwen {

namespace {
bool in(char32_t cp, std::u32string_view set) { return set.find(cp) != std::u32string_view::npos; }

constexpr std::u32string_view kOpen = U"“‘（［｛《〈「『【〔〖([{";
constexpr std::u32string_view kClose = U"”’）］｝》〉」』】〕〗)]}";
constexpr std::u32string_view kPause = U"，、；：";
constexpr std::u32string_view kStop = U"。？！．";
constexpr std::u32string_view kMiddle = U"·・‧";
constexpr std::u32string_view kDash = U"—…⋯⸺";
constexpr std::u32string_view kConnector = U"–～〜/／-‐";

constexpr std::u32string_view kNoStart =
    U"，。、：；！？．,.:;!?”’）］｝)]}》〉」』】〕〗～–—·・‧/／‖々…⋯⸺%％‰℃°′″";
constexpr std::u32string_view kNoEnd = U"“‘（［｛([{《〈「『【〔〖/／$￥¥£￡";

/// The class of a code point, from the sets above and Unicode properties.
CharClass compute_class(char32_t cp) {
  if (cp == ' ' || cp == 0x3000 || cp == '\t' || cp == 0xA0) return CharClass::Space;
  if (cp < 0x80) {
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return CharClass::Letter;
    if (cp >= '0' && cp <= '9') return CharClass::Digit;
  }
  if (in(cp, kOpen)) return CharClass::Open;
  if (in(cp, kClose)) return CharClass::Close;
  if (in(cp, kPause)) return CharClass::Pause;
  if (in(cp, kStop)) return CharClass::Stop;
  if (in(cp, kMiddle)) return CharClass::Middle;
  if (in(cp, kDash)) return CharClass::Dash;
  if (in(cp, kConnector)) return CharClass::Connector;
  if (cp >= 0xFF10 && cp <= 0xFF19) return CharClass::Ideograph;  // full-width digits are one em
  int eaw = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
  if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return CharClass::Ideograph;
  if (u_isalpha(static_cast<UChar32>(cp))) return CharClass::Letter;
  if (u_isdigit(static_cast<UChar32>(cp))) return CharClass::Digit;
  return CharClass::Other;
}

/// Class (low 4 bits) and prohibitions of a code point, packed.
constexpr uint8_t kClassMask = 0x0F, kNoStartBit = 0x10, kNoEndBit = 0x20, kUnset = 0xFF;
uint8_t compute_props(char32_t cp) {
  return static_cast<uint8_t>(static_cast<uint8_t>(compute_class(cp)) | (in(cp, kNoStart) ? kNoStartBit : 0) |
                              (in(cp, kNoEnd) ? kNoEndBit : 0));
}

/// The BMP's properties, computed on first use of each code point: the set scans and ICU's
/// property lookup were a quarter of the layout time. Threads racing on an entry store the same
/// value, so relaxed atomics suffice.
struct PropsCache {
  std::atomic<uint8_t> v[0x10000];
  PropsCache() {
    for (auto& a : v) a.store(kUnset, std::memory_order_relaxed);
  }
};

uint8_t props(char32_t cp) {
  if (cp >= 0x10000) return compute_props(cp);
  static PropsCache cache;
  uint8_t p = cache.v[cp].load(std::memory_order_relaxed);
  if (p == kUnset) {
    p = compute_props(cp);
    cache.v[cp].store(p, std::memory_order_relaxed);
  }
  return p;
}
}  // namespace

CharClass classify(char32_t cp) { return static_cast<CharClass>(props(cp) & kClassMask); }
bool no_line_start(char32_t cp) { return (props(cp) & kNoStartBit) != 0; }
bool no_line_end(char32_t cp) { return (props(cp) & kNoEndBit) != 0; }

}  // namespace gongwen
