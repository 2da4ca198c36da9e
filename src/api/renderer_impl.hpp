#pragma once
// What a Renderer holds: the font book and the layout, loaded once and shared read-only by
// every worker thread.
#include <gongwen/gongwen.hpp>

#include "batch/batch.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"

namespace gongwen {

struct Renderer::Impl {
  FontBook fonts;
  std::shared_ptr<const Layout> layout;
  RendererOptions options;
  std::string layout_name;  ///< the layout as named to the Renderer (font report)
};

/// The font book the options describe: the base map, the extra maps, the font folders.
FontBook load_font_book(const RendererOptions& options);

}  // namespace gongwen
