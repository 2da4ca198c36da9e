#pragma once
// A zip container read through libzip: from a file or from bytes in memory. Every entry is read
// under a size limit, checked twice — the size the archive declares, and the bytes actually
// inflated — so a zip bomb (or a lying header) is refused before it costs memory or time.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct zip;
struct zip_file;

namespace gongwen::data_detail {

class ZipArchive {
 public:
  /// Opens `path`; throws Error(Data) "<name>: not an XLSX workbook (...)" when it is no zip.
  static ZipArchive open_file(const std::string& path, const std::string& name, uint64_t entry_limit);
  /// Opens bytes in memory (kept alive by the caller for the archive's lifetime).
  static ZipArchive open_bytes(std::string_view bytes, const std::string& name, uint64_t entry_limit);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  bool has(const std::string& entry) const;
  /// The whole entry; throws when it is missing or over the limit.
  std::string read(const std::string& entry) const;
  /// The entry in chunks of up to 64 KiB handed to `sink`, which may stop the read by returning
  /// false. Throws when the entry is missing, damaged or over the limit.
  void stream(const std::string& entry, const std::function<bool(std::string_view)>& sink) const;
  const std::string& name() const { return name_; }

  /// An entry read on demand (pull), for parts parsed as rows are asked for.
  class Reader {
   public:
    Reader(const ZipArchive& zip, const std::string& entry);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    /// The next chunk (valid until the next call); empty at the end.
    std::string_view next();

   private:
    [[noreturn]] void over(uint64_t n) const;
    std::string where_;
    zip_file* file_ = nullptr;
    uint64_t limit_ = 0, total_ = 0;
    std::string buf_;
  };

 private:
  ZipArchive(zip* z, std::string name, uint64_t limit) : zip_(z), name_(std::move(name)), limit_(limit) {}
  zip* zip_ = nullptr;
  std::string name_;
  uint64_t limit_ = 0;
};

}  // namespace gongwen::data_detail
