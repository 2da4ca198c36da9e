#pragma once
// Pagination: bound blocks flow down the type area page after page. Paragraphs split between
// lines (no orphan or widow line), tables split between rows and inside rows between lines, with
// header rows repeated and label cells marked 续; a sign-off stays with its table's last row.
#include <unordered_map>

#include "bind/bind.hpp"
#include "flow/borders.hpp"
#include "flow/measure.hpp"
#include "layout/layout.hpp"

namespace gongwen {

/// Tables measured ahead of pagination (in parallel, see paginate()); keyed by the bound table.
using MeasureCache = std::unordered_map<const BoundTable*, MeasuredTable>;

class Paginator {
 public:
  Paginator(const Layout& layout, Document& doc, const MeasureCache* cache = nullptr)
      : layout_(layout), doc_(doc), cache_(cache) {}

  /// Places one record's (or the front matter's) blocks.
  void place(const BoundRecord& record, const RecordOrigin& origin);
  /// Starts a new page unless the current one is still empty.
  void page_break();
  /// Ends the document: draws headers/footers (page numbers) on every page.
  void finish();

 private:
  double top() const { return layout_.page.top; }
  double bottom() const { return layout_.page.height - layout_.page.bottom; }
  double left() const { return layout_.page.left; }
  double width() const { return layout_.page.type_width(); }
  double remaining() const { return bottom() - y_; }
  bool page_empty() const { return !page_ || y_ <= top() + 1e-6; }
  void new_page();
  std::vector<Item>& items() { return page_->items; }

  /// Height the block needs at the bottom of a page to start there (keep-with-next).
  double start_height(const BoundBlock& block, const RecordOrigin& origin);
  void place_paragraphs(const BoundParagraphs& p, double keep_next, const RecordOrigin& origin);
  void place_lines(const CellText& text, double x, double keep_next);
  void place_table(const BoundTable& t, double keep_after, const RecordOrigin& origin, const std::string& bookmark);
  double signoff_height(const BoundSignoff& s) const;
  void place_signoff(const BoundSignoff& s);

  /// The table measured at the type width: from the cache when it holds it.
  const MeasuredTable& measured(const BoundTable& t, const RecordOrigin& origin);

  const Layout& layout_;
  Document& doc_;
  const MeasureCache* cache_;
  MeasureCache own_;  ///< tables measured here when no cache was given
  Page* page_ = nullptr;
  double y_ = 0;
};

}  // namespace gongwen
