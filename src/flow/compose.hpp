#pragma once
// The whole pipeline for one document: front matter + records → bound → paginated. Binding is
// separate so the PDF and the XLSX writers share one bound model.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bind/bind.hpp"
#include "flow/paginate.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"

namespace gongwen {

struct ComposeInput {
  const nlohmann::json* document = nullptr;       ///< document-level data ({} when none)
  std::vector<const nlohmann::json*> records;     ///< record field objects
  std::vector<size_t> indices;                    ///< 1-based record numbers, parallel to records
  std::string data_name;                          ///< for error messages
  int64_t creation_time = 0;                      ///< Unix seconds for the metadata
};

/// Every record bound to the layout, plus what the writers need around them.
struct BoundDocument {
  Metadata meta;
  BoundRecord front;
  std::vector<BoundRecord> records;
  const nlohmann::json* document = nullptr;
  std::vector<const nlohmann::json*> record_data;  ///< parallel to records (for summaries)
  std::string data_name;
};

/// Binds every record. Throws Error(Data) naming record and field for bad data.
BoundDocument bind_document(const Layout& layout, const ComposeInput& in);

/// Lays out bound records into pages; tables are measured on `jobs` threads first (the result
/// does not depend on `jobs`). Throws Error(Data) for uncovered characters (the first record's).
Document paginate(const Layout& layout, const BoundDocument& bound, unsigned jobs = 1);
/// The same with tables measured beforehand (keyed by their BoundTable); the rest are measured here.
Document paginate(const Layout& layout, const BoundDocument& bound, MeasureCache cache, unsigned jobs);

/// bind_document + paginate.
Document compose(const Layout& layout, const ComposeInput& in);

/// The creation date: the layout's [document] date, else $SOURCE_DATE_EPOCH, else 2000-01-01.
int64_t creation_time(const Layout& layout);

}  // namespace gongwen
