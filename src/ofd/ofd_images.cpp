#include "ofd/ofd_images.hpp"

#include "core/error.hpp"

namespace gongwen::ofd {

void ImageSet::add(const Image& image) {
  if (!image.data) throw Error(ErrorKind::Render, "OFD writer: an image without data");
  if (index_.count(image.data.get())) return;
  const ImageData& d = *image.data;
  if (d.bytes.empty() || (d.format != ImageData::Format::Png && d.format != ImageData::Format::Jpeg))
    throw Error(ErrorKind::Render, "OFD writer: image " + d.name + " is neither PNG nor JPEG");
  EmbeddedImage e;
  e.format = d.format == ImageData::Format::Png ? "PNG" : "JPEG";
  e.data = image.data;
  index_.emplace(image.data.get(), order_.size());
  order_.push_back(std::move(e));
}

void ImageSet::assign_ids(uint32_t first) {
  for (EmbeddedImage& e : order_) {
    e.id = first++;
    e.file = "image_" + std::to_string(e.id) + (e.format == "PNG" ? ".png" : ".jpg");
  }
}

const EmbeddedImage& ImageSet::get(const ImageData* data) const {
  auto it = index_.find(data);
  if (it == index_.end()) throw Error(ErrorKind::Render, "OFD writer: internal error: image not collected");
  return order_[it->second];
}

}  // namespace gongwen::ofd
