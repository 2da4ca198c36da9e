#pragma once
// The internal side of gongwen::Error (include/gongwen/error.hpp): helpers that build a located
// message together with its location, so that the fields of the Error never come from parsing
// the text: `throw Error(kind, at(...))` and `throw Error(kind, record_error(...))` carry both.
#include <gongwen/error.hpp>

#include <string>

namespace gongwen {

using Located = LocatedMessage;

/// A location naming a file only.
inline ErrorLocation in_file(const std::string& file) {
  ErrorLocation w;
  w.file = file;
  return w;
}

/// "file:line:col: message" — the form editors and compilers use, so jumps work.
inline Located at(const std::string& file, int line, int col, const std::string& message) {
  ErrorLocation w;
  w.file = file;
  w.line = line;
  w.column = col;
  return {file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + message, std::move(w), message};
}

/// "<data>: record N: [<field>: ]<message>" (N = 0: "<data>: document: ..."), the one shape of
/// a record-level error.
inline Located record_error(const std::string& data, size_t record, const std::string& field, const std::string& message) {
  ErrorLocation w;
  w.file = data;
  w.record = record;
  w.field = field;
  std::string s = data + ": " + (record > 0 ? "record " + std::to_string(record) : std::string("document"));
  if (!field.empty()) s += ": " + field;
  return {s + ": " + message, std::move(w), message};
}

}  // namespace gongwen
