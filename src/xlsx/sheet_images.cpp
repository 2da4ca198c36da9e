#include "xlsx/sheet_images.hpp"

#include <cmath>

#include "xlsx/cells.hpp"
#include "xlsx/lxw_support.hpp"

namespace gongwen::xlsx {

namespace {
uint32_t be32(const uint8_t* p) { return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3]; }
uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
constexpr double kPxPerPt = 96.0 / 72.0;
}  // namespace

double image_dpi(const ImageData& image) {
  const auto& b = image.bytes;
  if (image.format == ImageData::Format::Png) {
    for (size_t p = 8; p + 12 <= b.size();) {  // chunks: length, type, data, CRC
      const uint32_t len = be32(&b[p]);
      if (std::equal(b.begin() + static_cast<long>(p + 4), b.begin() + static_cast<long>(p + 8), "pHYs") && len >= 9 &&
          p + 8 + 9 <= b.size()) {
        const uint32_t ppu = be32(&b[p + 8]);
        if (b[p + 16] == 1 && ppu > 0) return ppu * 0.0254;  // per metre
        return 96;
      }
      if (len > b.size()) break;
      p += 12 + size_t{len};
    }
  } else if (image.format == ImageData::Format::Jpeg && b.size() > 18 && b[2] == 0xFF && b[3] == 0xE0 &&
             std::equal(b.begin() + 6, b.begin() + 11, "JFIF")) {
    const uint8_t units = b[13];
    const uint16_t x = be16(&b[14]);
    if (x > 0 && units == 1) return x;
    if (x > 0 && units == 2) return x * 2.54;
  }
  return 96;
}

void insert_images(lxw_worksheet* ws, const std::string& sheet, const SheetPlan& plan, const std::vector<double>& row_pt) {
  for (const PlannedImage& im : plan.images) {
    if (!im.image || im.image->width_px <= 0 || im.image->height_px <= 0) continue;
    uint32_t row = 0, col = 0;
    double y = im.y, x = im.x;
    while (row + 1 < row_pt.size() && y >= row_pt[row]) y -= row_pt[row++];
    while (col + 1 < plan.col_pt.size() && x >= plan.col_pt[col]) x -= plan.col_pt[col++];
    // libxlsxwriter shows a picture at width_px × 96 / dpi pixels before scaling.
    const double dpi = image_dpi(*im.image);
    lxw_image_options o{};
    o.x_offset = static_cast<int32_t>(std::lround(x * kPxPerPt));
    o.y_offset = static_cast<int32_t>(std::lround(y * kPxPerPt));
    o.x_scale = im.w * kPxPerPt / (im.image->width_px * 96.0 / dpi);
    o.y_scale = im.h * kPxPerPt / (im.image->height_px * 96.0 / dpi);
    o.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
    std::string alt = im.image->name;
    o.description = alt.data();
    check(worksheet_insert_image_buffer_opt(ws, row, static_cast<lxw_col_t>(col), im.image->bytes.data(), im.image->bytes.size(), &o),
          "picture at " + cell_name(sheet, row, col));
  }
}

}  // namespace gongwen::xlsx
