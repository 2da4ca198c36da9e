#pragma once
// Pagination of a bound document (bind/bind_document.hpp): front matter, records and back matter
// flowed into pages. Binding is separate so the PDF, OFD and XLSX writers share one bound model.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bind/bind_document.hpp"
#include "flow/paginate.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"

namespace gongwen {

/// Lays out bound records into pages; tables are measured on `jobs` threads first (the result
/// does not depend on `jobs`). Throws Error(Data) for uncovered characters (the first record's).
Document paginate(const Layout& layout, const BoundDocument& bound, unsigned jobs = 1);
/// The same with tables measured beforehand (keyed by their BoundTable); the rest are measured here.
Document paginate(const Layout& layout, const BoundDocument& bound, MeasureCache cache, unsigned jobs);

/// Pagination fed one record at a time: a batch measures a window of records, places them and
/// releases their measurements, since a record's pages depend only on where the previous ended.
/// paginate() is this over every record at once.
class PageFlow {
 public:
  /// Places the front matter of `head` (its records are not placed). Tables are looked up in
  /// `cache`, which the caller may refill between add() calls; misses are measured here.
  /// `compact`: trim what each record emitted (worth it for a long document held until written).
  PageFlow(const Layout& layout, const BoundDocument& head, const MeasureCache* cache, bool compact = false);
  PageFlow(const PageFlow&) = delete;
  PageFlow& operator=(const PageFlow&) = delete;
  /// Places one record.
  void add(const BoundRecord& record);
  /// The pages completed since the last call (all but the last page, which may still grow), with
  /// their headers and footers drawn: a writer may write them out and release their items. None
  /// while a header or footer needs the page count ({{pages}}): those wait for finish().
  std::span<Page> completed();
  /// Draws the page furniture still missing and hands the document over (pages already taken
  /// by completed() stay in it, as the writer left them).
  Document finish();

 private:
  /// Gives back the spare capacity of what add() emitted: glyph vectors grow by doubling, and
  /// a batch's document holds every glyph until the PDF is written.
  void compact();

  const Layout& layout_;
  const BoundRecord* back_;  ///< the head's back matter, placed by finish()
  std::string data_name_;
  Document doc_;
  Paginator pages_;  ///< writes into doc_
  bool compacting_;
  size_t compact_page_ = 0, compact_item_ = 0;  ///< where compact() resumes
  size_t furnished_ = 0;  ///< pages before this one have their furniture
};

/// bind_document + paginate.
Document compose(const Layout& layout, const DocumentInput& in);

/// The creation date: the layout's [document] date, else `fallback` (RendererOptions; the CLI's
/// $SOURCE_DATE_EPOCH), else 2000-01-01.
int64_t creation_time(const Layout& layout, std::optional<int64_t> fallback = std::nullopt);

}  // namespace gongwen
