#pragma once
// Reading a PNG or JPEG file for a layout: the format, the pixel size and a structural check of
// the whole file, in our own words, before any image library sees the bytes (libpng prints its
// own "libpng error" lines and PoDoFo reports "ePdfError_OutOfMemory" for a huge image).
#include <filesystem>
#include <memory>
#include <string>

#include "layout/layout.hpp"

namespace gongwen {

/// Images may be at most this many pixels on a side and in all (a page of A4 at 600 dpi is
/// 4961 × 7016 = 34.8 million pixels); larger ones are refused before they are decoded.
constexpr uint32_t kMaxImageSide = 20000;
constexpr uint64_t kMaxImagePixels = 40'000'000;

/// Fills img.format, width_px and height_px from img.bytes; returns "" when the image is
/// usable, or what is wrong with it ("not a PNG or JPEG image", "PNG: CRC mismatch in IDAT
/// chunk (the file is damaged)", "8000 × 90000 pixels; at most …").
std::string check_image(ImageData& img);

/// Far above any seal or photo (a 20,000 px square JPEG is a few tens of MiB): docs/limits.md.
constexpr uintmax_t kMaxImageFileBytes = uintmax_t{64} << 20;

/// Reads and checks the image at `path` (named `name` in dumps). Returns null and sets `problem`
/// ("cannot read image '…': no such file", "image '…': not a PNG or JPEG image") when unusable.
std::shared_ptr<ImageData> read_image_file(const std::filesystem::path& path, const std::string& name, std::string& problem);

}  // namespace gongwen
