#pragma once
// A minimal reader of the Compact Font Format (Adobe TN #5176): enough to find out whether a
// `CFF ` table is CID-keyed and to map glyph ids to CIDs through its charset.
//
// Why: in a PDF CIDFontType0 the content-stream codes (with Identity-H), /W and ToUnicode are
// CIDs, and the renderer maps CID → glyph through the embedded font's charset. For Noto CJK
// CID = GID, but Fandol is Adobe-GB1 with CID ≠ GID from GID 8896 up; using GIDs there makes
// –, ¥, €, ˊ and box-drawing glyphs vanish. HarfBuzz 6.0 has no API for the charset.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::pdf {

/// A CFF INDEX: the byte span of each item, plus where the whole INDEX ends.
struct CffIndex {
  size_t begin = 0, end = 0;                        ///< byte range of the INDEX in the table
  std::vector<std::pair<size_t, size_t>> items;     ///< [offset, end) of each item in the table
};

/// One DICT entry. Two-byte operators (12 x) are stored as 1200 + x.
struct CffDictEntry {
  int op = 0;
  std::vector<double> operands;
  std::string raw;  ///< the encoded operands + operator exactly as in the font (for copying)
};

/// Dict operators the writer cares about.
namespace cff_op {
inline constexpr int kCharset = 15, kEncoding = 16, kCharStrings = 17, kPrivate = 18, kSubrs = 19;
inline constexpr int kRos = 1230, kCidCount = 1234, kFdArray = 1236, kFdSelect = 1237, kFontName = 1238;
inline constexpr int kFontMatrix = 1207;
}  // namespace cff_op

/// Reads an INDEX starting at `offset`. Throws Error(Render) when it overruns the table.
CffIndex cff_read_index(std::string_view cff, size_t offset);
/// Decodes a DICT (Top, Font or Private). Throws Error(Render) on malformed data.
std::vector<CffDictEntry> cff_read_dict(std::string_view dict);

/// What the PDF writer needs to know about a CFF table.
struct CffInfo {
  bool cid_keyed = false;          ///< Top DICT starts with ROS
  std::string registry, ordering;  ///< ROS strings when CID-keyed ("Adobe", "GB1")
  int supplement = 0;
  unsigned glyph_count = 0;        ///< CharStrings count
  /// charset[gid]: the CID (CID-keyed) or the glyph-name SID (name-keyed); charset[0] = 0.
  /// Empty for a name-keyed font using a predefined charset (ISOAdobe/Expert/ExpertSubset).
  std::vector<uint16_t> charset;
  /// Byte ranges the CID converter copies (see cff_cid.hpp).
  CffIndex names, top_dicts, strings, global_subrs, char_strings;
  std::vector<CffDictEntry> top;
};

/// Parses the table. Throws Error(Render, "malformed CFF table: ...") on anything inconsistent.
CffInfo cff_parse(std::string_view cff);

/// GID → CID for a CID-keyed table; identity for a name-keyed one (its CIDs are what the
/// converter in cff_cid.hpp assigns). Index by glyph id; size == glyph_count.
std::vector<uint16_t> cff_gid_to_cid(const CffInfo& info);

}  // namespace gongwen::pdf
