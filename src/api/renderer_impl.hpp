#pragma once
// What a Renderer holds: the font book and the layout, loaded once and shared read-only by
// every worker thread.
#include <gongwen/gongwen.hpp>

#include "font/font_book.hpp"
#include "layout/layout.hpp"

namespace gongwen {

struct Renderer::Impl {
  FontBook fonts;
  std::shared_ptr<const Layout> layout;
};

}  // namespace gongwen
