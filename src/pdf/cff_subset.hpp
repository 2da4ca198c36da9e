#pragma once
// A face's `CFF ` table, read once per process, and our own subsetter for CID-keyed CFF fonts
// without subroutines (Fandol).
//
// Why not hb-subset for those: a batch renders one PDF per record, each embedding four Fandol
// fonts of 4–8 MB; hb-subset plans over the whole face every time (~3 ms per font and document),
// and its preprocessed face costs seconds and hundreds of MB up front. Without subroutines a
// CID-keyed subset is just a copy: the used glyphs' charstrings byte for byte, renumbered
// densely (.notdef, then the used glyphs in glyph-id order), a charset giving each its source
// CID, an FDSelect recomputed from the source's, and the rest (Name, String and Global Subr
// INDEXes, Top DICT entries, Font DICTs, Private DICTs) copied with their offsets rewritten.
// Everything that does not depend on the glyph set is prepared here once per face; a subset
// costs O(used glyphs + their charstring bytes) and never copies the source table.
//
// The PDF side needs nothing new: codes are the source CIDs, which the charset preserves; /W and
// ToUnicode are keyed by CID as before. Fonts with subroutines (Noto CJK: large global and local
// subrs) still go through hb-subset, which desubroutinizes; keeping all their subrs would embed
// megabytes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "font/face.hpp"
#include "pdf/huffman_deflate.hpp"

namespace gongwen::pdf {

struct CffInfo;

class CffSource {
 public:
  /// Parses `table`, which stays referenced (not copied). Throws Error(Render) when malformed.
  explicit CffSource(HbBlob table);

  bool cid_keyed() const { return cid_keyed_; }
  const std::string& registry() const { return registry_; }    ///< ROS, when CID-keyed
  const std::string& ordering() const { return ordering_; }
  int supplement() const { return supplement_; }
  unsigned glyph_count() const { return glyph_count_; }
  /// charset[gid]: the CID (CID-keyed) or glyph-name SID; see CffInfo::charset.
  const std::vector<uint16_t>& charset() const { return charset_; }

  /// True when subset() applies: CID-keyed, no global or local subroutines, the usual layout.
  bool can_subset() const { return why_not_.empty(); }
  /// Why not, for diagnostics ("" when it can).
  const std::string& why_not_subset() const { return why_not_; }

  /// The subset `CFF ` table holding .notdef and `gids` (each < glyph_count(); order and
  /// duplicates do not matter). Glyph k of the subset is the k-th of {0} ∪ gids in ascending
  /// order. Deterministic. Precondition: can_subset(). Throws Error(Render) on a bad glyph id.
  std::string subset(std::vector<uint32_t> gids) const;
  /// Compresses subset() output with a code fitted to this font's charstrings (see
  /// huffman_deflate.hpp). Precondition: can_subset().
  const HuffmanDeflater& deflater() const { return *deflater_; }

 private:
  void prepare_subset(std::string_view d, const CffInfo& info);
  std::string_view data() const;

  HbBlob table_;
  bool cid_keyed_ = false;
  std::string registry_, ordering_;
  int supplement_ = 0;
  unsigned glyph_count_ = 0;
  std::vector<uint16_t> charset_;
  std::string why_not_;

  // Prepared for subset(): see cff_subset.cpp for the layout.
  std::string head_;                  ///< header, Name INDEX, Top DICT INDEX (offsets to patch)
  size_t top_charset_ = 0, top_fd_select_ = 0, top_char_strings_ = 0, top_fd_array_ = 0;
  std::string strings_gsubrs_;        ///< String INDEX + (empty) Global Subr INDEX
  std::string fd_array_;              ///< FDArray INDEX (Private offsets to patch)
  std::vector<size_t> fd_private_at_; ///< where in fd_array_ each Private offset sits
  std::vector<uint32_t> fd_private_rel_;  ///< each Private DICT's offset within privates_
  std::string privates_;              ///< the Private DICTs, back to back
  std::vector<uint8_t> fd_of_gid_;    ///< source FDSelect, expanded (empty: one Font DICT)
  size_t cs_offsets_at_ = 0, cs_data_base_ = 0;  ///< source CharStrings INDEX
  unsigned cs_off_size_ = 0;
  std::unique_ptr<HuffmanDeflater> deflater_;
};

/// The face's CffSource, built on first use and kept on the face (Face::derived: freed with the
/// font book that owns the face; thread-safe). Precondition: face.is_cff().
const CffSource& cff_source(const Face& face);

}  // namespace gongwen::pdf
