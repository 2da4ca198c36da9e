#pragma once
// Navigation: bookmarks (/Outlines), page labels and link annotations.
#include <vector>

#include "model/document.hpp"

namespace PoDoFo {
class PdfVecObjects;
class PdfObject;
class PdfReference;
class PdfDictionary;
}  // namespace PoDoFo

namespace gongwen::pdf {

/// A flat outline, one item per bookmark, each an /XYZ destination at its page and y.
/// Returns nullptr when the document has no bookmarks. Throws Error(Render) for a bookmark
/// pointing past the last page.
PoDoFo::PdfObject* make_outlines(PoDoFo::PdfVecObjects& objects, const Document& doc,
                                 const std::vector<PoDoFo::PdfReference>& pages);

/// Throws Error(Render) when `b` points past the last of `page_count` pages.
void check_bookmark(const Bookmark& b, size_t page_count);
/// One outline item of make_outlines() without its /Prev and /Next: title, parent, destination.
void fill_outline_item(PoDoFo::PdfDictionary& d, const Bookmark& b, const PoDoFo::PdfReference& parent,
                       const PoDoFo::PdfReference& page, double page_height);

/// /PageLabels: decimal numbers starting at `first_page_number` (≥ 1).
PoDoFo::PdfDictionary page_labels(int first_page_number);

/// A /Link annotation with a /URI action over the link's box.
PoDoFo::PdfObject* make_link(PoDoFo::PdfVecObjects& objects, const Link& link, double page_height);

}  // namespace gongwen::pdf
