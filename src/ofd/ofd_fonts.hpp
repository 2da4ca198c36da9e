#pragma once
// Fonts of one OFD document: every face's glyphs and characters are collected across all pages,
// then the face is subset once (hb-subset) into an OpenType file that keeps a cmap for the
// characters used, so a reader that ignores CGTransform still finds each character's glyph.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"
#include "ofd/ofd_text.hpp"

namespace gongwen::ofd {

struct EmbeddedFont {
  uint32_t id = 0;          ///< the Font's unit ID
  std::string file;         ///< FontFile, relative to the resource folder ("font_1.otf")
  std::string font_name;    ///< PostScript name
  std::string family_name;
  std::string program;      ///< the subset OpenType file (after embed())
  std::unordered_map<uint32_t, uint32_t> new_gid;  ///< source glyph id → glyph id in `program`
};

/// How many plain subsets of a face come before it is prepared with hb_subset_preprocess (default
/// 2). Same bytes either way; tests set 0 and a large number to show it.
void prepare_faces_after(unsigned subsets);

class FontSet {
 public:
  /// Collects the glyphs and characters of `run`'s clusters. Throws Error(Render) for a run
  /// without a face.
  void add(const GlyphRun& run, const std::vector<Cluster>& clusters);
  size_t size() const { return fonts_.size(); }
  /// Gives the fonts IDs first, first + 1, … in order of first use.
  void assign_ids(uint32_t first);
  /// Subsets every face once. Throws Error(Render) naming the font.
  void embed();
  const EmbeddedFont& get(const Face* face) const;
  /// In order of first use.
  std::vector<const EmbeddedFont*> fonts() const;

 private:
  struct Use {
    const Face* face = nullptr;
    std::vector<bool> glyphs;  ///< by glyph id: used
    std::vector<bool> chars;   ///< by code point: used
    EmbeddedFont out;
  };
  std::vector<std::unique_ptr<Use>> fonts_;
  std::unordered_map<const Face*, Use*> by_face_;
};

}  // namespace gongwen::ofd
