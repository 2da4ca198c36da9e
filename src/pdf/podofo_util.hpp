#pragma once
// The one place PoDoFo is included (src/pdf only). PoDoFo 0.9.8 is used purely as an object
// model: dictionaries, arrays, streams (Flate) and object serialization. Its font layer, painter
// and document-level writer (which stamps times and derives /ID from them) are never used.
#include <podofo/podofo.h>

#include <string>
#include <string_view>

#if !(PODOFO_VERSION_MAJOR == 0 && PODOFO_VERSION_MINOR == 9 && PODOFO_VERSION_PATCH >= 6)
#error "src/pdf is written against the PoDoFo 0.9.x API (Debian 12 ships 0.9.8)"
#endif

namespace gongwen::pdf {

/// Flate-compresses `data` (zlib level 6): thread-safe, so page streams compress in parallel.
std::string deflate(std::string_view data);
/// A stream object holding already Flate-compressed bytes.
PoDoFo::PdfObject* make_deflated_stream(PoDoFo::PdfVecObjects& objects, std::string_view deflated);

/// A real number printed by our own formatter (PdfData is written raw, hence the leading space
/// that PoDoFo itself puts before numbers in compact mode).
PoDoFo::PdfVariant real(double v);
inline PoDoFo::PdfVariant integer(int64_t v) { return PoDoFo::PdfVariant(static_cast<PoDoFo::pdf_int64>(v)); }
/// A PDF text string: literal for plain ASCII, else UTF-16BE with BOM (hex).
PoDoFo::PdfString text_string(std::string_view utf8);
/// A byte string written as is (literal, escaped by PoDoFo).
PoDoFo::PdfString byte_string(std::string_view bytes);

/// New indirect stream object holding `data`, Flate-compressed (`compress`) or stored raw.
PoDoFo::PdfObject* make_stream(PoDoFo::PdfVecObjects& objects, std::string_view data, bool compress = true);

/// The message of a PoDoFo exception, for Error(Render, ...).
std::string podofo_message(const PoDoFo::PdfError& e);

}  // namespace gongwen::pdf
