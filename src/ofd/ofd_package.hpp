#pragma once
// The OFD container: a zip written by libzip in memory. Entries keep the order they were added
// in and carry one fixed DOS timestamp, so the same parts give the same bytes.
#include <cstdint>
#include <string>
#include <vector>

namespace gongwen::ofd {

class Package {
 public:
  /// Adds an entry (`compress`: deflate; already compressed media are stored).
  void add(std::string name, std::string bytes, bool compress = true);
  /// The zip file. `unix_seconds` is the timestamp of every entry (the document's date, as UTC
  /// wall time; before 1980 it is 1980-01-01). Throws Error(Render) on a libzip failure.
  std::string finish(int64_t unix_seconds) const;

 private:
  struct Entry {
    std::string name, bytes;
    bool compress = true;
  };
  std::vector<Entry> entries_;
};

}  // namespace gongwen::ofd
