#pragma once
// Pagination: bound blocks flow down the type area page after page. Paragraphs split between
// lines (no orphan or widow line), tables split between rows and inside rows between lines, with
// header rows repeated and label cells marked 续; a sign-off stays with its table's last row.
#include <set>
#include <unordered_map>

#include "bind/bound.hpp"
#include "flow/borders.hpp"
#include "flow/measure.hpp"
#include "flow/official.hpp"
#include "layout/layout.hpp"

namespace gongwen {

/// Tables measured ahead of pagination (in parallel, see paginate()); keyed by the bound table.
using MeasureCache = std::unordered_map<const BoundTable*, MeasuredTable>;

class Paginator {
 public:
  /// `furniture`: the headers and footers as bound with the document (none: no furniture).
  Paginator(const Layout& layout, Document& doc, const BoundFurniture& furniture, const MeasureCache* cache = nullptr)
      : layout_(layout), doc_(doc), furniture_(furniture), cache_(cache) {}

  /// Places one record's (or the front or back matter's) bound blocks, in order.
  void place(const BoundRecord& record, const RecordOrigin& origin);
  /// Starts a new page unless the current one is still empty.
  void page_break();
  /// Ends the document: draws headers/footers (page numbers) on every page from `from` on.
  void finish(size_t from = 0);
  /// Draws the headers/footers of the pages from `from` on that no later placement can change
  /// (all but the last), unless they need the page count; returns the first page not drawn.
  size_t furnish_completed(size_t from);
  /// Whether a header or footer shows the page count ({{pages}}): no page is final before the end.
  bool needs_page_count() const;

 private:
  double top() const { return layout_.page.top; }
  double bottom() const { return layout_.page.height - layout_.page.bottom; }
  double left() const { return layout_.page.left; }
  double width() const { return layout_.page.type_width(); }
  double remaining() const { return bottom() - y_; }
  bool page_empty() const { return !page_ || y_ <= top() + 1e-6; }
  void new_page();
  void furnish(size_t page, size_t total);
  std::vector<Item>& items() { return page_->items; }
  /// The grid's line pitch, 0 without a grid.
  double grid() const { return layout_.page.grid_pitch(); }
  /// Moves down to the next grid line (blocks start on the grid).
  void snap();
  /// One character of `ps` on this page: the grid's character pitch for grid text.
  double char_unit(const ParagraphStyle& ps) const { return ps.size + ps.letter_spacing; }

  /// Height the block needs at the bottom of a page to start there (keep-with-next).
  double start_height(const BoundBlock& block, const RecordOrigin& origin);
  /// Height of the 附件说明 and 署名 that close the text from block `i` on: the text's last lines
  /// stay on their page (§7.3.5.5).
  double closing_height(const std::vector<BoundBlock>& blocks, size_t i);
  void place_paragraphs(const BoundParagraphs& p, double keep_next, const RecordOrigin& origin);
  void place_headed(const BoundParagraphs& p, const HeadingStyles& h, double keep_next, const RecordOrigin& origin);
  void place_lines(const CellText& text, double x, double keep_next, bool widow_control = true);
  void place_image(const BoundImage& b);
  void place_rule(const RuleBlock& b);
  void place_spacer(const BoundSpacer& s);
  std::vector<ParagraphLayout> attachment_lines(const BoundAttachments& a) const;
  double attachments_height(const BoundAttachments& a) const;
  void place_attachments(const BoundAttachments& a, double keep_next);
  struct SignatureLayout;
  SignatureLayout signature_layout(const BoundSignature& s) const;
  double signature_height(const BoundSignature& s) const;
  void place_signature(const BoundSignature& s);
  void place_banji(const BoundBanji& b);
  void place_masthead(const BoundMasthead& m);
  void place_table(const BoundTable& t, double keep_after, const RecordOrigin& origin, const std::string& bookmark);
  /// A cell's picture in the room (x, y, w, h) it has, aligned as the cell's text.
  void place_cell_image(const MeasuredCell& mc, double x, double y, double room_w, double room_h);
  double signoff_height(const BoundSignoff& s, const RecordOrigin& origin) const;
  void place_signoff(const BoundSignoff& s, const RecordOrigin& origin);

  /// The table measured at the type width: from the cache when it holds it.
  const MeasuredTable& measured(const BoundTable& t, const RecordOrigin& origin);

  const Layout& layout_;
  Document& doc_;
  const BoundFurniture& furniture_;
  const MeasureCache* cache_;
  MeasureCache own_;  ///< tables measured here when no cache was given; for one place() call
  Page* page_ = nullptr;
  double y_ = 0;
  std::set<size_t> unnumbered_;  ///< pages without page numbers (a blank page and the 版记 page after it)
};

}  // namespace gongwen
