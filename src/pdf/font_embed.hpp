#pragma once
// Fonts of one document: glyphs are collected across all pages first, then every face is subset
// once and written as Type0 / Identity-H over a CIDFontType0 (CFF) or CIDFontType2 (TrueType).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"

namespace PoDoFo {
class PdfVecObjects;
}

namespace gongwen::pdf {

/// What a content stream needs from an embedded font.
struct TextFont {
  std::string resource;                        ///< "F1": the name in page /Resources
  uint32_t object = 0;                         ///< object number of the Type0 font dictionary
  std::unordered_map<uint32_t, uint16_t> code; ///< source glyph id → 2-byte code (CID or new GID)
  std::unordered_map<uint16_t, double> width;  ///< code → advance in 1/1000 em, exactly as in /W
  double default_width = 1000;                 ///< /DW (an integer): width of codes absent from `width`

  double width_of(uint16_t c) const {
    auto it = width.find(c);
    return it == width.end() ? default_width : it->second;
  }
};

class FontSet {
 public:
  /// First pass: records the run's glyphs and the text each stands for. Throws Error(Render)
  /// for a run without a face or a glyph range outside the run's text.
  void add_run(const GlyphRun& run);
  /// Subsets every face once and creates its PDF objects. Call once, after all add_run().
  void embed(PoDoFo::PdfVecObjects& objects);
  /// After embed(): the font of a face seen by add_run().
  const TextFont& get(const Face* face) const;
  /// Makes add_run() give codes and widths at once to faces whose codes do not depend on the
  /// subset (CID-keyed CFF: the code is the source CID), so pages using only those can be
  /// written before the whole document is known. embed() gives them the same codes.
  void set_early_codes() { early_codes_ = true; }
  /// PDF/A-3u: every glyph shown gets a ToUnicode entry, also one that only ever continues a
  /// cluster (a mark HarfBuzz split off): it maps to a character the font's cmap gives that glyph,
  /// else U+FFFD. Without it such glyphs are left unmapped so copied text holds each character once.
  void set_complete_to_unicode() { complete_to_unicode_ = true; }
  /// Whether get(face) is usable before embed() (see set_early_codes()).
  bool has_codes(const Face* face) const;

 private:
  struct Use {
    const Face* face = nullptr;
    std::map<uint32_t, std::string> glyphs;  ///< glyph id → first non-empty text seen (may stay empty)
    std::vector<bool> settled;               ///< by glyph id: has its text, add_run skips the map
    bool early = false;                      ///< codes assigned by add_run (set_early_codes)
    TextFont out;
  };
  void embed_one(PoDoFo::PdfVecObjects& objects, Use& use);
  static void assign_early_code(Use& use, uint32_t gid);
  std::vector<std::unique_ptr<Use>> fonts_;  ///< in order of first use: resource names stay stable
  std::unordered_map<const Face*, Use*> by_face_;
  bool early_codes_ = false;
  bool complete_to_unicode_ = false;
};

}  // namespace gongwen::pdf
