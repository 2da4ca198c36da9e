#include "pdf/pdf_page.hpp"

#include "pdf/font_embed.hpp"
#include "pdf/pdf_images.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

void fill_page(PdfDictionary& d, const PdfReference& parent, double width, double height,
               std::span<const TextFont* const> fonts, std::span<const EmbeddedImage* const> images,
               const PdfReference& contents, const PdfArray& annots) {
  d.AddKey("Parent", parent);
  PdfArray box;
  for (double v : {0.0, 0.0, width, height}) box.push_back(real(v));
  d.AddKey("MediaBox", box);
  PdfDictionary resources;
  if (!fonts.empty()) {
    PdfDictionary f;
    for (const TextFont* font : fonts) f.AddKey(PdfName(font->resource), PdfReference(font->object, 0));
    resources.AddKey("Font", f);
  }
  if (!images.empty()) {
    PdfDictionary x;
    for (const EmbeddedImage* img : images) x.AddKey(PdfName(img->resource), PdfReference(img->object, 0));
    resources.AddKey("XObject", x);
  }
  d.AddKey("Resources", resources);
  d.AddKey("Contents", contents);
  if (!annots.empty()) d.AddKey("Annots", annots);
}

}  // namespace gongwen::pdf
