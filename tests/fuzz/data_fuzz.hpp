#pragma once
// The record-source harness shared by the JSON, JSON Lines and CSV targets: open the file, read
// the document and every record, and check what the sources promise (records are objects, every
// failure is a Data error with a valid UTF-8 message, a record-level error lets reading go on).
#include <string>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/record.hpp"
#include "fuzz_support.hpp"

namespace gongwen::fuzz {

inline void check_message(const Error& e) {
  const std::string_view m = e.what();
  if (e.kind() != ErrorKind::Data || m.empty() || utf8::first_invalid(m) != std::string_view::npos) __builtin_trap();
}

/// Opens a source with `open()` and reads it to the end.
template <class Open>
void drain(Open open) {
  std::unique_ptr<RecordSource> source;
  try {
    source = open();
    if (!source->document().is_object()) __builtin_trap();
  } catch (const Error& e) {
    check_message(e);
    return;
  }
  // Bounded: a source that kept failing without advancing would otherwise loop forever.
  for (size_t reads = 0; reads < 100000; ++reads) {
    try {
      auto record = source->next();
      if (!record) return;
      if (!record->fields.is_object() || record->index == 0) __builtin_trap();
    } catch (const Error& e) {
      check_message(e);
      if (std::string_view(e.what()).find(": record ") == std::string_view::npos) return;
    }
  }
}

inline void drain_records(const std::filesystem::path& path, const DataOptions& options) {
  drain([&] { return open_records(path, options); });
}

}  // namespace gongwen::fuzz
