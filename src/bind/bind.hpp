#pragma once
// Records × layout → bound blocks: every template rendered to display text, spans resolved into
// a grid, rows generated from list fields, empty rows dropped. No measuring happens here.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "bind/aggregate.hpp"
#include "layout/layout.hpp"

namespace gongwen {

struct BoundCell {
  std::vector<std::string> paragraphs;  ///< display text, one entry per paragraph
  const Style* style = nullptr;
  int row = 0, col = 0;                 ///< top-left grid position within the table
  int rowspan = 1, colspan = 1;
  bool is_label = false;                ///< static text (repeated with the continuation mark)
  std::string field;                    ///< the data field shown, for error messages ("" if static)
  std::optional<NumericCell> numeric;   ///< typed value for spreadsheets
  std::optional<AggregateRef> aggregate;  ///< sum()/avg()/…: the rows it covers, for a live formula
  std::shared_ptr<const ImageData> image;  ///< a photo or seal in the cell (null: none)
  double image_width = 0, image_height = 0;  ///< pt: the box the picture is fitted into (0: the cell's)
  bool image_behind = false;  ///< the picture lies behind the text (a seal), not above it
};

struct BoundRow {
  bool header = false;
  double min_height = 0;
};

struct BoundTable {
  const TableBlock* spec = nullptr;
  std::vector<std::string> caption;
  std::vector<BoundRow> rows;
  std::vector<BoundCell> cells;  ///< in row-major order of their top-left corner
};

struct BoundParagraphs {
  const Style* style = nullptr;
  std::vector<std::string> texts;
  bool keep_with_next = false;
  std::string field;
};

struct BoundSignoff {
  const SignoffBlock* spec = nullptr;
  std::vector<std::pair<std::string, std::string>> entries;  ///< label, value
};

using BoundBlock = std::variant<BoundParagraphs, BoundTable, BoundSignoff, SpacerBlock>;

struct BoundRecord {
  size_t index = 0;  ///< 1-based; 0 for the document's front matter
  std::string bookmark;
  std::vector<BoundBlock> blocks;
};

/// Where a record came from, for "DATA: record N: field: message" errors.
struct RecordOrigin {
  std::string data_name;  ///< the data file as the user named it
  size_t index = 0;       ///< 1-based record number; 0 for document-level data
};

/// Every record of a document, for tables over all records in the front and back matter
/// (`for_each = "{{records}}"`).
struct RecordSet {
  std::vector<const nlohmann::json*> data;
  std::vector<size_t> indices;  ///< 1-based record numbers, parallel to data
};

/// Binds `blocks` to one record (or to the document data when `record` is null; then `records`,
/// if given, is what `{{records}}` lists). Throws Error(Data) with the record number and field.
/// `notes`, when set, collects warnings ("DATA: record N: field: numbered inconsistently: …").
BoundRecord bind_blocks(const Layout& layout, const std::vector<Block>& blocks, const nlohmann::json* record,
                        const nlohmann::json& document, const RecordOrigin& origin, const RecordSet* records = nullptr,
                        std::vector<std::string>* notes = nullptr);

/// "DATA: record N: field: message" (or "DATA: document: field: message"), with its location.
Located data_error(const RecordOrigin& origin, const std::string& field, const std::string& message);

}  // namespace gongwen
