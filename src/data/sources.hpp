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

[[noreturn]] inline void fail(const std::string& message) { throw Error(ErrorKind::Data, message); }

/// "<name>: record N: [<field>: ]<message>" — the one shape every record-level error has.
inline std::string record_message(const std::string& name, size_t index, const std::string& field,
                                  const std::string& message) {
  return name + ": record " + std::to_string(index) + ": " + (field.empty() ? "" : field + ": ") + message;
}

/// Data quoted in a message: invalid UTF-8 bytes become "\xNN" so the message itself stays valid.
std::string printable(std::string_view s);

}  // namespace gongwen::data_detail
