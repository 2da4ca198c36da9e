#pragma once
// Flate compression with a Huffman code prepared once: for CFF font programs in batch mode.
//
// Why: once subsetting became a copy (cff_subset.hpp), zlib's deflate of the ~120 KB of font
// programs each document embeds was two thirds of a split batch's CPU time. Charstrings are
// nearly incompressible by LZ77 (zlib level 6 is only ~4% smaller than Huffman coding alone),
// and their byte statistics are a property of the font, not of the glyph subset. So the code is
// built once per face from a sample of its charstrings, and compressing a document's subset is a
// table lookup per byte: ~20x faster than zlib level 6 for ~4% more bytes.
//
// The output is a standard zlib stream (RFC 1950) holding one dynamic-Huffman Deflate block
// (RFC 1951) of literals only: every Flate reader decodes it.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongwen::pdf {

class HuffmanDeflater {
 public:
  /// A code fitted to the byte frequencies of `sample`. Every byte value stays encodable.
  explicit HuffmanDeflater(std::string_view sample);
  /// `data` as a zlib stream. Deterministic and thread-safe.
  std::string deflate(std::string_view data) const;

 private:
  uint16_t code_[257] = {};  ///< literal 0–255 and end-of-block 256, bit-reversed for output
  uint8_t len_[257] = {};
  std::vector<std::pair<uint32_t, uint8_t>> header_;  ///< the block header's bit fields, in order
};

}  // namespace gongwen::pdf
