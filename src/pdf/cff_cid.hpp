#pragma once
// Turns a name-keyed CFF font (most Latin .otf fonts: Latin Modern, URW, Source Sans …) into a
// CID-keyed one, because PDF's /FontFile3 /Subtype /CIDFontType0C must hold a CID-keyed CFF.
//
// What the conversion does: ROS Adobe-Identity-0, CID = GID (charset format 2, one range),
// one Font DICT in the FDArray selected for every glyph (FDSelect format 3) that points to the
// original Private DICT. CharStrings, global subrs, local subrs and the other Top DICT entries
// (FontBBox, FontMatrix, names…) are copied byte for byte. Glyph names are dropped: a legacy
// `endchar` used as `seac` (accented composite by StandardEncoding code) is not resolvable in a
// CID font; hb-subset output from OpenType CFF does not use it in practice.
#include <string>
#include <string_view>

namespace gongwen::pdf {

/// Returns `cff` unchanged if it is already CID-keyed, else the CID-keyed equivalent.
/// Throws Error(Render) on a malformed table.
std::string cff_to_cid_keyed(std::string_view cff);

}  // namespace gongwen::pdf
