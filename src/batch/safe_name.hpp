#pragma once
// File names made from record fields: whatever the data holds, the name stays one safe path
// component inside the output folder, portable to Windows, and unique within a run.
#include <set>
#include <string>
#include <string_view>

namespace gongwen {

/// One safe file-name stem: no path separators, no "..", no control or reserved characters
/// (:*?"<>|), no Windows device names (CON, NUL, COM1…), no leading/trailing dots or spaces,
/// at most `max_bytes` of UTF-8 cut on a character boundary. Never empty (`fallback`).
std::string safe_stem(std::string_view raw, std::string_view fallback, size_t max_bytes = 200);

/// Hands out unique stems (case-insensitively, as Windows and macOS compare names):
/// "报告", "报告-2", "报告-3"…
class UniqueNames {
 public:
  explicit UniqueNames(size_t max_bytes = 200) : max_bytes_(max_bytes) {}
  std::string claim(const std::string& stem);

 private:
  size_t max_bytes_;
  std::set<std::string> taken_;  ///< lower-cased
};

}  // namespace gongwen
