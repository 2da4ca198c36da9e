#pragma once
// The PDF writer for documents too large to hold (a combined batch of 200k records): pages are
// handed over as they are completed; their content streams are built, compressed and spooled to
// an unnamed temporary file, and their items released. finish() writes the file front to back in
// render_pdf()'s object order, so the bytes are the same as render_pdf() of the whole document.
//
// A page can be spooled at once when its fonts' codes do not depend on the final subset
// (CID-keyed CFF, every shipped face); a page using any other face is held until finish().
#include <filesystem>
#include <memory>
#include <span>

#include "model/document.hpp"
#include "pdf/pdf_serialize.hpp"
#include "pdf/pdfa.hpp"

namespace gongwen {

class PdfStreamWriter {
 public:
  /// The spool is an unnamed temporary file in `spool_dir`. `jobs` threads build and compress
  /// content streams. Throws Error(Io).
  PdfStreamWriter(const std::filesystem::path& spool_dir, unsigned jobs);
  ~PdfStreamWriter();
  PdfStreamWriter(const PdfStreamWriter&) = delete;
  PdfStreamWriter& operator=(const PdfStreamWriter&) = delete;

  /// The next pages of the document, in order, complete: they are written to the spool and their
  /// items released (the pages stay, empty). Throws Error(Render) like render_pdf().
  void add_pages(std::span<Page> pages);
  /// Pages added so far.
  size_t page_count() const;
  /// Adds the pages of `doc` after page_count(), then writes the whole file to `sink`: metadata,
  /// outline and page labels come from `doc`; `archive` as render_pdf() takes it. Throws
  /// Error(Render) or what `sink` throws.
  void finish(Document& doc, const pdf::PdfFileWriter::Sink& sink, const pdf::PdfArchive& archive = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen
