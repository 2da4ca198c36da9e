#pragma once
// File serialization: header, objects, classic xref table, trailer. Written here rather than by
// PoDoFo's PdfWriter because that one derives /ID from the Info dictionary plus a fixed dummy
// entry (so the ID would change with the creation date, and never with the content) and, without
// an Info object, from the current time.
#include <cstdint>
#include <string>
#include <vector>

namespace PoDoFo {
class PdfVecObjects;
}

namespace gongwen::pdf {

struct TrailerRefs {
  uint32_t root = 0, info = 0;  ///< object numbers of the catalog and the Info dictionary
  /// Objects left out of the /ID hash (Info, XMP): they only carry metadata and dates, so two
  /// renderings that differ only in creation time differ only in the date bytes.
  std::vector<uint32_t> not_in_id;
};

/// The complete PDF 1.7 file. /ID is a 128-bit hash of the serialized objects (minus
/// `not_in_id`): same content, same ID; no clock, no randomness.
std::string serialize_pdf(const PoDoFo::PdfVecObjects& objects, const TrailerRefs& refs);

}  // namespace gongwen::pdf
