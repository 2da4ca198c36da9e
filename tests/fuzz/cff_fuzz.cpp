// The CFF code of the PDF writer: the reader (cff_parse, charset → CIDs), the name-keyed →
// CID-keyed converter and our CID-keyed subsetter with its Huffman deflater. Input: a `CFF `
// table. Checked properties: a subset parses again with the expected glyph count and CIDs, and
// the deflater's output inflates back to the subset.
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_cid.hpp"
#include "pdf/cff_subset.hpp"

namespace {

using namespace gongwen;

std::string inflate(const std::string& z, size_t expected) {
  std::string out(expected + 1, '\0');
  uLongf len = static_cast<uLongf>(out.size());
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(z.data()),
                 static_cast<uLong>(z.size())) != Z_OK)
    __builtin_trap();
  out.resize(len);
  return out;
}

/// Our own output must read back: a failure here is a bug, not bad input.
pdf::CffInfo parse_own(std::string_view cff) {
  try {
    return pdf::cff_parse(cff);
  } catch (const Error&) {
    __builtin_trap();
  }
}

void check_subset(const pdf::CffSource& source, std::string_view input) {
  const unsigned n = source.glyph_count();
  if (n == 0) return;
  // Glyphs picked by the input's last bytes, plus the first few and the last one.
  std::vector<uint32_t> gids = {n - 1, n / 2};
  for (uint32_t g = 0; g < std::min(n, 8u); ++g) gids.push_back(g);
  for (size_t k = input.size(); k-- > 0 && gids.size() < 24;) gids.push_back(static_cast<unsigned char>(input[k]) % n);
  const std::string sub = source.subset(gids);
  std::set<uint32_t> unique(gids.begin(), gids.end());
  unique.insert(0);
  const pdf::CffInfo info = parse_own(sub);
  if (!info.cid_keyed || info.glyph_count != unique.size() || info.charset.size() != unique.size()) __builtin_trap();
  size_t k = 0;
  for (uint32_t g : unique)
    if (info.charset[k++] != source.charset().at(g)) __builtin_trap();
  if (inflate(source.deflater().deflate(sub), sub.size()) != sub) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto table = fuzz::as_text(data, size);
  try {
    const pdf::CffInfo info = pdf::cff_parse(table);
    if (pdf::cff_gid_to_cid(info).size() != info.glyph_count) __builtin_trap();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Render) __builtin_trap();
  }
  try {
    const std::string cid = pdf::cff_to_cid_keyed(table);
    if (!parse_own(cid).cid_keyed) __builtin_trap();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Render) __builtin_trap();
  }
  try {
    pdf::CffSource source(HbBlob(hb_blob_create(table.data(), static_cast<unsigned>(table.size()),
                                                HB_MEMORY_MODE_READONLY, nullptr, nullptr)));
    if (source.can_subset()) check_subset(source, table);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Render) __builtin_trap();
  }
  return 0;
}
