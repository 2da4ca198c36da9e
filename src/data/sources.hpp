#pragma once
// Internals shared by the record sources (not part of the data API).
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "data/record.hpp"

namespace gongwen::data_detail {

std::unique_ptr<RecordSource> make_json_source(std::ifstream in, const std::string& name);
std::unique_ptr<RecordSource> make_jsonl_source(std::ifstream in, const std::string& name);
std::unique_ptr<RecordSource> make_csv_source(std::ifstream in, const std::string& name, const DataOptions& options);
/// `path` is read through libzip, not an ifstream; `name` names it in messages.
std::unique_ptr<RecordSource> make_xlsx_source(const std::string& path, const std::string& name, const DataOptions& options);
std::unique_ptr<RecordSource> make_xlsx_source_from_bytes(std::string bytes, const std::string& name, const DataOptions& options);
/// The source with its document merged: defaults under it, overrides over it (a no-op wrapper
/// is not made when both are empty).
std::unique_ptr<RecordSource> with_document(std::unique_ptr<RecordSource> source, const DataOptions& options);

[[noreturn]] inline void fail(const std::string& message) { throw Error(ErrorKind::Data, message); }
[[noreturn]] inline void fail(const Located& message) { throw Error(ErrorKind::Data, message); }

/// "<name>: record N: [<field>: ]<message>" — the one shape every record-level error has.
inline Located record_message(const std::string& name, size_t index, const std::string& field,
                              const std::string& message) {
  return record_error(name, index, field, message);
}

/// Data quoted in a message: invalid UTF-8 bytes become "\xNN" so the message itself stays valid.
std::string printable(std::string_view s);

}  // namespace gongwen::data_detail
