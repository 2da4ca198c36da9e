#include "batch/safe_name.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>

#include "core/utf8.hpp"

namespace gongwen {

namespace {
std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// Cuts to at most `max` bytes without splitting a UTF-8 sequence.
std::string cut(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

/// `s` in NFC (UNORM2_COMPOSE) or NFD (UNORM2_DECOMPOSE), case-folded and normalised again when
/// `fold`; unchanged if ICU fails (it cannot on valid UTF-8 with its data present).
std::string normalized(std::string_view s, UNormalization2Mode mode, bool fold = false) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, "nfc", mode, status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  if (fold) {
    out.foldCase();
    out = n->normalize(out, status);
    if (U_FAILURE(status)) return std::string(s);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

bool device_name(const std::string& stem) {
  static const std::array<std::string_view, 4> plain = {"con", "prn", "aux", "nul"};
  std::string base = lower_ascii(stem.substr(0, stem.find('.')));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (auto p : plain)
    if (base == p) return true;
  if (base.size() == 4 && (base.rfind("com", 0) == 0 || base.rfind("lpt", 0) == 0) && base[3] >= '0' && base[3] <= '9') return true;
  return false;
}

std::string trim_edges(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '.')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  return s;
}
}  // namespace

std::string safe_stem(std::string_view raw, std::string_view fallback, size_t max_bytes) {
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    char32_t cp = utf8::next(raw, pos);  // invalid bytes come back as U+FFFD
    const bool reserved = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == '/' || cp == '\\' ||
                          cp == ':' || cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|' ||
                          cp == 0xFFFD || cp == 0x2028 || cp == 0x2029;
    if (reserved) {
      if (out.empty() || out.back() != '_') out += '_';
    } else {
      utf8::append(out, cp);
    }
  }
  for (size_t p; (p = out.find("..")) != std::string::npos;) out.replace(p, 2, "_");
  for (size_t p; (p = out.find("__")) != std::string::npos;) out.erase(p, 1);  // "../../x" → "_x"
  out = trim_edges(cut(trim_edges(normalized(out, UNORM2_COMPOSE)), max_bytes));
  if (out.empty() || out == "_") out = std::string(fallback);
  if (device_name(out)) out = cut("_" + out, max_bytes);
  return out;
}

std::string name_key(std::string_view name) { return normalized(name, UNORM2_DECOMPOSE, true); }

std::string UniqueNames::claim(const std::string& stem) {
  std::string name = stem;
  for (int n = 2; !taken_.insert(name_key(name)).second; ++n) {
    const std::string suffix = "-" + std::to_string(n);
    name = cut(stem, max_bytes_ - suffix.size()) + suffix;
  }
  return name;
}

}  // namespace gongwen
