#include "flow/compose.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iterator>

#include "bind/bind.hpp"
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

std::string metadata(const std::optional<Template>& t, const nlohmann::json& document, const std::string& data_name) {
  if (!t) return {};
  try {
    const nlohmann::json empty = nlohmann::json::object();
    std::string s;
    for (const auto& p : t->render(TemplateContext{&empty, &document, 0})) s += p;
    return s;
  } catch (const BindError& e) {
    throw Error(ErrorKind::Data, data_error({data_name, 0}, e.field, e.what()));
  }
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

BoundDocument bind_document(const Layout& layout, const ComposeInput& in) {
  BoundDocument b = bind_head(layout, in);
  b.records.reserve(in.records.size());
  for (size_t i = 0; i < in.records.size(); ++i) {
    const RecordOrigin origin{in.data_name, in.indices.empty() ? i + 1 : in.indices[i]};
    b.records.push_back(bind_blocks(layout, layout.record, in.records[i], *b.document, origin));
    b.record_data.push_back(in.records[i]);
  }
  return b;
}

BoundDocument bind_head(const Layout& layout, const ComposeInput& in) {
  static const nlohmann::json empty = nlohmann::json::object();
  BoundDocument b;
  b.document = in.document ? in.document : &empty;
  b.data_name = in.data_name;
  b.meta.title = metadata(layout.title, *b.document, in.data_name);
  b.meta.author = metadata(layout.author, *b.document, in.data_name);
  b.meta.subject = metadata(layout.subject, *b.document, in.data_name);
  b.meta.keywords = metadata(layout.keywords, *b.document, in.data_name);
  b.meta.creator = std::string("gongwen ") + GONGWEN_VERSION;
  b.meta.creation_time = in.creation_time;
  if (layout.front.empty() && layout.back.empty()) return b;
  RecordSet all{in.records, in.indices};
  if (all.indices.empty())
    for (size_t i = 0; i < in.records.size(); ++i) all.indices.push_back(i + 1);
  if (!layout.front.empty()) b.front = bind_blocks(layout, layout.front, nullptr, *b.document, {in.data_name, 0}, &all);
  if (!layout.back.empty()) b.back = bind_blocks(layout, layout.back, nullptr, *b.document, {in.data_name, 0}, &all);
  return b;
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
  for (size_t i = 0; i < bound.records.size(); ++i)
    flow.add(bound.records[i], i < bound.record_data.size() ? bound.record_data[i] : nullptr);
  return flow.finish();
}

PageFlow::PageFlow(const Layout& layout, const BoundDocument& head, const MeasureCache* cache, bool compact)
    : layout_(layout), back_(&head.back), document_(head.document), data_name_(head.data_name), pages_(layout, doc_, cache), compacting_(compact) {
  doc_.meta = head.meta;
  if (!layout.front.empty()) pages_.place(head.front, {data_name_, 0}, &layout.front, nullptr, document_);
}

void PageFlow::add(const BoundRecord& record, const nlohmann::json* data) {
  if (layout_.record_page_break) pages_.page_break();
  pages_.place(record, {data_name_, record.index}, &layout_.record, data, document_);
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
  if (!layout_.back.empty()) pages_.place(*back_, {data_name_, 0}, &layout_.back, nullptr, document_);
  pages_.finish(furnished_);
  return std::move(doc_);
}

Document compose(const Layout& layout, const ComposeInput& in) { return paginate(layout, bind_document(layout, in)); }

}  // namespace gongwen
