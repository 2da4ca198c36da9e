#pragma once
// Headers and footers: their templates read only the page number and count ({{page}},
// {{pages}}), known once pages exist — bound here at pagination's request, so that flow/ itself
// never builds template data.
#include <cstddef>
#include <string>

#include "layout/layout.hpp"

namespace gongwen {

/// The furniture's text on page `page` (1-based) of `pages` (0: not known yet). Throws
/// Error(Layout) naming the layout and `which` ("header", "footer") for a template that reads
/// anything else.
std::string page_text(const Layout& layout, const Furniture& f, const char* which, size_t page, size_t pages);

}  // namespace gongwen
