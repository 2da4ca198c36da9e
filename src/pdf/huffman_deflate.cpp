#include "pdf/huffman_deflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <functional>
#include <queue>

namespace gongwen::pdf {

namespace {

// Huffman code lengths for `freq` (0 = symbol unused), none longer than `limit` bits. When the
// tree is too deep, frequencies are halved (keeping used symbols ≥ 1) and the tree rebuilt:
// simple, and close enough to optimal for a code built once per font. Needs ≥ 2 used symbols,
// so the code is complete (zlib rejects incomplete literal and code-length codes).
std::vector<uint8_t> code_lengths(std::vector<uint64_t> freq, unsigned limit) {
  const size_t n = freq.size();
  for (;;) {
    using Node = std::pair<uint64_t, size_t>;  // weight, node id: ids break ties deterministically
    std::priority_queue<Node, std::vector<Node>, std::greater<>> heap;
    for (size_t i = 0; i < n; ++i)
      if (freq[i] > 0) heap.emplace(freq[i], i);
    std::vector<size_t> parent(2 * n, SIZE_MAX);
    for (size_t next = n; heap.size() > 1; ++next) {
      const Node a = heap.top();
      heap.pop();
      const Node b = heap.top();
      heap.pop();
      parent[a.second] = parent[b.second] = next;
      heap.emplace(a.first + b.first, next);
    }
    std::vector<uint8_t> lengths(n, 0);
    unsigned deepest = 0;
    for (size_t i = 0; i < n; ++i) {
      if (freq[i] == 0) continue;
      unsigned depth = 0;
      for (size_t p = parent[i]; p != SIZE_MAX; p = parent[p]) ++depth;
      lengths[i] = static_cast<uint8_t>(std::min(depth, 255u));
      deepest = std::max(deepest, depth);
    }
    if (deepest <= limit) return lengths;
    for (uint64_t& f : freq)
      if (f > 0) f = (f + 1) / 2;
  }
}

// Canonical codes (RFC 1951 §3.2.2), bit-reversed: Deflate packs bits from the least
// significant end but sends Huffman codes most significant bit first.
std::vector<uint16_t> canonical_codes(const std::vector<uint8_t>& lengths) {
  uint32_t count[16] = {}, next[16] = {};
  for (uint8_t l : lengths)
    if (l) ++count[l];
  for (unsigned bits = 1, code = 0; bits < 16; ++bits) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  std::vector<uint16_t> codes(lengths.size(), 0);
  for (size_t s = 0; s < lengths.size(); ++s) {
    const unsigned l = lengths[s];
    if (!l) continue;
    uint32_t c = next[l]++, reversed = 0;
    for (unsigned b = 0; b < l; ++b) reversed |= ((c >> b) & 1) << (l - 1 - b);
    codes[s] = static_cast<uint16_t>(reversed);
  }
  return codes;
}

// Appends bits least significant first into a buffer sized in advance; whole 32-bit words are
// stored at once (the per-byte loop is the hot path of every document's font streams).
class BitWriter {
 public:
  explicit BitWriter(char* out) : out_(out) {}
  void put(uint32_t bits, unsigned count) {
    acc_ |= uint64_t{bits} << n_;
    n_ += count;
    if (n_ >= 32) {
      for (int i = 0; i < 4; ++i) *out_++ = static_cast<char>((acc_ >> (8 * i)) & 0xFF);
      acc_ >>= 32;
      n_ -= 32;
    }
  }
  /// Writes the remaining bits, zero-padded to a byte; returns the end of the output.
  char* finish() {
    for (; n_ > 0; n_ = n_ > 8 ? n_ - 8 : 0, acc_ >>= 8) *out_++ = static_cast<char>(acc_ & 0xFF);
    return out_;
  }

 private:
  char* out_;
  uint64_t acc_ = 0;
  unsigned n_ = 0;
};

}  // namespace

HuffmanDeflater::HuffmanDeflater(std::string_view sample) {
  std::vector<uint64_t> freq(257, 1);  // +1: bytes absent from the sample stay encodable
  for (unsigned char c : sample) ++freq[c];
  const std::vector<uint8_t> lengths = code_lengths(freq, 15);
  const std::vector<uint16_t> codes = canonical_codes(lengths);
  std::copy(lengths.begin(), lengths.end(), len_);
  std::copy(codes.begin(), codes.end(), code_);

  // The code lengths are sent as 257 literal/length lengths + 1 distance length (one unused
  // distance code of length 1: RFC 1951 §3.2.7), themselves Huffman-coded with the code-length
  // alphabet, whose lengths come first in this fixed order.
  std::vector<uint8_t> sent(lengths);
  sent.push_back(1);
  std::vector<uint64_t> cl_freq(19, 0);
  for (uint8_t l : sent) ++cl_freq[l];
  const std::vector<uint8_t> cl_len = code_lengths(cl_freq, 7);
  const std::vector<uint16_t> cl_code = canonical_codes(cl_len);
  static const uint8_t kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  unsigned hclen = 19;
  while (hclen > 4 && cl_len[kOrder[hclen - 1]] == 0) --hclen;

  header_ = {{1, 1}, {2, 2}, {0, 5}, {0, 5}, {hclen - 4, 4}};  // BFINAL, BTYPE dynamic, HLIT, HDIST, HCLEN
  for (unsigned i = 0; i < hclen; ++i) header_.emplace_back(cl_len[kOrder[i]], 3);
  for (uint8_t l : sent) header_.emplace_back(cl_code[l], cl_len[l]);
}

std::string HuffmanDeflater::deflate(std::string_view data) const {
  size_t bits = len_[256];
  for (auto [value, count] : header_) bits += count;
  for (unsigned char c : data) bits += len_[c];
  std::string out(2 + (bits + 7) / 8 + 4, '\0');
  out[0] = 0x78;  // zlib: Deflate, 32 KB window; FLG 0x01 makes the header check pass
  out[1] = 0x01;
  BitWriter writer(out.data() + 2);
  for (auto [value, count] : header_) writer.put(value, count);
  for (unsigned char c : data) writer.put(code_[c], len_[c]);
  writer.put(code_[256], len_[256]);
  char* end = writer.finish();
  out.resize(static_cast<size_t>(end - out.data()));
  uLong adler = adler32(0L, Z_NULL, 0);
  // adler32 takes a uInt length: feed large inputs in pieces.
  for (size_t at = 0; at < data.size(); at += 1u << 30) {
    const size_t n = std::min<size_t>(data.size() - at, 1u << 30);
    adler = adler32(adler, reinterpret_cast<const Bytef*>(data.data() + at), static_cast<uInt>(n));
  }
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((adler >> shift) & 0xFF));
  return out;
}

}  // namespace gongwen::pdf
