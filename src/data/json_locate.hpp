#pragma once
// Where and why a JSON text fails to parse. nlohmann reports a byte offset and a terse reason;
// a second, SAX-only pass over the same bytes also knows which containers were open, so an
// invalid UTF-8 string can be named by record and field instead of by offset.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::data_detail {

/// One open container at the point of failure, outermost first.
struct JsonStep {
  bool array = false;
  size_t index = 0;     ///< array: the element being read
  std::string key;      ///< object: the member being read (when has_key)
  bool has_key = false; ///< false: the failure is inside the key itself
};

struct JsonFailure {
  size_t offset = 0;      ///< 0-based byte offset of the offending byte (the size when the input ended)
  bool at_end = false;    ///< the input ended before the JSON did
  bool empty = false;     ///< no JSON value at all (only whitespace)
  bool bad_utf8 = false;  ///< ill-formed UTF-8 inside a string
  std::string detail;     ///< nlohmann's reason, e.g. "invalid literal; last read: 'tru'"
  std::vector<JsonStep> path;
};

/// Parses with SAX only (no DOM) to find the failure; nullopt when the text is valid JSON.
std::optional<JsonFailure> locate_json_failure(std::string_view text);

/// "title[0].name" for steps [from, end); `in_key` is set when the last object has no key yet.
std::string json_path(const std::vector<JsonStep>& steps, size_t from, bool& in_key);

/// "JSON syntax error: ..." with nlohmann's reason, a long "last read" shortened.
std::string json_syntax_message(const JsonFailure& f, std::string_view end_hint);

/// 1-based line and column (in code points; a leading BOM is no column) of a byte offset.
struct LineCol {
  size_t line = 1, col = 1;
};
LineCol line_col(std::string_view text, size_t offset);

}  // namespace gongwen::data_detail
