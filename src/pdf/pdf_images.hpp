#pragma once
// Image XObjects: each ImageData is embedded once per document, however many pages place it
// (a seal on every page costs its bytes once).
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"

namespace PoDoFo {
class PdfVecObjects;
}

namespace gongwen::pdf {

struct EmbeddedImage {
  std::string resource;  ///< "Im1": the name in page /Resources
  uint32_t object = 0;   ///< object number of the image XObject
};

class ImageSet {
 public:
  /// First pass: remembers the image's data (deduplicated by ImageData identity).
  void add(const Image& image);
  /// PNG through PoDoFo's loader (alpha → /SMask), JPEG passed through as DCTDecode.
  /// Throws Error(Render) naming the image on bad data.
  void embed(PoDoFo::PdfVecObjects& objects);
  const EmbeddedImage& get(const ImageData* data) const;
  /// PDF/A-3u: a CMYK JPEG is refused (DeviceCMYK cannot stand beside the sRGB output intent).
  void set_pdfa() { pdfa_ = true; }

 private:
  bool pdfa_ = false;
  std::vector<std::shared_ptr<const ImageData>> order_;  ///< first-use order: stable names
  std::unordered_map<const ImageData*, EmbeddedImage> embedded_;
};

}  // namespace gongwen::pdf
