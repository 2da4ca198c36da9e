#pragma once
// One page's Content.xml: a single body Layer holding, in the page's item order, a TextObject per
// glyph run, a PathObject per rule or rectangle and an ImageObject per image. Millimetres, y down;
// every position is exactly the laid-out one, rounded to 1 µm.
#include <cstdint>
#include <string>

#include "model/document.hpp"
#include "ofd/ofd_fonts.hpp"
#include "ofd/ofd_images.hpp"

namespace gongwen::ofd {

/// Whether `item` becomes an object (and takes a unit ID): a run drawing a non-blank character,
/// a rule or rectangle that is drawn, an image. (Links do not.)
bool writes_object(const Item& item);

/// The Content.xml of `page`; its Layer gets `first_id`, its objects the IDs after it, in order:
/// `id_count` in all, the Layer and one per writes_object() item. Throws Error(Render) for an
/// item that cannot be written.
std::string page_content(const Page& page, uint32_t first_id, uint32_t id_count, const FontSet& fonts,
                         const ImageSet& images);

}  // namespace gongwen::ofd
