#include "layout/image_check.hpp"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace gongwen {

namespace {

uint32_t be32(const std::vector<uint8_t>& b, size_t i) {
  return (uint32_t{b[i]} << 24) | (uint32_t{b[i + 1]} << 16) | (uint32_t{b[i + 2]} << 8) | b[i + 3];
}

std::string size_problem(uint64_t w, uint64_t h) {
  if (w == 0 || h == 0) return "the image has no pixels (" + std::to_string(w) + " × " + std::to_string(h) + ")";
  if (w > kMaxImageSide || h > kMaxImageSide || w * h > kMaxImagePixels)
    return std::to_string(w) + " × " + std::to_string(h) + " pixels is too large (at most " + std::to_string(kMaxImageSide) +
           " pixels on a side and " + std::to_string(kMaxImagePixels / 1'000'000) + " million pixels in all)";
  return {};
}

/// Bytes of filtered image data a PNG's IDAT stream inflates to (Adam7 passes when interlaced).
uint64_t png_data_size(uint64_t w, uint64_t h, unsigned bits_per_pixel, bool interlaced) {
  auto rows = [&](uint64_t pw, uint64_t ph) { return pw == 0 || ph == 0 ? 0 : ph * (1 + (pw * bits_per_pixel + 7) / 8); };
  if (!interlaced) return rows(w, h);
  static const int x0[] = {0, 4, 0, 2, 0, 1, 0}, dx[] = {8, 8, 4, 4, 2, 2, 1};
  static const int y0[] = {0, 0, 4, 0, 2, 0, 1}, dy[] = {8, 8, 8, 4, 4, 2, 2};
  uint64_t total = 0;
  for (int p = 0; p < 7; ++p)
    total += rows((w + dx[p] - 1 - x0[p]) / dx[p] * (w > static_cast<uint64_t>(x0[p])), (h + dy[p] - 1 - y0[p]) / dy[p] * (h > static_cast<uint64_t>(y0[p])));
  return total;
}

/// Inflates the concatenated IDAT data, checking it is one complete zlib stream of `expected` bytes.
std::string check_png_pixels(const std::string& idat, uint64_t expected) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return "PNG: cannot check the image data (out of memory)";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(idat.data()));
  z.avail_in = static_cast<uInt>(idat.size());
  std::vector<Bytef> buf(1 << 16);
  uint64_t produced = 0;
  int rc = Z_OK;
  while (rc == Z_OK && produced <= expected) {
    z.next_out = buf.data();
    z.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&z, Z_NO_FLUSH);
    produced += buf.size() - z.avail_out;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // the stream ends early
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END && rc != Z_OK && rc != Z_BUF_ERROR) return "PNG: the compressed image data is damaged";
  if (produced < expected || rc != Z_STREAM_END) return "PNG: the image data is incomplete (truncated file?)";
  if (produced > expected) return "PNG: more image data than its size calls for (damaged file)";
  return {};
}

