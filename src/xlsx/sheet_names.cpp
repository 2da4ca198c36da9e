#include "xlsx/sheet_names.hpp"

#include <unicode/unistr.h>

#include "core/utf8.hpp"

namespace gongwen::xlsx {

namespace {

constexpr size_t kMaxUnits = 31;

/// Excel compares sheet names case-insensitively across scripts (Ä = ä), so fold with ICU.
std::string fold(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).foldCase().toUTF8String(out);
  return out;
}

std::string trim_apostrophes(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && s[b] == '\'') ++b;
  while (e > b && s[e - 1] == '\'') --e;
  return s.substr(b, e - b);
}

}  // namespace

size_t utf16_units(std::string_view s) {
  size_t pos = 0, units = 0;
  while (pos < s.size()) units += utf8::next(s, pos) > 0xFFFF ? 2 : 1;
  return units;
}

std::string clean_sheet_name(std::string_view name, size_t max_units) {
  std::string replaced;
  size_t pos = 0;
  while (pos < name.size()) {
    const char32_t cp = utf8::next(name, pos);
    const bool bad = cp < 0x20 || cp == 0x7F || cp == 0xFFFD || std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos;
    utf8::append(replaced, bad ? U'_' : cp);
  }
  // Cut first, then trim: a cut may expose an apostrophe at the end.
  std::string cut;
  size_t units = 0;
  pos = 0;
  replaced = trim_apostrophes(std::move(replaced));
  while (pos < replaced.size()) {
    const size_t start = pos;
    const char32_t cp = utf8::next(replaced, pos);
    const size_t u = cp > 0xFFFF ? 2 : 1;
    if (units + u > max_units) break;
    units += u;
    cut.append(replaced, start, pos - start);
  }
  return trim_apostrophes(std::move(cut));
}

bool SheetNamer::taken(const std::string& name) const {
  const std::string f = fold(name);
  return f == "history" || folded_.count(f) > 0;
}

std::string SheetNamer::take(std::string_view wanted, std::string_view fallback) {
  std::string base = clean_sheet_name(wanted, kMaxUnits);
  if (base.empty()) base = clean_sheet_name(fallback, kMaxUnits);
  if (base.empty()) base = "Sheet";
  std::string name = base;
  for (size_t n = 2; taken(name); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    std::string head = clean_sheet_name(base, kMaxUnits - suffix.size());
    name = head + suffix;
  }
  folded_.insert(fold(name));
  return name;
}

}  // namespace gongwen::xlsx
