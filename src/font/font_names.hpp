#pragma once
// Reading the names a font file declares (FreeType), to match user fonts against the font map.
#include <filesystem>
#include <string>
#include <vector>

namespace gongwen {

struct FaceNames {
  unsigned index = 0;                 ///< face index inside the file (collections)
  std::vector<std::string> families;  ///< every family / full name in every language, UTF-8
  bool bold = false;
};

/// Names of every face in a font file; empty when FreeType cannot open it.
std::vector<FaceNames> read_face_names(const std::filesystem::path& file);

}  // namespace gongwen
