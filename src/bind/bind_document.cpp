#include "bind/bind_document.hpp"

#include "bind/page_text.hpp"
#include "core/error.hpp"

namespace gongwen {

namespace {

const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

/// `t` over `record` (null: the document data alone) as one text, paragraphs joined by `join`.
std::string render_text(const Template& t, const nlohmann::json* record, const nlohmann::json& document,
                        const RecordOrigin& origin, const std::string& what, const char* join = "") {
  try {
    std::string s;
    const auto paras = t.render(TemplateContext{record ? record : &empty_object(), &document, origin.index});
    for (size_t k = 0; k < paras.size(); ++k) s += (k ? join : "") + paras[k];
    return s;
  } catch (const BindError& e) {
    throw Error(ErrorKind::Data, data_error(origin, e.field, what + e.what()));
  }
}

std::string metadata(const std::optional<Template>& t, const nlohmann::json& document, const std::string& data_name) {
  return t ? render_text(*t, nullptr, document, {data_name, 0}, "") : std::string();
}

/// The record's row of the workbook's summary sheet: display text and typed value per column.
std::vector<BoundSummaryCell> summary_row(const XlsxSpec& x, const nlohmann::json& record, const nlohmann::json& document,
                                          const RecordOrigin& origin) {
  std::vector<BoundSummaryCell> row;
  row.reserve(x.summary.size());
  const TemplateContext ctx{&record, &document, origin.index};
  for (const XlsxSpec::SummaryColumn& col : x.summary) {
    BoundSummaryCell cell;
    cell.text = render_text(col.value, &record, document, origin, "", "\n");
    try {
      // A column that sums or has a number format takes a text holding a number (CSV) as one.
      cell.numeric = col.value.numeric(ctx, col.total || !col.number_format.empty());
    } catch (const BindError&) {
      // shown as text
    }
    row.push_back(std::move(cell));
  }
  return row;
}

}  // namespace

BoundRecord bind_record(const Layout& layout, const nlohmann::json& record, const nlohmann::json& document,
                        const RecordOrigin& origin, bool warnings) {
  BoundRecord r = bind_blocks(layout, layout.record, &record, document, origin, nullptr, warnings);
  if (layout.xlsx.sheet_name) r.sheet_name = render_text(*layout.xlsx.sheet_name, &record, document, origin, "sheet_name: ");
  if (!layout.xlsx.summary.empty()) r.summary = summary_row(layout.xlsx, record, document, origin);
  return r;
}

BoundDocument bind_document(const Layout& layout, const DocumentInput& in) {
  BoundDocument b = bind_head(layout, in);
  const nlohmann::json& document = in.document ? *in.document : empty_object();
  b.records.reserve(in.records.size());
  for (size_t i = 0; i < in.records.size(); ++i) {
    const RecordOrigin origin{in.data_name, in.indices.empty() ? i + 1 : in.indices[i]};
    b.records.push_back(bind_record(layout, *in.records[i], document, origin, in.warnings));
  }
  return b;
}

BoundDocument bind_head(const Layout& layout, const DocumentInput& in) {
  const nlohmann::json& document = in.document ? *in.document : empty_object();
  BoundDocument b;
  b.data_name = in.data_name;
  b.meta.title = metadata(layout.title, document, in.data_name);
  b.meta.author = metadata(layout.author, document, in.data_name);
  b.meta.subject = metadata(layout.subject, document, in.data_name);
  b.meta.keywords = metadata(layout.keywords, document, in.data_name);
  b.meta.creator = std::string("gongwen ") + GONGWEN_VERSION;
  b.meta.creation_time = in.creation_time;
  b.furniture.header = bind_furniture(layout.header, "header", document, in.data_name);
  b.furniture.footer = bind_furniture(layout.footer, "footer", document, in.data_name);
  // The summary title is written only with the summary sheet, which needs columns.
  if (layout.xlsx.summary_title && !layout.xlsx.summary.empty()) b.summary_title = render_text(*layout.xlsx.summary_title, nullptr, document, {in.data_name, 0}, "", "\n");
  if (layout.front.empty() && layout.back.empty()) return b;
  RecordSet all{in.records, in.indices};
  if (all.indices.empty())
    for (size_t i = 0; i < in.records.size(); ++i) all.indices.push_back(i + 1);
  if (!layout.front.empty()) b.front = bind_blocks(layout, layout.front, nullptr, document, {in.data_name, 0}, &all, in.warnings);
  if (!layout.back.empty()) b.back = bind_blocks(layout, layout.back, nullptr, document, {in.data_name, 0}, &all, in.warnings);
  return b;
}

}  // namespace gongwen
