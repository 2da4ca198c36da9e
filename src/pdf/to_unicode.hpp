#pragma once
// ToUnicode CMaps: what makes copy/paste and pdftotext give back the source text.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace gongwen::pdf {

/// Collects code → text for one font. The text comes from a glyph's range in its run: a ligature
/// maps to all of its characters, a glyph continuing a cluster (empty range) maps nothing, and
/// the first text seen for a code wins (later uses of the same glyph never rewrite it).
class ToUnicodeMap {
 public:
  /// `utf8` is the glyph's text range; empty ranges are ignored.
  void add(uint16_t code, std::string_view utf8);
  bool empty() const { return map_.empty(); }
  /// code → UTF-16BE bytes.
  const std::map<uint16_t, std::string>& entries() const { return map_; }

 private:
  std::map<uint16_t, std::string> map_;
};

/// The CMap program: 2-byte codespace, bfchar / bfrange blocks of at most 100 entries, UTF-16BE
/// destinations (surrogate pairs for non-BMP). Ranges only where codes and single-unit
/// destinations both step by one inside the same last byte.
std::string build_to_unicode_cmap(const ToUnicodeMap& map);

}  // namespace gongwen::pdf
