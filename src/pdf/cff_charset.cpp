#include "pdf/cff_charset.hpp"

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"

namespace gongwen::pdf {

namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorKind::Render, "malformed CFF table: " + what);
}

uint8_t u8(std::string_view d, size_t at) {
  if (at >= d.size()) malformed("read past the end of the table");
  return static_cast<uint8_t>(d[at]);
}
uint32_t u16(std::string_view d, size_t at) { return (uint32_t{u8(d, at)} << 8) | u8(d, at + 1); }
uint32_t offset_n(std::string_view d, size_t at, unsigned size) {
  uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) v = (v << 8) | u8(d, at + i);
  return v;
}

// Real operand: packed BCD nibbles (TN 5176 table 5). Only used for FontMatrix-like values.
double read_real(std::string_view d, size_t& pos) {
  std::string text;
  static const char* nib[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "E", "E-", "", "-", ""};
  for (;;) {
    uint8_t b = u8(d, pos++);
    for (int n : {b >> 4, b & 15}) {
      if (n == 15) return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr);
      if (n == 13) malformed("reserved nibble in a real number");
      text += nib[n];
    }
  }
}

}  // namespace

CffIndex cff_read_index(std::string_view d, size_t offset) {
  CffIndex idx;
  idx.begin = offset;
  uint32_t count = u16(d, offset);
  if (count == 0) {
    idx.end = offset + 2;
    return idx;
  }
  unsigned off_size = u8(d, offset + 2);
  if (off_size < 1 || off_size > 4) malformed("INDEX offSize " + std::to_string(off_size));
  size_t offsets_at = offset + 3;
  size_t data_base = offsets_at + size_t{count + 1} * off_size - 1;  // offsets are 1-based
  idx.items.reserve(count);
  uint32_t prev = offset_n(d, offsets_at, off_size);
  if (prev != 1) malformed("INDEX first offset is not 1");
  for (uint32_t i = 1; i <= count; ++i) {
    uint32_t next = offset_n(d, offsets_at + size_t{i} * off_size, off_size);
    if (next < prev) malformed("INDEX offsets decrease");
    idx.items.emplace_back(data_base + prev, data_base + next);
    prev = next;
  }
  idx.end = data_base + prev;
  if (idx.end > d.size()) malformed("INDEX data past the end of the table");
  return idx;
}

std::vector<CffDictEntry> cff_read_dict(std::string_view d) {
  std::vector<CffDictEntry> out;
  CffDictEntry cur;
  size_t start = 0, pos = 0;
  while (pos < d.size()) {
    uint8_t b0 = u8(d, pos);
    if (b0 <= 21) {  // operator
      int op = b0;
      ++pos;
      if (b0 == 12) op = 1200 + u8(d, pos++);
      cur.op = op;
      cur.raw = std::string(d.substr(start, pos - start));
      out.push_back(std::move(cur));
      cur = {};
      start = pos;
    } else if (b0 == 28) {
      cur.operands.push_back(static_cast<int16_t>(u16(d, pos + 1)));
      pos += 3;
    } else if (b0 == 29) {
      cur.operands.push_back(static_cast<int32_t>(offset_n(d, pos + 1, 4)));
      pos += 5;
    } else if (b0 == 30) {
      ++pos;
      cur.operands.push_back(read_real(d, pos));
    } else if (b0 >= 32 && b0 <= 246) {
      cur.operands.push_back(b0 - 139);
      ++pos;
    } else if (b0 >= 247 && b0 <= 250) {
      cur.operands.push_back((b0 - 247) * 256 + u8(d, pos + 1) + 108);
      pos += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      cur.operands.push_back(-(b0 - 251) * 256 - u8(d, pos + 1) - 108);
      pos += 2;
    } else {
      malformed("reserved DICT byte " + std::to_string(b0));
    }
  }
  if (!cur.operands.empty()) malformed("DICT ends with operands but no operator");
  return out;
}

namespace {

const CffDictEntry* find(const std::vector<CffDictEntry>& dict, int op) {
  for (const auto& e : dict)
    if (e.op == op) return &e;
  return nullptr;
}

size_t operand_offset(const CffDictEntry& e, size_t index, std::string_view d, const char* what) {
  if (e.operands.size() <= index) malformed(std::string(what) + " has too few operands");
  double v = e.operands[index];
  if (v < 0 || v >= static_cast<double>(d.size()) || v != std::floor(v))
    malformed(std::string(what) + " offset out of range");
  return static_cast<size_t>(v);
}

std::string sid_string(const CffInfo& info, std::string_view d, double sid) {
  if (sid < 391) return {};  // standard strings never name a registry/ordering in practice
  size_t i = static_cast<size_t>(sid) - 391;
  if (i >= info.strings.items.size()) malformed("SID beyond the String INDEX");
  auto [b, e] = info.strings.items[i];
  return std::string(d.substr(b, e - b));
}

// charset formats 0/1/2 (TN 5176 §13). Glyph 0 (.notdef) is implicit and always 0.
std::vector<uint16_t> read_charset(std::string_view d, size_t at, unsigned glyphs) {
  std::vector<uint16_t> cs;
  cs.reserve(glyphs);
  cs.push_back(0);
  uint8_t format = u8(d, at++);
  if (format == 0) {
    while (cs.size() < glyphs) {
      cs.push_back(static_cast<uint16_t>(u16(d, at)));
      at += 2;
    }
  } else if (format == 1 || format == 2) {
    while (cs.size() < glyphs) {
      uint32_t first = u16(d, at);
      uint32_t left = format == 1 ? u8(d, at + 2) : u16(d, at + 2);
      at += format == 1 ? 3 : 4;
      for (uint32_t k = 0; k <= left && cs.size() < glyphs; ++k) {
        if (first + k > 0xFFFF) malformed("charset range beyond 65535");
        cs.push_back(static_cast<uint16_t>(first + k));
      }
    }
  } else {
    malformed("unknown charset format " + std::to_string(format));
  }
  return cs;
}

}  // namespace

CffInfo cff_parse(std::string_view d) {
  CffInfo info;
  if (d.size() < 4) malformed("shorter than its header");
  if (u8(d, 0) != 1) malformed("major version " + std::to_string(u8(d, 0)) + " (only CFF 1 is embeddable)");
  size_t hdr_size = u8(d, 2);
  info.names = cff_read_index(d, hdr_size);
  info.top_dicts = cff_read_index(d, info.names.end);
  info.strings = cff_read_index(d, info.top_dicts.end);
  info.global_subrs = cff_read_index(d, info.strings.end);
  if (info.top_dicts.items.size() != 1) malformed("expected exactly one font (Top DICT)");
  auto [tb, te] = info.top_dicts.items[0];
  info.top = cff_read_dict(d.substr(tb, te - tb));

  const CffDictEntry* cs = find(info.top, cff_op::kCharStrings);
  if (!cs) malformed("Top DICT has no CharStrings");
  info.char_strings = cff_read_index(d, operand_offset(*cs, 0, d, "CharStrings"));
  info.glyph_count = static_cast<unsigned>(info.char_strings.items.size());
  if (info.glyph_count == 0) malformed("no glyphs");

  // A CID-keyed font's Top DICT begins with ROS (TN 5176 §18).
  if (!info.top.empty() && info.top.front().op == cff_op::kRos) {
    const auto& ros = info.top.front();
    if (ros.operands.size() != 3) malformed("ROS needs three operands");
    info.cid_keyed = true;
    info.registry = sid_string(info, d, ros.operands[0]);
    info.ordering = sid_string(info, d, ros.operands[1]);
    info.supplement = static_cast<int>(ros.operands[2]);
  }

  const CffDictEntry* charset = find(info.top, cff_op::kCharset);
  double charset_offset = charset && !charset->operands.empty() ? charset->operands[0] : 0;
  if (charset_offset > 2) {
    info.charset = read_charset(d, operand_offset(*charset, 0, d, "charset"), info.glyph_count);
  } else if (info.cid_keyed) {
    malformed("CID-keyed font with a predefined charset");
  }
  return info;
}

std::vector<uint16_t> cff_gid_to_cid(const CffInfo& info) {
  if (info.cid_keyed) return info.charset;
  std::vector<uint16_t> identity(info.glyph_count);
  for (unsigned g = 0; g < info.glyph_count; ++g) identity[g] = static_cast<uint16_t>(g);
  return identity;
}

}  // namespace gongwen::pdf
