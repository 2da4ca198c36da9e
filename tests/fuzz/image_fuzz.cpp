// The PNG and JPEG loaders the PDF writer embeds images with (our PNG chunk check, then
// PoDoFo's libpng / libjpeg paths). Input: the image file. Chunk CRCs of a PNG are recomputed
// first, so mutations reach the decoder instead of stopping at the CRC check.
#include <zlib.h>

#include <podofo/podofo.h>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "pdf/pdf_images.hpp"

namespace {

uint32_t be32(const std::vector<uint8_t>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) | b[at + 3];
}

/// Rewrites each chunk's CRC; false when the IHDR asks for an absurd size (issue #14 item 15:
/// refusing those before decoding is fixed separately).
bool fix_png(std::vector<uint8_t>& b) {
  size_t at = 8;
  while (at + 12 <= b.size()) {
    const uint32_t len = be32(b, at);
    if (len > b.size() - at - 12) break;
    if (at == 8 && len == 13 && uint64_t{be32(b, 16)} * be32(b, 20) > (1u << 22)) return false;
    const uint32_t crc = static_cast<uint32_t>(crc32(0L, b.data() + at + 4, len + 4));
    for (int k = 0; k < 4; ++k) b[at + 8 + len + k] = static_cast<uint8_t>(crc >> (24 - 8 * k));
    at += 12 + len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen;
  auto img = std::make_shared<ImageData>();
  img->bytes.assign(data, data + size);
  img->name = "fuzz";
  img->width_px = img->height_px = 1;
  const bool png = size >= 8 && data[0] == 0x89 && data[1] == 'P';
  img->format = png ? ImageData::Format::Png : ImageData::Format::Jpeg;
  if (png && !fix_png(img->bytes)) return -1;
  try {
    PoDoFo::PdfVecObjects objects;
    objects.SetAutoDelete(true);  // as the PDF writer does
    pdf::ImageSet images;
    images.add(Image{img, 0, 0, 10, 10});
    images.embed(objects);
    if (images.get(img.get()).object == 0) __builtin_trap();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Render) __builtin_trap();
  }
  return 0;
}
