#pragma once
// Font subsetting, once per font and document. The entry point is subset(face, glyphs): the font
// program to embed and each glyph's CID in it. Inside, the glyphs the document uses are renumbered
// compactly (.notdef first, then by source glyph id): CID-keyed CFF fonts without subroutines
// (Fandol) by our own subsetter (cff_subset.hpp: a copy, ~100x cheaper than planning with
// hb-subset), everything else by hb-subset, with CFF charstrings desubroutinized so the subset
// holds no unused subrs; name-keyed CFF is then rewritten CID-keyed (cff_cid.hpp). What a face
// needs parsed once (its CFF table) is kept on the face, i.e. by the font book that owns it.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongwen {
class Face;
}

namespace gongwen::pdf {

struct FontSubset {
  /// CFF faces: the raw `CFF ` table of the subset. TrueType faces: the whole subset sfnt.
  std::string program;
  /// Old glyph id → glyph id in the subset (from hb_subset_plan_old_to_new_glyph_mapping).
  std::unordered_map<uint32_t, uint32_t> new_gid;
};

/// A face subset to a document's glyphs, ready to embed as a CID font.
struct SubsetFont {
  /// CFF faces: a CID-keyed `CFF ` table (CIDFontType0C). TrueType faces: the subset sfnt.
  std::string program;
  /// Source glyph id → CID in `program`, for .notdef and every glyph asked for. CID-keyed CFF
  /// keeps the source CIDs; otherwise the CID is the glyph id in the subset (TrueType: with
  /// CIDToGIDMap Identity).
  std::map<uint32_t, uint16_t> cid;
  /// Registry–Ordering–Supplement of `program`'s CIDs.
  std::string registry = "Adobe", ordering = "Identity";
  int supplement = 0;
};

/// THE entry point: subsets `face` to `glyphs` (any order, duplicates allowed; .notdef always
/// kept). Throws Error(Render) naming the font for a glyph id the face lacks or a font the
/// subsetters cannot read.
SubsetFont subset(const Face& face, const std::vector<uint32_t>& glyphs);

/// The renumbering step alone (subset() builds on it; kept for the tests and other writers):
/// the program as subset, not yet CID-keyed. Throws Error(Render) naming the font.
FontSubset subset_face(const Face& face, const std::vector<uint32_t>& gids);
/// Always hb-subset: the reference the tests compare our CFF subsetter with.
FontSubset subset_face_with_harfbuzz(const Face& face, const std::vector<uint32_t>& gids);

}  // namespace gongwen::pdf
