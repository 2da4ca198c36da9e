#pragma once
// Files appear complete or not at all, and a run's files appear together or not at all.
//
// Temporaries never sit beside the user's files under names a user could also choose: each
// OutputSet writes into its own private folder inside the target folder,
//   OUT/.gongwen-tmp-<host>-<pid>-<16 hex digits>/<n>.part
// made with mkdir (so no other process owns it), flushed, then renamed over the final names
// (rename is atomic within a file system). The folder is removed when the set is done. A killed
// run leaves its folder behind; the next run removes it only when it is exactly that shape, its
// process is gone, and it holds nothing but our "<n>.part" files.
#include <filesystem>
#include <string_view>
#include <vector>

namespace gongwen {

/// Output files committed together: stage or write each, then commit() renames them all into
/// place. Files not committed (an error on the way) are deleted by the destructor, with the
/// private folder. All final paths must be in one folder.
class OutputSet {
 public:
  OutputSet() = default;
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();

  /// A fresh temporary path for `final`, for a writer that opens files itself (libxlsxwriter).
  /// Throws Error(Io) naming `final` when the private folder cannot be made.
  std::filesystem::path stage(const std::filesystem::path& final);
  /// Writes `bytes` to a temporary for `final`, flushed to disk. Throws Error(Io) naming `final`.
  void write(const std::filesystem::path& final, std::string_view bytes);
  /// The temporary staged for `final` (empty when none), e.g. to read a finished workbook back
  /// before the set commits.
  std::filesystem::path temporary_of(const std::filesystem::path& final) const;
  /// Renames every staged file over its final name. On a failure the files already renamed are
  /// removed again, so none of the set remains; throws Error(Io).
  void commit();

 private:
  std::filesystem::path folder_;  ///< the private folder, once made
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  ///< temporary, final
  bool committed_ = false;
};

/// Writes `bytes` to `path` atomically. Throws Error(Io) naming the file.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// Deletes the private folders in `dir` left by killed processes of this host (see above);
/// folders of live processes, of other hosts, or holding anything else are left alone, and so is
/// every other file. Returns the number of folders removed.
size_t remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace gongwen
