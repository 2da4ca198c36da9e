#pragma once
// PDF/A-3u (ISO 19005-3, level U): what a PDF needs beyond the ordinary writer's output to be an
// archival file that carries its own data — an sRGB OutputIntent, XMP identification (written by
// pdf_metadata) and associated files (the records JSON, the workbook) attached through /AF on
// the catalog and the EmbeddedFiles name tree.
//
// The archive objects come last in the file, after the Info dictionary, in both writers
// (render_pdf and PdfStreamWriter): their numbers are known before the catalog is written, and
// an attachment's bytes (a combined batch's records can be hundreds of MB of JSON) are copied
// from a spool file into the PDF without ever being held whole.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace PoDoFo {
class PdfDictionary;
}  // namespace PoDoFo

namespace gongwen::pdf {

class PdfFileWriter;

/// Bytes Flate-compressed as they are appended (zlib, level 6), held in memory or — for large
/// data — in an unnamed temporary file. Same appends → same bytes.
class DeflatedData {
 public:
  /// In memory; with a `spool_dir`, in an unnamed temporary file there. Throws Error(Io).
  DeflatedData();
  explicit DeflatedData(const std::filesystem::path& spool_dir);
  ~DeflatedData();
  DeflatedData(DeflatedData&&) noexcept;
  DeflatedData& operator=(DeflatedData&&) noexcept;

  void append(std::string_view raw);
  /// Ends the compressed stream; append() is then refused.
  void finish();
  uint64_t raw_size() const;
  uint64_t deflated_size() const;
  /// 64-bit hash of the raw bytes (for the file /ID).
  uint64_t raw_hash() const;
  /// Hands the compressed bytes to `sink` in order, in chunks. Precondition: finish() was called.
  void copy_to(const std::function<void(std::string_view)>& sink) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One associated file (ISO 19005-3 §6.8, ISO 32000-2 §14.13).
struct AttachedFile {
  std::string name;          ///< file name in the PDF (/F, /UF), e.g. "records.json"
  std::string mime;          ///< "application/json"
  std::string relationship;  ///< AFRelationship: Source, Data, Alternative, Supplement
  std::string description;   ///< /Desc
  std::shared_ptr<DeflatedData> data;  ///< finished
};

/// What makes a PDF a PDF/A-3u: set `enabled`; `files` are attached in this order.
struct PdfArchive {
  bool enabled = false;
  std::vector<AttachedFile> files;
};

/// Objects the archive adds after Info: the ICC stream, then per file its Filespec, then per file
/// its EmbeddedFile stream.
uint32_t archive_object_count(const PdfArchive& archive);
/// /OutputIntents, /AF and /Names on the catalog, for archive objects numbered from `first`.
void add_archive_catalog_keys(PoDoFo::PdfDictionary& catalog, uint32_t first, const PdfArchive& archive);
/// Writes the archive objects, numbered from `first`. Dates (/Params) are `creation_time`.
void write_archive_objects(PdfFileWriter& file, uint32_t first, const PdfArchive& archive, int64_t creation_time);

/// Reads a whole file into an attachment (an XLSX written beside the PDF). Throws Error(Io).
std::shared_ptr<DeflatedData> deflate_file(const std::filesystem::path& path);

}  // namespace gongwen::pdf
