#pragma once
// A file written piece by piece that appears complete or not at all (see atomic_file.hpp): for
// outputs too large to assemble in memory first.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/atomic_file.hpp"

namespace gongwen {

class AtomicFileWriter {
 public:
  /// Creates the temporary in the run's private folder beside `path` (see OutputSet). Throws
  /// Error(Io) naming `path`.
  explicit AtomicFileWriter(std::filesystem::path path);
  /// Without commit(): the temporary is removed, `path` is untouched.
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  /// Appends (buffered). Throws Error(Io).
  void write(std::string_view bytes);
  /// Flushes, syncs and renames the temporary over `path`. Throws Error(Io).
  void commit();

 private:
  void flush();
  [[noreturn]] void fail(const std::string& what, int err);

  std::filesystem::path path_;
  OutputSet set_;  ///< owns the temporary and its private folder (both removed unless committed)
  std::filesystem::path tmp_;
  int fd_ = -1;
  std::string buffer_;
};

/// An unnamed temporary file in `dir` (O_TMPFILE, else created and unlinked at once): gone when
/// closed or when the process dies. Returns the descriptor; throws Error(Io).
int anonymous_file(const std::filesystem::path& dir);

}  // namespace gongwen
