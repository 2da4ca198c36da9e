#pragma once
// The bound document: every block of the layout with its templates rendered over one record (or
// the document data), pictures read, tables laid into grids with their aggregates — everything
// flow/ and xlsx/ need, and nothing of the record data itself. Produced by bind/ alone; the
// writers' stages read only this (and the layout's specs each bound block points at).
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"
#include "template/aggregate_call.hpp"

namespace gongwen {

/// Where a record came from, for "DATA: record N: field: message" errors.
struct RecordOrigin {
  std::string data_name;  ///< the data file as the user named it
  size_t index = 0;       ///< 1-based record number; 0 for document-level data
};

/// "DATA: record N: field: message" (or "DATA: document: field: message"), with its location.
Located data_error(const RecordOrigin& origin, const std::string& field, const std::string& message);

/// Where a cell's aggregate reads its numbers, for a live formula in the workbook: the table
/// column showing the field on the item rows, and the bound rows the aggregate covers.
struct AggregateRef {
  AggregateFn fn = AggregateFn::Sum;
  int column = -1;              ///< -1: the field is not shown in a column (a value only)
  int first_row = 0, last_row = 0;  ///< bound table rows, inclusive
  bool nested = false;          ///< the table has subtotal rows: SUBTOTAL(), which skips other SUBTOTALs
};

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
  bool keep_with_previous = false;  ///< a 小计: never the first body row of a page, away from its group
};

struct BoundTable {
  const TableBlock* spec = nullptr;
  std::vector<std::string> caption;
  std::vector<BoundRow> rows;
  std::vector<BoundCell> cells;  ///< in row-major order of their top-left corner
};

struct BoundParagraphs {
  const ParagraphBlock* spec = nullptr;  ///< headings, for `headings = "auto"` (null: none)
  const Style* style = nullptr;
  std::vector<std::string> texts;
  bool keep_with_next = false;
  std::string field;
};

struct BoundSignoff {
  struct Entry {
    std::string label, value;
    std::string label_field, value_field;  ///< what each shows, for messages (the template when static)
  };
  const SignoffBlock* spec = nullptr;
  std::vector<Entry> entries;
};

struct BoundSpacer {
  double height = 0;  ///< pt
  int lines = 0;      ///< grid lines (or the default style's pitch without a grid), added to height
};

/// An image block with its picture: the layout's, or the record's (a templated path).
struct BoundImage {
  const ImageBlock* spec = nullptr;
  std::shared_ptr<const ImageData> image;  ///< null: the path rendered empty (no picture)
  double width = 0, height = 0;  ///< pt
};

struct BoundRule {
  const RuleBlock* spec = nullptr;
};

/// 附件说明: the attachments' names, empty items dropped.
struct BoundAttachments {
  const AttachmentBlock* spec = nullptr;
  std::vector<std::string> items;
};

/// 署名 + 成文日期, with the seal over them when there is one.
struct BoundSignature {
  const SignatureBlock* spec = nullptr;
  std::string name, date;
  std::shared_ptr<const ImageData> seal;  ///< the spec's, or the record's (a templated path); null: none
  double seal_width = 0, seal_height = 0;  ///< pt
};

struct BoundBanji {
  const BanjiBlock* spec = nullptr;
  std::string copy_to, printed_by, printed_on;
};

struct BoundMasthead {
  const MastheadBlock* spec = nullptr;
  std::string mark, number, copy_no, secrecy, urgency;
};

/// One block of the layout bound to its data. A block whose `when` fails is left out.
using BoundBlock = std::variant<BoundParagraphs, BoundTable, BoundSignoff, BoundSpacer, BoundImage, BoundRule,
                                BoundAttachments, BoundSignature, BoundBanji, BoundMasthead>;

/// A value of the workbook's summary sheet ([[xlsx.summary]]) for one record.
struct BoundSummaryCell {
  std::string text;                    ///< display text (paragraphs joined by '\n')
  std::optional<NumericCell> numeric;  ///< typed value, when the template shows one number
};

struct BoundRecord {
  size_t index = 0;  ///< 1-based; 0 for the document's front and back matter
  std::string bookmark;
  std::vector<BoundBlock> blocks;
  std::string sheet_name;                 ///< [xlsx] sheet_name rendered ("" without one)
  std::vector<BoundSummaryCell> summary;  ///< one per [[xlsx.summary]] column (records only)
  std::vector<Located> warnings;          ///< when asked for: "numbered inconsistently", with record and field
};

/// Headers and footers with the document's fields filled in ({{document.title}}); {{page}} and
/// {{pages}} are left for pagination (bind/page_text.hpp).
struct BoundFurniture {
  std::optional<Template> header, footer;
};

/// Every record bound to the layout, plus what the writers need around them.
struct BoundDocument {
  Metadata meta;
  BoundFurniture furniture;
  BoundRecord front;
  BoundRecord back;  ///< after the records (index 0, like the front matter)
  std::vector<BoundRecord> records;
  std::string summary_title;  ///< [xlsx] summary_title rendered over the document data
  std::string data_name;
};

}  // namespace gongwen
