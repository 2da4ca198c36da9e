#pragma once
// Document metadata, twice: the Info dictionary (what most viewers show) and an XMP packet on
// the catalog (what archives and PDF/A tools read). Both carry the same values; dates come from
// Metadata::creation_time only, never from the clock.
#include <string>

#include "model/document.hpp"

namespace PoDoFo {
class PdfVecObjects;
class PdfObject;
}  // namespace PoDoFo

namespace gongwen::pdf {

/// "gongwen 0.1.0" unless the document names its creator.
std::string creator_of(const Metadata& meta);
/// "gongwen 0.1.0 (PoDoFo 0.9.8, HarfBuzz 6.0.0)".
std::string producer();

/// The XMP packet (UTF-8, values XML-escaped). `pdfa`: with the PDF/A-3u identification
/// (pdfaid:part 3, pdfaid:conformance U).
std::string build_xmp(const Metadata& meta, bool pdfa = false);

PoDoFo::PdfObject* make_info(PoDoFo::PdfVecObjects& objects, const Metadata& meta);
/// /Type /Metadata /Subtype /XML, stored uncompressed so tools can find it by scanning.
PoDoFo::PdfObject* make_xmp(PoDoFo::PdfVecObjects& objects, const Metadata& meta, bool pdfa = false);

}  // namespace gongwen::pdf
