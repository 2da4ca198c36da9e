#pragma once
// Record sources: JSON, JSON Lines and CSV files read one record at a time. JSON Lines and CSV
// are streamed (memory does not grow with the file); a .json file is parsed whole.
//
//   .json           [ {...}, ... ]  or  {"document": {...}, "records": [...]} (document optional)
//   .jsonl/.ndjson  one object per line; blank lines skipped; a FIRST line holding only
//                   {"document": {...}} is the document
//   .csv            RFC 4180 with a header row; UTF-8 (BOM or not) or GB18030. Cells are strings;
//                   list_fields → arrays (split, trimmed, empty items dropped: "" → []),
//                   line_list_fields (not in list_fields) → one item per line,
//                   number_fields → numbers (integers stay integers; "1,234.5" accepted; an
//                   empty cell → null). A line break inside a quoted cell reads as "\n".
//   .xlsx/.xlsm     the first worksheet (or `sheet`): a header row (title rows merged across
//                   columns above it are skipped), cells typed (numbers, dates as
//                   "YYYY-MM-DD", booleans, formulas by cached value), merged cells spread over
//                   the cells they cover, list fields as for CSV; see docs/data.md.
//
// Every source's document is document_defaults, then the data's own, then document_overrides
// (objects merged key by key).
//
// Every failure is an Error(ErrorKind::Data) whose message is complete:
//   "<data>: record N: [<field path>: ]<message>"   a record's content, e.g. "performance[2]";
//                                                    " (line L)" added when the line is known
//   "<data>: document: [<field path>: ]<message>"
//   "<data>:<line>:<col>: JSON syntax error: ..."    (JSON Lines: the physical line)
//   "<data>:<line>: ..."                             CSV syntax; "<data>:<line>: record N: ..." for
//                                                    a row with the wrong number of cells
//   "<data>: cannot open data file: <reason>"
#include <filesystem>
#include <memory>
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gongwen/error.hpp>

namespace gongwen {

struct Record {
  size_t index = 0;       ///< 1-based position in the input
  nlohmann::json fields;  ///< an object
};

struct DataOptions {
  std::string encoding = "utf-8";          ///< CSV: "utf-8" or "gb18030" (also "gbk", "gb2312")
  std::string list_separator = "|";        ///< CSV list fields
  std::vector<std::string> list_fields;    ///< CSV columns split into lists
  std::vector<std::string> number_fields;  ///< CSV columns converted to numbers
  /// Fields used as lists: a CSV/XLSX text cell → one item per line; "document.x" paths: a text
  /// document field → one item per line, whatever the format.
  std::vector<std::string> line_list_fields;
  /// CSV/XLSX: a text cell with line breaks → its lines (one line stays text).
  std::vector<std::string> paragraph_fields;
  std::string sheet;                       ///< XLSX: the worksheet to read (default: the first)
  nlohmann::json document_defaults = nlohmann::json::object();   ///< under the data's document
  nlohmann::json document_overrides = nlohmann::json::object();  ///< over it (--document, --set)
  uint64_t part_limit = 512ull << 20;      ///< XLSX: uncompressed bytes per workbook part
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  /// The next record, or nullopt at the end. Throws Error(Data). After an error that names a
  /// record ("...: record N: ...") the source can go on with the next one.
  virtual std::optional<Record> next() = 0;
  /// Document-level data ({} when the input has none).
  virtual const nlohmann::json& document() const = 0;
  /// The number of records when known without reading them all (JSON files), for progress.
  virtual std::optional<size_t> size_hint() const { return std::nullopt; }
};

/// Opens a data file; the format comes from the extension (.json, .jsonl/.ndjson, .csv,
/// .xlsx/.xlsm, any case).
std::unique_ptr<RecordSource> open_records(const std::filesystem::path& path, const DataOptions& options = {});
/// An XLSX workbook from bytes in memory (fuzzing, embedding); `name` names it in messages.
std::unique_ptr<RecordSource> open_xlsx_bytes(std::string bytes, const std::string& name, const DataOptions& options = {});

/// Deep merge: objects key by key, anything else replaced by `over`.
void merge_document(nlohmann::json& base, const nlohmann::json& over);
/// `--set` text "document.a.b=value" applied to `doc` (the document object): dotted path, value
/// a string, or a list "[a, b]" (JSON array syntax, or comma-separated items). Throws
/// Error(Usage) for a malformed assignment.
/// (Public: include/gongwen/gongwen.hpp.)
GONGWEN_API void set_document_field(nlohmann::json& doc, std::string_view assignment);
/// A --document file (.json or .toml) as a document object. Throws Error(Data). (Public.)
GONGWEN_API nlohmann::json load_document_file(const std::filesystem::path& path);

/// Arrays and objects may nest at most this deep inside one record or the document (the record
/// object itself is level 1). Deeper data is refused before anything copies or prints it.
constexpr size_t kMaxDataDepth = 64;

/// The one rule for the content of every data value, whatever the format (JSON, JSON Lines, CSV,
/// in-memory JSON): strings and keys are valid UTF-8 without control characters (C0 except TAB,
/// LF and CR; DEL; C1 U+0080–U+009F), and nesting stays within kMaxDataDepth. Checked without
/// recursion. Throws Error(Data) "<where>: <path>: <what>[<note>]", e.g.
///   "x.json: record 3: performance[2]: invalid UTF-8 at byte 2"
///   "x.json: record 1: name: control character U+0000 at byte 6 (...)"
///   "x.json: record 1: a.a.a…: nested deeper than 64 levels"
/// ("<where>: <what>" when `v` itself is the bad string). `path` is the path of `v` itself.
/// `base` is the location the error names (data file, record); the path is added as its field.
void validate_data(const nlohmann::json& v, const std::string& where, const std::string& path = "",
                   const std::string& note = "", const ErrorLocation& base = {});

/// Field paths as messages show them: "a" + "b" → "a.b", "a" + 2 → "a[2]"; "" + "b" → "b".
std::string field_path_key(const std::string& base, const std::string& key);
std::string field_path_index(const std::string& base, size_t index);

}  // namespace gongwen
