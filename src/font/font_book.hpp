#pragma once
// The font map: family names (and their aliases) → ordered fallback chains of faces, per weight.
// Loaded once per process, immutable afterwards, shared by every worker thread.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "font/face.hpp"

namespace gongwen {

enum class Weight { Regular = 0, Bold };

/// An ordered list of faces; a character is set in the first one that covers it.
struct FontChain {
  std::string family;              ///< canonical family name ("仿宋")
  std::vector<const Face*> faces;  ///< never empty
  /// Faces named by the map whose files are missing on this machine (for diagnostics).
  std::vector<std::string> missing;

  /// First face covering `cp`, or nullptr.
  const Face* face_for(char32_t cp) const {
    for (const Face* f : faces)
      if (f->covers(cp)) return f;
    return nullptr;
  }
  /// "FandolFang-Regular → NotoSerifCJKsc-Regular" for error messages.
  std::string describe() const;
};

class FontBook {
 public:
  /// Loads a font map (fonts/fonts.toml format). Errors carry file:line:col.
  static FontBook load(const std::filesystem::path& map_path);
  /// The map installed with gongwen (share/gongwen/fonts.toml; in a build tree a link to
  /// fonts/), found relative to the library: see core/install_paths.hpp.
  static std::filesystem::path default_map_path();

  /// Overlays another map: its families replace or extend those already known, and may use the
  /// face ids declared by maps loaded before it (the shipped "fandol-fang", "noto-serif-sc" …).
  /// A face id declared again ("fandol-song = { file = … }") replaces that face wherever the
  /// families already loaded use it; its file must exist.
  void add_map(const std::filesystem::path& map_path);
  /// Scans a folder (recursively) for .otf/.ttf/.ttc/.otc files; each face whose family name
  /// (any language in its name table) matches a family or alias goes to the front of that
  /// family's chain. Returns the number of faces added.
  size_t add_font_dir(const std::filesystem::path& dir);

  /// The chain for a family name or alias. Throws Error(Font) naming the known families.
  const FontChain& chain(std::string_view family, Weight weight = Weight::Regular) const;
  bool has_family(std::string_view family) const;
  /// Canonical family name for a name or alias ("仿宋_GB2312" → "仿宋").
  std::string canonical(std::string_view family) const;
  /// The font name to write into workbooks for a family ("仿宋" → "仿宋_GB2312").
  std::string xlsx_name(std::string_view family) const;
  std::vector<std::string> families() const;

 private:
  struct Family {
    std::string name, xlsx;
    std::vector<std::string> aliases;
    FontChain regular, bold;
  };
  const Family* find(std::string_view name) const;
  Family* find(std::string_view name);
  const Face* open_face(const std::string& path, unsigned index);
  struct FaceDecl;
  void replace_face(const FaceDecl& from, const FaceDecl& to, const std::string& where_new);

  struct FaceDecl {
    std::string path;  ///< resolved against the folder of the map that declared it
    unsigned index = 0;
    bool present = false;
  };
  std::map<std::string, FaceDecl, std::less<>> face_decls_;  // face ids of every map loaded
  std::vector<std::unique_ptr<Face>> faces_;  // owns every face; chains point into it
  std::map<std::string, Family, std::less<>> families_;
};

}  // namespace gongwen
