#pragma once
// The /Page dictionary, shared by the in-memory and the streaming writer (same bytes).
#include <span>

#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

struct TextFont;
struct EmbeddedImage;

/// Fills a /Page: parent, media box, resources (fonts, images), contents and annotations
/// (none: left out).
void fill_page(PoDoFo::PdfDictionary& d, const PoDoFo::PdfReference& parent, double width, double height,
               std::span<const TextFont* const> fonts, std::span<const EmbeddedImage* const> images,
               const PoDoFo::PdfReference& contents, const PoDoFo::PdfArray& annots);

}  // namespace gongwen::pdf
