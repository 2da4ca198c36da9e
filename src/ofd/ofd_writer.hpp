#pragma once
// The OFD writer (GB/T 33190-2016): a laid-out Document in, an OFD package out. Like the PDF
// writer it never measures or shapes: glyph ids and positions come from the Document.
//
//   OFD.xml                       DocBody: DocInfo (DocID, Title, Author, …) and DocRoot
//   Doc_0/Document.xml            CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes),
//                                 Pages, Outlines (from the bookmarks)
//   Doc_0/PublicRes.xml           Fonts, each with a FontFile (OpenType subset with cmap)
//   Doc_0/DocumentRes.xml         MultiMedias (images)
//   Doc_0/Res/…                   font and image files
//   Doc_0/Pages/Page_N/Content.xml
#include <string>

#include "model/document.hpp"

namespace gongwen {

/// Serializes a laid-out document to an OFD package. Deterministic: same Document → same bytes.
/// `jobs` threads build page contents (the bytes do not depend on it). Throws Error(Render)
/// naming the font, image or item that cannot be written.
std::string render_ofd(const Document& doc, unsigned jobs = 1);

}  // namespace gongwen
