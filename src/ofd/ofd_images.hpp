#pragma once
// Images of one OFD document: each ImageData becomes one MultiMedia resource, however many
// pages place it (a seal on every page is stored once).
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"

namespace gongwen::ofd {

struct EmbeddedImage {
  uint32_t id = 0;      ///< the MultiMedia's unit ID
  std::string file;     ///< MediaFile, relative to the resource folder ("image_7.png")
  std::string format;   ///< "PNG" or "JPEG"
  std::shared_ptr<const ImageData> data;
};

class ImageSet {
 public:
  /// Remembers the image's data (by identity). Throws Error(Render) for an unknown format or
  /// empty data.
  void add(const Image& image);
  size_t size() const { return order_.size(); }
  void assign_ids(uint32_t first);
  const EmbeddedImage& get(const ImageData* data) const;
  const std::vector<EmbeddedImage>& images() const { return order_; }

 private:
  std::vector<EmbeddedImage> order_;
  std::unordered_map<const ImageData*, size_t> index_;
};

}  // namespace gongwen::ofd
