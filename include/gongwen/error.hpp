#pragma once
// gongwen::Error: the one exception every user-facing failure throws. Its message (what()) is
// complete and already names the place ("layout.toml:12:5: ...", "data.json: record 3: budget:
// ..."); the same place is also given as fields, so a program never parses the message text.
#include <cstddef>
#include <stdexcept>
#include <string>

#include <gongwen/export.hpp>

namespace gongwen {

enum class ErrorKind {
  Unknown = 0,
  Layout,  ///< the layout file (file/line/column set)
  Data,    ///< the data: a record (record ≥ 1, field when known), the document, or the file syntax
  Font,    ///< a font map or a font file
  Io,      ///< reading or writing files
  Render,  ///< the writers
  Usage,   ///< a bad argument or option
};

/// "layout", "data", "font", "io", "render", "usage", "unknown" (errors.json, the C API).
GONGWEN_API const char* to_string(ErrorKind kind);

/// Where a problem is. Every field is optional: empty / 0 when unknown or not applicable.
struct ErrorLocation {
  std::string file;     ///< the layout, font map or data file (as named to gongwen)
  int line = 0;         ///< 1-based; layouts, font maps, data syntax errors
  int column = 0;       ///< 1-based
  size_t record = 0;    ///< 1-based record number in its data (0: not a record)
  std::string field;    ///< field path in the record ("performance[2]", "document.title")
};

/// A message together with the location it names: what gongwen's own helpers build, so that an
/// Error gets its fields from the same values as its text.
struct LocatedMessage {
  std::string text;     ///< the complete message, location first
  ErrorLocation where;  ///< the same location, as fields
  std::string detail;   ///< the message without the location
  operator const std::string&() const { return text; }  // where only the text is wanted
};

class GONGWEN_API Error : public std::runtime_error {
 public:
  /// `message` is the complete text; `detail` the same without the location prefix (empty:
  /// same as message).
  Error(ErrorKind kind, const std::string& message, ErrorLocation where = {}, std::string detail = {})
      : std::runtime_error(message), kind_(kind), where_(std::move(where)), detail_(std::move(detail)) {}

  Error(ErrorKind kind, const LocatedMessage& m) : Error(kind, m.text, m.where, m.detail) {}

  ErrorKind kind() const { return kind_; }
  const ErrorLocation& where() const { return where_; }
  const std::string& file() const { return where_.file; }
  int line() const { return where_.line; }
  int column() const { return where_.column; }
  size_t record() const { return where_.record; }
  const std::string& field() const { return where_.field; }
  /// The complete message (what()).
  std::string message() const { return what(); }
  /// The problem without its location prefix ("expected a number, got \"abc\"").
  std::string detail() const { return detail_.empty() ? std::string(what()) : detail_; }

 private:
  ErrorKind kind_;
  ErrorLocation where_;
  std::string detail_;
};

}  // namespace gongwen