std::string check_png(ImageData& img) {
  const auto& b = img.bytes;
  size_t at = 8;
  bool first = true, ended = false;
  uint32_t w = 0, h = 0;
  unsigned bpp = 0;
  bool interlaced = false, palette = false, plte = false;
  std::string idat;
  while (!ended) {
    if (at + 12 > b.size()) return "PNG: the file ends in the middle (truncated file?)";
    const uint32_t len = be32(b, at);
    if (len > b.size() - at - 12) return "PNG: a chunk runs past the end of the file (truncated file?)";
    const std::string type(b.begin() + static_cast<long>(at + 4), b.begin() + static_cast<long>(at + 8));
    const uLong crc = crc32(0L, b.data() + at + 4, static_cast<uInt>(len + 4));
    if (crc != be32(b, at + 8 + len)) return "PNG: checksum mismatch in the " + type + " chunk (the file is damaged)";
    const uint8_t* d = b.data() + at + 8;
    if (first) {
      if (type != "IHDR" || len != 13) return "PNG: the header chunk (IHDR) is missing";
      w = be32(b, at + 8), h = be32(b, at + 12);
      if (auto p = size_problem(w, h); !p.empty()) return p;
      const uint8_t depth = d[8], color = d[9];
      const bool ok = (color == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                      (color == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                      ((color == 2 || color == 4 || color == 6) && (depth == 8 || depth == 16));
      if (!ok || d[10] != 0 || d[11] != 0 || d[12] > 1) return "PNG: unsupported bit depth, colour type or compression";
      static const unsigned channels[] = {1, 0, 3, 1, 2, 0, 4};
      bpp = depth * channels[color];
      interlaced = d[12] == 1;
      palette = color == 3;
      first = false;
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(d), len);
    } else if (type == "PLTE") {
      plte = true;
    } else if (type == "IEND") {
      ended = true;
    }
    at += 12 + len;
  }
  if (idat.empty()) return "PNG: no image data (IDAT) in the file";
  if (palette && !plte) return "PNG: a palette image without a palette (PLTE)";
  img.format = ImageData::Format::Png;
  img.width_px = static_cast<int>(w);
  img.height_px = static_cast<int>(h);
  return check_png_pixels(idat, png_data_size(w, h, bpp, interlaced));
}

/// Walks the JPEG markers up to the start of scan: the frame header gives the size.
std::string check_jpeg(ImageData& img) {
  const auto& b = img.bytes;
  bool frame = false;
  for (size_t i = 2;;) {
    if (i + 4 > b.size()) return "JPEG: the file ends before the image data (truncated file?)";
    if (b[i] != 0xFF) return "JPEG: damaged marker structure (byte " + std::to_string(i) + ")";
    const uint8_t m = b[i + 1];
    if (m == 0xFF) {
      ++i;
      continue;
    }
    if (m == 0xD8 || m == 0xD9 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) return "JPEG: damaged marker structure (byte " + std::to_string(i) + ")";
    const size_t len = (size_t{b[i + 2]} << 8) | b[i + 3];
    if (len < 2 || i + 2 + len > b.size()) return "JPEG: a segment runs past the end of the file (truncated file?)";
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      if (len < 8) return "JPEG: damaged frame header";
      if (m != 0xC0 && m != 0xC1 && m != 0xC2) return "JPEG: unsupported coding (only baseline and progressive JPEG)";
      const uint32_t h = (uint32_t{b[i + 5]} << 8) | b[i + 6], w = (uint32_t{b[i + 7]} << 8) | b[i + 8];
      const uint8_t components = b[i + 9];
      if (auto p = size_problem(w, h); !p.empty()) return p;
      if (components != 1 && components != 3 && components != 4) return "JPEG: unsupported number of colour components";
      img.format = ImageData::Format::Jpeg;
      img.width_px = static_cast<int>(w);
      img.height_px = static_cast<int>(h);
      frame = true;
    }
    if (m == 0xDA) return frame ? "" : "JPEG: image data before the frame header (damaged file)";
    i += 2 + len;
  }
}

}  // namespace

std::string check_image(ImageData& img) {
  const auto& b = img.bytes;
  static const uint8_t kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= 8 && std::equal(std::begin(kPng), std::end(kPng), b.begin())) return check_png(img);
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return check_jpeg(img);
  return "not a PNG or JPEG image";
}

std::shared_ptr<ImageData> read_image_file(const std::filesystem::path& path, const std::string& name, std::string& problem) {
  namespace fs = std::filesystem;
  // A folder (file = ".") opens as a stream and only fails on reading: check what is there first.
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    problem = "cannot read image '" + path.string() + "': no such file";
    return nullptr;
  }
  if (!fs::is_regular_file(st)) {
    problem = "cannot read image '" + path.string() + "': not a file";
    return nullptr;
  }
  // Checked before reading: a stray multi-gigabyte file must not be loaded to find it is no image.
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxImageFileBytes) {
    problem = "image '" + path.string() + "': " + std::to_string(size) + " bytes is larger than an image file may be (" +
              std::to_string(kMaxImageFileBytes >> 20) + " MiB)";
    return nullptr;
  }
  auto img = std::make_shared<ImageData>();
  std::ifstream f(path, std::ios::binary);
  if (f && !ec) {
    img->bytes.resize(size);
    f.read(reinterpret_cast<char*>(img->bytes.data()), static_cast<std::streamsize>(size));
  }
  if (!f || ec || static_cast<size_t>(f.gcount()) != img->bytes.size()) {
    problem = "cannot read image '" + path.string() + "'";
    return nullptr;
  }
  img->name = name;
  if (std::string p = check_image(*img); !p.empty()) {
    problem = "image '" + path.string() + "': " + p;
    return nullptr;
  }
  return img;
}

}  // namespace gongwen
