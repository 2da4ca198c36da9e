#include "font/face.hpp"

#include <hb-ot.h>

#include <filesystem>
#include <vector>

#include "core/error.hpp"

namespace gongwen {

namespace {
std::string name_entry(hb_face_t* face, hb_ot_name_id_t id) {
  unsigned len = 256;
  std::vector<char> buf(len + 1);
  hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, buf.data());
  return std::string(buf.data(), len);
}
}  // namespace

Face::Face(std::string path, unsigned index) : path_(std::move(path)), index_(index) {
  if (!std::filesystem::is_regular_file(path_))
    throw Error(ErrorKind::Font, "font file not found: " + path_);
  blob_ = HbBlob(hb_blob_create_from_file_or_fail(path_.c_str()));
  if (!blob_) throw Error(ErrorKind::Font, "cannot read font file: " + path_);
  unsigned faces = hb_face_count(blob_.get());
  if (index_ >= faces)
    throw Error(ErrorKind::Font, path_ + ": face index " + std::to_string(index_) +
                                     " out of range (the file has " + std::to_string(faces) + ")");
  face_ = HbFace(hb_face_create(blob_.get(), index_));
  glyph_count_ = hb_face_get_glyph_count(face_.get());
  if (glyph_count_ == 0) throw Error(ErrorKind::Font, path_ + ": not an OpenType/TrueType font");
  hb_face_make_immutable(face_.get());
  upem_ = hb_face_get_upem(face_.get());
  font_ = HbFont(hb_font_create(face_.get()));
  hb_font_set_scale(font_.get(), static_cast<int>(upem_), static_cast<int>(upem_));
  hb_font_make_immutable(font_.get());

  is_cff_ = hb_blob_get_length(HbBlob(hb_face_reference_table(face_.get(), HB_TAG('C', 'F', 'F', ' '))).get()) > 0;
  hb_position_t v;
  if (hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) ascender_ = v;
  if (hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) descender_ = v;
  if (hb_ot_metrics_get_position(font_.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0) cap_height_ = v;
  // The head table's bbox (offset 36: xMin, yMin, xMax, yMax as int16).
  const HbBlob head(hb_face_reference_table(face_.get(), HB_TAG('h', 'e', 'a', 'd')));
  unsigned len = 0;
  const char* d = hb_blob_get_data(head.get(), &len);
  if (len >= 44) {
    for (int i = 0; i < 4; ++i) {
      auto hi = static_cast<unsigned char>(d[36 + 2 * i]), lo = static_cast<unsigned char>(d[37 + 2 * i]);
      bbox_[i] = static_cast<int16_t>((hi << 8) | lo);
    }
  }
  ps_name_ = name_entry(face_.get(), HB_OT_NAME_ID_POSTSCRIPT_NAME);
  family_ = name_entry(face_.get(), HB_OT_NAME_ID_FONT_FAMILY);
  if (ps_name_.empty()) ps_name_ = std::filesystem::path(path_).stem().string();
}

uint32_t Face::glyph_for(char32_t cp) const {
  hb_codepoint_t g = 0;
  if (!hb_font_get_nominal_glyph(font_.get(), cp, &g)) return 0;
  return g;
}

int Face::advance(uint32_t gid) const { return hb_font_get_glyph_h_advance(font_.get(), gid); }

}  // namespace gongwen
