#include "font/font_names.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H

#include <memory>

#include "core/utf8.hpp"

namespace gongwen {

namespace {
struct LibraryDeleter { void operator()(FT_Library l) const { FT_Done_FreeType(l); } };
struct FaceDeleter { void operator()(FT_Face f) const { FT_Done_Face(f); } };
using FtLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, LibraryDeleter>;
using FtFace = std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceDeleter>;

/// Windows-platform names are UTF-16BE; Mac Roman names are ASCII for the fonts we care about.
std::string decode(const FT_SfntName& n) {
  std::string out;
  if (n.platform_id == TT_PLATFORM_MICROSOFT || n.platform_id == TT_PLATFORM_APPLE_UNICODE) {
    for (FT_UInt i = 0; i + 1 < n.string_len; i += 2) {
      char32_t u = static_cast<char32_t>((n.string[i] << 8) | n.string[i + 1]);
      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n.string_len) {
        char32_t lo = static_cast<char32_t>((n.string[i + 2] << 8) | n.string[i + 3]);
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
      utf8::append(out, u);
    }
  } else {
    for (FT_UInt i = 0; i < n.string_len; ++i)
      if (n.string[i] < 0x80) out += static_cast<char>(n.string[i]);
  }
  return out;
}
}  // namespace

std::vector<FaceNames> read_face_names(const std::filesystem::path& file) {
  std::vector<FaceNames> out;
  FT_Library raw_lib = nullptr;
  if (FT_Init_FreeType(&raw_lib) != 0) return out;
  FtLibrary lib(raw_lib);
  FT_Long count = 1;
  for (FT_Long i = 0; i < count; ++i) {
    FT_Face raw = nullptr;
    if (FT_New_Face(lib.get(), file.c_str(), i, &raw) != 0) break;
    FtFace face(raw);
    count = face->num_faces;
    FaceNames names;
    names.index = static_cast<unsigned>(i);
    names.bold = (face->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    if (face->family_name) names.families.emplace_back(face->family_name);
    FT_UInt n = FT_Get_Sfnt_Name_Count(face.get());
    for (FT_UInt k = 0; k < n; ++k) {
      FT_SfntName name;
      if (FT_Get_Sfnt_Name(face.get(), k, &name) != 0) continue;
      // 1 = family, 4 = full name, 16 = typographic family.
      if (name.name_id == 1 || name.name_id == 4 || name.name_id == 16) {
        std::string s = decode(name);
        if (!s.empty()) names.families.push_back(s);
      }
    }
    out.push_back(std::move(names));
  }
  return out;
}

}  // namespace gongwen
