#pragma once
// File serialization: header, objects, classic xref table, trailer. Written here rather than by
// PoDoFo's PdfWriter because that one derives /ID from the Info dictionary plus a fixed dummy
// entry (so the ID would change with the creation date, and never with the content) and, without
// an Info object, from the current time.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfDictionary;
class PdfObject;
class PdfVecObjects;
}  // namespace PoDoFo

namespace gongwen::pdf {

struct TrailerRefs {
  uint32_t root = 0, info = 0;  ///< object numbers of the catalog and the Info dictionary
  /// Objects left out of the /ID hash (Info, XMP): they only carry metadata and dates, so two
  /// renderings that differ only in creation time differ only in the date bytes.
  std::vector<uint32_t> not_in_id;
};

/// One PDF file written front to back into `sink`: objects go out as they are handed over (in
/// increasing object number), so a large document never has to be held whole.
class PdfFileWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit PdfFileWriter(Sink sink);
  /// Serializes `obj` (compact mode). Object numbers must increase from call to call.
  void add(const PoDoFo::PdfObject& obj, bool in_id = true);
  /// A stream object whose `length` encoded bytes `body` hands to its sink in chunks: for data
  /// too large to hold (an attachment). `dict` gets /Length here. /ID hashes the dictionary and
  /// `id_data` (a digest of the data) instead of the data.
  void add_stream(uint32_t number, const PoDoFo::PdfDictionary& dict, uint64_t length,
                  const std::function<void(const Sink&)>& body, std::string_view id_data);
  /// xref table and trailer; /ID hashes every object added with `in_id`.
  void finish(const TrailerRefs& refs);

 private:
  void put(std::string_view bytes);
  void hash(std::string_view bytes, uint32_t number);

  Sink sink_;
  uint64_t at_ = 0;                ///< bytes written so far
  std::vector<uint64_t> offsets_;  ///< by object number, 0 = free
  uint64_t lane1_, lane2_;         ///< the two /ID hash lanes
};

/// The complete PDF 1.7 file. /ID is a 128-bit hash of the serialized objects (minus
/// `not_in_id`): same content, same ID; no clock, no randomness.
/// `tail`, when given, writes objects numbered after every one in `objects`.
std::string serialize_pdf(const PoDoFo::PdfVecObjects& objects, const TrailerRefs& refs,
                          const std::function<void(PdfFileWriter&)>& tail = {});

}  // namespace gongwen::pdf
