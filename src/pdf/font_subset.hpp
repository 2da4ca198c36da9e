#pragma once
// Font subsetting, once per font and document: the glyphs the document uses, renumbered compactly
// (.notdef first, then by source glyph id). CID-keyed CFF fonts without subroutines (Fandol) use
// our own subsetter (cff_subset.hpp: a copy, ~100x cheaper than planning with hb-subset);
// everything else uses hb-subset, with CFF charstrings desubroutinized so the subset holds no
// unused subrs.
#include <cstdint>
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

/// Subsets `face` to `gids` (.notdef is always kept). Throws Error(Render) naming the font.
FontSubset subset_face(const Face& face, const std::vector<uint32_t>& gids);
/// Always hb-subset: the reference the tests compare our CFF subsetter with.
FontSubset subset_face_with_harfbuzz(const Face& face, const std::vector<uint32_t>& gids);

}  // namespace gongwen::pdf
