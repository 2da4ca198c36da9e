#pragma once
// Files appear complete or not at all: bytes go to a temporary file in the target folder, are
// flushed, then renamed over the final name (rename is atomic within a file system).
#include <filesystem>
#include <string_view>

namespace gongwen {

/// Writes `bytes` to `path` atomically. Throws Error(Io) naming the file.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// A temporary name beside `path` that no other process picks ("name.pdf.tmp-<host>-<pid>-<n>").
std::filesystem::path temporary_sibling(const std::filesystem::path& path);

/// Deletes temporaries in `dir` left by killed processes of this host (their pid is gone);
/// those of live processes and of other hosts sharing the folder are left alone.
size_t remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace gongwen
