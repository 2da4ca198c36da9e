#pragma once
// Record sources: JSON, JSON Lines and CSV files read one record at a time, so memory does not
// grow with the number of records (JSON Lines and CSV are streamed).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

struct Record {
  size_t index = 0;      ///< 1-based position in the input
  nlohmann::json fields;  ///< an object
};

struct DataOptions {
  std::string encoding = "utf-8";      ///< CSV: "utf-8" or "gb18030"
  std::string list_separator = "|";    ///< CSV list fields
  std::vector<std::string> list_fields;    ///< CSV columns split into lists
  std::vector<std::string> number_fields;  ///< CSV columns converted to numbers
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  /// The next record, or nullopt at the end. Throws Error(Data) "<path>: record N: field: message"
  /// or "<path>:line:col: message".
  virtual std::optional<Record> next() = 0;
  /// Document-level data ({} when the input has none).
  virtual const nlohmann::json& document() const = 0;
  /// The number of records when known without reading them all (JSON files), for progress.
  virtual std::optional<size_t> size_hint() const { return std::nullopt; }
};

/// Opens a data file; the format comes from the extension (.json, .jsonl/.ndjson, .csv).
std::unique_ptr<RecordSource> open_records(const std::filesystem::path& path, const DataOptions& options = {});

/// Checks that every string in `v` is valid UTF-8; throws Error(Data) "<where>: <path>: invalid UTF-8 at byte N".
void validate_utf8(const nlohmann::json& v, const std::string& where, const std::string& path = "");

}  // namespace gongwen
