#include "flow/compose.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iterator>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "flow/paginate.hpp"

namespace gongwen {

namespace {
/// Seconds since 1970-01-01 00:00 UTC at the start of a civil date: no time zone involved.
int64_t unix_seconds(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  const sys_days day{year{y} / month{m} / std::chrono::day{d}};
  return duration_cast<seconds>(day.time_since_epoch()).count();
}

}  // namespace

int64_t creation_time(const Layout& layout, std::optional<int64_t> fallback) {
  if (!layout.date.empty()) {
    int y = 2000, m = 1, d = 1;
    std::sscanf(layout.date.c_str(), "%d-%d-%d", &y, &m, &d);
    return unix_seconds(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  }
  if (fallback) return *fallback;
  return unix_seconds(2000, 1, 1);
}

Document paginate(const Layout& layout, const BoundDocument& bound, unsigned jobs) {
  return paginate(layout, bound, MeasureCache{}, jobs);
}

Document paginate(const Layout& layout, const BoundDocument& bound, MeasureCache cache, unsigned jobs) {
  // Measuring (shaping and breaking every cell) is the costly part and independent per table:
  // do it in parallel, then paginate in order.
  std::vector<std::pair<const BoundTable*, RecordOrigin>> tables;
  auto collect = [&](const BoundRecord& r) {
    for (const auto& b : r.blocks)
      if (auto* t = std::get_if<BoundTable>(&b); t && !cache.count(t)) tables.push_back({t, {bound.data_name, r.index}});
  };
  collect(bound.front);
  for (const auto& r : bound.records) collect(r);
  collect(bound.back);
  std::vector<std::optional<MeasuredTable>> measured(tables.size());
  const double width = layout.page.type_width();
  parallel_for(tables.size(), jobs,
               [&](size_t i) { measured[i] = measure_table(*tables[i].first, width, tables[i].second); });
  for (size_t i = 0; i < tables.size(); ++i) cache.emplace(tables[i].first, std::move(*measured[i]));
  PageFlow flow(layout, bound, &cache);
  for (const BoundRecord& r : bound.records) flow.add(r);
  return flow.finish();
}

PageFlow::PageFlow(const Layout& layout, const BoundDocument& head, const MeasureCache* cache, bool compact)
    : layout_(layout), back_(&head.back), data_name_(head.data_name), pages_(layout, doc_, head.furniture, cache), compacting_(compact) {
  doc_.meta = head.meta;
  if (!layout.front.empty()) pages_.place(head.front, {data_name_, 0});
}

void PageFlow::add(const BoundRecord& record) {
  if (layout_.record_page_break) pages_.page_break();
  pages_.place(record, {data_name_, record.index});
  if (compacting_) compact();
}

void PageFlow::compact() {
  auto& pages = doc_.pages;
  for (; compact_page_ < pages.size(); ++compact_page_, compact_item_ = 0) {
    auto& items = pages[compact_page_].items;
    for (; compact_item_ < items.size(); ++compact_item_)
      if (auto* run = std::get_if<GlyphRun>(&items[compact_item_])) run->glyphs.shrink_to_fit();
    if (compact_page_ + 1 == pages.size()) break;  // the last page still grows
    // Room for the page furniture finish() adds (usually one run), so it does not double.
    std::vector<Item> exact;
    exact.reserve(items.size() + 2);
    std::move(items.begin(), items.end(), std::back_inserter(exact));
    items = std::move(exact);
  }
}

std::span<Page> PageFlow::completed() {
  const size_t from = furnished_;
  furnished_ = pages_.furnish_completed(furnished_);
  return std::span<Page>(doc_.pages.data() + from, furnished_ - from);
}

Document PageFlow::finish() {
  if (!layout_.back.empty()) pages_.place(*back_, {data_name_, 0});
  pages_.finish(furnished_);
  return std::move(doc_);
}

Document compose(const Layout& layout, const DocumentInput& in) { return paginate(layout, bind_document(layout, in)); }

}  // namespace gongwen
