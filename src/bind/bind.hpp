#pragma once
// Records × layout → bound blocks (bind/bound.hpp): every template rendered to display text,
// spans resolved into a grid, rows generated from list fields, empty rows dropped, the official
// blocks bound with their pictures. The only stage that reads record data; no measuring here.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bind/bound.hpp"
#include "core/error.hpp"
#include "layout/layout.hpp"

namespace gongwen {

/// Every record of a document, for tables over all records in the front and back matter
/// (`for_each = "{{records}}"`).
struct RecordSet {
  std::vector<const nlohmann::json*> data;
  std::vector<size_t> indices;  ///< 1-based record numbers, parallel to data
};

/// Binds `blocks` to one record (or to the document data when `record` is null; then `records`,
/// if given, is what `{{records}}` lists): every block, in order, those whose `when` fails left
/// out. Sets the bookmark of a record. Throws Error(Data) with the record number and field.
/// `warnings`, when set, also collects warnings (a list numbered inconsistently) into
/// BoundRecord::warnings, each with its record and field.
BoundRecord bind_blocks(const Layout& layout, const std::vector<Block>& blocks, const nlohmann::json* record,
                        const nlohmann::json& document, const RecordOrigin& origin, const RecordSet* records = nullptr,
                        bool warnings = false);

}  // namespace gongwen
