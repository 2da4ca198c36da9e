#pragma once
// The binding stage for a whole document: metadata, front matter, every record, back matter,
// and the workbook's per-record values (sheet names, summary rows). What comes out (bind/bound.hpp)
// is all that pagination and the writers see of the data.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bind/bind.hpp"

namespace gongwen {

struct DocumentInput {
  const nlohmann::json* document = nullptr;       ///< document-level data ({} when none)
  std::vector<const nlohmann::json*> records;     ///< record field objects
  std::vector<size_t> indices;                    ///< 1-based record numbers, parallel to records
  std::string data_name;                          ///< for error messages
  int64_t creation_time = 0;                      ///< Unix seconds for the metadata
  bool warnings = false;                          ///< collect warnings into each BoundRecord (gongwen check)
};

/// Binds every record. Throws Error(Data) naming record and field for bad data.
BoundDocument bind_document(const Layout& layout, const DocumentInput& in);
/// The metadata and the front and back matter only, their tables over all of `in.records`
/// (a batch binds the records themselves one at a time, with bind_record).
BoundDocument bind_head(const Layout& layout, const DocumentInput& in);
/// One record: its blocks, bookmark, sheet name and summary values.
BoundRecord bind_record(const Layout& layout, const nlohmann::json& record, const nlohmann::json& document,
                        const RecordOrigin& origin, bool warnings = false);

}  // namespace gongwen
