#pragma once
// Page content streams. The model is top-left origin, y down; PDF is bottom-left, y up, so every
// y becomes page.height - y here and nowhere else.
#include <string>
#include <vector>

#include "model/document.hpp"

namespace gongwen::pdf {

class FontSet;
class ImageSet;
struct TextFont;
struct EmbeddedImage;

struct PageContent {
  std::string ops;                               ///< uncompressed content stream
  std::vector<const TextFont*> fonts;            ///< fonts used, first-use order
  std::vector<const EmbeddedImage*> images;      ///< images used, first-use order
};

/// Text: BT, Tf, Tm per run, one TJ whose adjustments put every glyph at exactly run.x + glyph.x
/// (justification included) given the /W widths; dy via Ts. Rules, rects, images (cm + Do).
/// Links are annotations, not content: the caller handles them.
PageContent build_page_content(const Page& page, const FontSet& fonts, const ImageSet& images);

}  // namespace gongwen::pdf
