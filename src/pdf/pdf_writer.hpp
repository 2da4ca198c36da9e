#pragma once
// The PDF writer: a laid-out Document in, PDF 1.7 bytes out. It never measures or shapes: glyph
// ids and positions come from the Document; fonts are subset once per document, at the end.
#include <filesystem>
#include <string>

#include "model/document.hpp"
#include "pdf/pdfa.hpp"

namespace gongwen {

/// Serializes a laid-out document to PDF 1.7 bytes. Deterministic: same Document → same bytes.
/// Throws Error(Render) naming the font, image or item that cannot be written.
/// `jobs` threads build and compress page content streams (the bytes do not depend on it).
/// With `archive.enabled` the file is PDF/A-3u carrying `archive.files` (see pdfa.hpp).
std::string render_pdf(const Document& doc, unsigned jobs = 1, const pdf::PdfArchive& archive = {});
/// The same, dropping each page's items once its content stream is built: a large document is
/// then not held while its file is assembled.
std::string render_pdf(Document&& doc, unsigned jobs = 1, const pdf::PdfArchive& archive = {});

/// Writes render_pdf() to `path` via a temporary file in the same folder + rename (no partial
/// file ever under `path`). Throws Error(Render) or Error(Io).
void write_pdf(const Document& doc, const std::filesystem::path& path);

}  // namespace gongwen
