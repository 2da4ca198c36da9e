#pragma once
// Encoding helpers shared by the CFF writers (cff_cid.cpp, cff_subset.cpp): big-endian numbers,
// DICT operands/operators and INDEX structures (Adobe TN #5176 §§4–6).
#include <cstdint>
#include <string>
#include <vector>

namespace gongwen::pdf::cff_write {

inline void put8(std::string& out, uint32_t v) { out.push_back(static_cast<char>(v & 0xFF)); }
inline void put16(std::string& out, uint32_t v) {
  put8(out, v >> 8);
  put8(out, v);
}
/// An unsigned big-endian number of `size` bytes (INDEX offsets).
inline void put_n(std::string& out, uint32_t v, unsigned size) {
  for (int i = static_cast<int>(size) - 1; i >= 0; --i) put8(out, v >> (8 * i));
}

/// Offsets are always written as 5-byte DICT integers (29 + 4 bytes) so a DICT's size does not
/// depend on the offsets it contains: one layout pass suffices, and a precomputed DICT can be
/// patched in place (patch_int5).
inline void put_int5(std::string& out, uint32_t v) {
  put8(out, 29);
  put_n(out, v, 4);
}
/// Overwrites the value of a 5-byte integer written by put_int5 at `at` (the 29 byte).
inline void patch_int5(std::string& out, size_t at, uint32_t v) {
  for (size_t i = 0; i < 4; ++i) out[at + 1 + i] = static_cast<char>((v >> (8 * (3 - i))) & 0xFF);
}
/// Operators above 1200 are the two-byte ones (12 x), as in CffDictEntry::op.
inline void put_op(std::string& out, int op) {
  if (op >= 1200) {
    put8(out, 12);
    put8(out, static_cast<uint32_t>(op - 1200));
  } else {
    put8(out, static_cast<uint32_t>(op));
  }
}

/// The smallest offSize that can hold offset `last` (offsets are 1-based: last = data size + 1).
inline unsigned off_size_for(size_t last) {
  return last <= 0xFF ? 1 : last <= 0xFFFF ? 2 : last <= 0xFFFFFF ? 3 : 4;
}

/// An INDEX of `items`; its data starts at out.size() - (sum of item sizes).
inline std::string make_index(const std::vector<std::string>& items) {
  std::string out;
  put16(out, static_cast<uint32_t>(items.size()));
  if (items.empty()) return out;
  size_t total = 1;
  for (const auto& it : items) total += it.size();
  const unsigned off_size = off_size_for(total);
  put8(out, off_size);
  size_t off = 1;
  put_n(out, static_cast<uint32_t>(off), off_size);
  for (const auto& it : items) {
    off += it.size();
    put_n(out, static_cast<uint32_t>(off), off_size);
  }
  for (const auto& it : items) out += it;
  return out;
}

}  // namespace gongwen::pdf::cff_write
