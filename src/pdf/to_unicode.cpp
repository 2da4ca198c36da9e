#include "pdf/to_unicode.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "pdf/pdf_format.hpp"

namespace gongwen::pdf {

void ToUnicodeMap::add(uint16_t code, std::string_view utf8) {
  if (utf8.empty()) return;
  map_.try_emplace(code, utf16be(utf8));  // first mapping wins
}

namespace {

void append_hex_bytes(std::string& out, std::string_view bytes) {
  static const char* hex = "0123456789ABCDEF";
  out.push_back('<');
  for (unsigned char c : bytes) {
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
  }
  out.push_back('>');
}

uint32_t single_unit(const std::string& utf16) {
  if (utf16.size() != 2) return 0x110000;  // not a single BMP unit: never part of a range
  return (static_cast<uint32_t>(static_cast<unsigned char>(utf16[0])) << 8) | static_cast<unsigned char>(utf16[1]);
}

struct Range {
  uint16_t first, last;
  std::string dest;
};

template <typename T, typename F>
void emit_blocks(std::string& out, const std::vector<T>& items, const char* kind, F&& line) {
  for (size_t i = 0; i < items.size(); i += 100) {
    size_t n = std::min<size_t>(100, items.size() - i);
    out += std::to_string(n) + " begin" + kind + "\n";
    for (size_t k = i; k < i + n; ++k) line(items[k]);
    out += std::string("end") + kind + "\n";
  }
}

}  // namespace

std::string build_to_unicode_cmap(const ToUnicodeMap& map) {
  std::vector<std::pair<uint16_t, std::string>> chars;
  std::vector<Range> ranges;
  const auto& m = map.entries();
  for (auto it = m.begin(); it != m.end();) {
    const uint16_t first = it->first;
    const uint32_t unit = single_unit(it->second);
    auto end = std::next(it);
    uint32_t k = 1;
    if (unit <= 0xFFFF) {
      while (end != m.end() && end->first == first + k && (first >> 8) == (end->first >> 8) &&
             single_unit(end->second) == unit + k && (unit & 0xFF) + k <= 0xFF) {
        ++end;
        ++k;
      }
    }
    if (k >= 2)
      ranges.push_back({first, static_cast<uint16_t>(first + k - 1), it->second});
    else
      chars.emplace_back(first, it->second);
    it = end;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  emit_blocks(out, chars, "bfchar", [&](const std::pair<uint16_t, std::string>& c) {
    out.push_back('<');
    append_hex4(out, c.first);
    out += "> ";
    append_hex_bytes(out, c.second);
    out.push_back('\n');
  });
  emit_blocks(out, ranges, "bfrange", [&](const Range& r) {
    out.push_back('<');
    append_hex4(out, r.first);
    out += "> <";
    append_hex4(out, r.last);
    out += "> ";
    append_hex_bytes(out, r.dest);
    out.push_back('\n');
  });
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace gongwen::pdf
