#pragma once
// Batch runs (split or combined, sharded, resumable, errors.json). Beneath the API: the Renderer
// calls run_batch() with what it holds; nothing here knows the Renderer.
#include <gongwen/gongwen.hpp>

namespace gongwen {

class FontBook;
struct Layout;

/// What a batch reads, shared read-only by every worker thread (a Renderer's font book, layout
/// and options).
struct BatchContext {
  const FontBook& fonts;
  const Layout* layout;  ///< never null
  const RendererOptions& options;
};

/// Renders `options.data` as Renderer::render_batch documents it; `options.jobs` 0 takes
/// `context.options.threads`.
BatchResult run_batch(const BatchContext& context, const BatchOptions& options);

}  // namespace gongwen
