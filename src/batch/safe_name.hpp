#pragma once
// File names made from record fields: whatever the data holds, the name stays one safe path
// component inside the output folder, portable to Windows, and unique within a run.
#include <set>
#include <string>
#include <string_view>

namespace gongwen {

/// One safe file-name stem: no path separators, no "..", no control or reserved characters
/// (:*?"<>|), no Windows device names (CON, NUL, COM1…), no leading/trailing dots or spaces,
/// at most `max_bytes` of UTF-8 cut on a character boundary, in NFC (the form Windows and Linux
/// tools write). Never empty (`fallback`).
std::string safe_stem(std::string_view raw, std::string_view fallback, size_t max_bytes = 200);

/// The key two file names clash under on case-insensitive file systems (Windows, macOS): the
/// canonical caseless form NFD(casefold(NFD(name))), so Ä/ä, Σ/σ/ς and NFC/NFD é are one name.
std::string name_key(std::string_view name);

/// Hands out unique stems (compared by name_key, as Windows and macOS compare names):
/// "报告", "报告-2", "报告-3"…
class UniqueNames {
 public:
  explicit UniqueNames(size_t max_bytes = 200) : max_bytes_(max_bytes) {}
  std::string claim(const std::string& stem);

 private:
  size_t max_bytes_;
  std::set<std::string> taken_;  ///< name_key of each
};

}  // namespace gongwen
