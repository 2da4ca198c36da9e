#include "text/char_class.hpp"

#include <unicode/uchar.h>

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
}  // namespace

CharClass classify(char32_t cp) {
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

bool no_line_start(char32_t cp) { return in(cp, kNoStart); }
bool no_line_end(char32_t cp) { return in(cp, kNoEnd); }

}  // namespace gongwen
