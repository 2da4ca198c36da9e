#include "pdf/pdf_images.hpp"

#include <zlib.h>

#include "core/error.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {

uint32_t be32(const std::vector<uint8_t>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// PoDoFo 0.9.8 installs libpng's longjmp target only after png_read_info, so a broken header
// or chunk would jump through an uninitialized jmp_buf. Check the chunk structure (lengths,
// CRCs, IHDR first and sane, IEND last) before handing the bytes over.
void check_png(const ImageData& img) {
  const auto& b = img.bytes;
  auto bad = [&](const std::string& why) { return Error(ErrorKind::Render, "image " + img.name + ": invalid PNG (" + why + ")"); };
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() < 8 || !std::equal(sig, sig + 8, b.begin())) throw bad("no PNG signature");
  size_t at = 8;
  bool first = true, idat = false;
  for (;;) {
    if (at + 12 > b.size()) throw bad("truncated");
    uint32_t len = be32(b, at);
    if (len > b.size() - at - 12) throw bad("chunk overruns the file");
    std::string type(b.begin() + static_cast<long>(at + 4), b.begin() + static_cast<long>(at + 8));
    uLong crc = crc32(0L, b.data() + at + 4, static_cast<uInt>(len + 4));
    if (crc != be32(b, at + 8 + len)) throw bad("CRC mismatch in " + type);
    if (first) {
      if (type != "IHDR" || len != 13) throw bad("IHDR is not the first chunk");
      uint32_t w = be32(b, at + 8), h = be32(b, at + 12);
      uint8_t depth = b[at + 16], color = b[at + 17];
      if (w == 0 || h == 0 || w > 100000 || h > 100000) throw bad("image size");
      bool ok = (color == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                (color == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                ((color == 2 || color == 4 || color == 6) && (depth == 8 || depth == 16));
      if (!ok) throw bad("bit depth / colour type");
      first = false;
    }
    if (type == "IDAT") idat = true;
    at += 12 + len;
    if (type == "IEND") break;
  }
  if (!idat) throw bad("no image data");
}

}  // namespace

void ImageSet::add(const Image& image) {
  if (!image.data) throw Error(ErrorKind::Render, "PDF writer: an image has no data");
  auto [it, inserted] = embedded_.try_emplace(image.data.get());
  if (!inserted) return;
  order_.push_back(image.data);
  it->second.resource = "Im" + std::to_string(order_.size());  // known before embed(): pages may be written early
}

void ImageSet::embed(PdfVecObjects& objects) {
  for (const auto& data : order_) {
    EmbeddedImage& out = embedded_.at(data.get());
    const auto* bytes = data->bytes.data();
    const auto len = static_cast<pdf_long>(data->bytes.size());
    try {
      PdfImage image(&objects);
      switch (data->format) {
        case ImageData::Format::Png:
          check_png(*data);
          image.LoadFromPngData(bytes, len);
          break;
        case ImageData::Format::Jpeg:
          if (data->bytes.size() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF)
            throw Error(ErrorKind::Render, "image " + data->name + ": invalid JPEG (no SOI marker)");
          image.LoadFromJpegData(bytes, len);
          if (pdfa_ && image.GetObject()->GetDictionary().GetKeyAsName(PdfName("ColorSpace")) == PdfName("DeviceCMYK"))
            throw Error(ErrorKind::Render, "image " + data->name +
                                               ": a CMYK JPEG cannot go into a PDF/A-3u file (its output intent is sRGB); "
                                               "save the image as RGB");
          break;
        default:
          throw Error(ErrorKind::Render, "image " + data->name + ": unknown image format");
      }
      out.object = image.GetObject()->Reference().ObjectNumber();
    } catch (const PdfError& e) {
      // The layout checked the file's structure; what remains is the decoder's, said plainly.
      throw Error(ErrorKind::Render, "image " + data->name + ": cannot embed it: " +
                                         (e.GetError() == ePdfError_OutOfMemory ? "not enough memory to decode it"
                                                                               : "the image data is damaged or of an unsupported kind"));
    }
  }
}

const EmbeddedImage& ImageSet::get(const ImageData* data) const {
  auto it = embedded_.find(data);
  if (it == embedded_.end()) throw Error(ErrorKind::Render, "PDF writer: internal error: image not collected");
  return it->second;
}

}  // namespace gongwen::pdf
