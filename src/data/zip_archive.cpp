// libzip behind ZipArchive: open errors in the words of a data error, entry sizes limited.
#include "data/zip_archive.hpp"

#include <zip.h>

#include <vector>

#include "data/sources.hpp"

namespace gongwen::data_detail {

namespace {

std::string zip_reason(int code) {
  switch (code) {
    case ZIP_ER_NOZIP: return "not a zip archive";
    case ZIP_ER_INCONS: return "damaged zip archive";
    case ZIP_ER_NOENT: return "no such file";
    case ZIP_ER_OPEN: return "cannot open file";
    case ZIP_ER_READ: return "read error";
    case ZIP_ER_MEMORY: return "out of memory";
    default: {
      zip_error_t e;
      zip_error_init_with_code(&e, code);
      std::string s = zip_error_strerror(&e);
      zip_error_fini(&e);
      return s;
    }
  }
}

[[noreturn]] void not_a_workbook(const std::string& name, int code) {
  fail(name + ": not an XLSX workbook (" + zip_reason(code) + ")");
}

}  // namespace

ZipArchive ZipArchive::open_file(const std::string& path, const std::string& name, uint64_t entry_limit) {
  int err = 0;
  zip* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) {
    if (err == ZIP_ER_OPEN || err == ZIP_ER_NOENT) fail(name + ": cannot open data file: " + zip_reason(err));
    not_a_workbook(name, err);
  }
  return ZipArchive(z, name, entry_limit);
}

ZipArchive ZipArchive::open_bytes(std::string_view bytes, const std::string& name, uint64_t entry_limit) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) {
    zip_error_fini(&error);
    fail(name + ": out of memory");
  }
  zip* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!z) {
    const int code = zip_error_code_zip(&error);
    zip_source_free(src);
    zip_error_fini(&error);
    not_a_workbook(name, code);
  }
  zip_error_fini(&error);
  return ZipArchive(z, name, entry_limit);
}

ZipArchive::ZipArchive(ZipArchive&& o) noexcept : zip_(o.zip_), name_(std::move(o.name_)), limit_(o.limit_) { o.zip_ = nullptr; }
ZipArchive& ZipArchive::operator=(ZipArchive&& o) noexcept {
  std::swap(zip_, o.zip_);
  name_ = std::move(o.name_);
  limit_ = o.limit_;
  return *this;
}
ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

bool ZipArchive::has(const std::string& entry) const { return zip_name_locate(zip_, entry.c_str(), 0) >= 0; }

std::string ZipArchive::read(const std::string& entry) const {
  std::string out;
  stream(entry, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  });
  return out;
}

void ZipArchive::stream(const std::string& entry, const std::function<bool(std::string_view)>& sink) const {
  Reader r(*this, entry);
  for (std::string_view chunk = r.next(); !chunk.empty(); chunk = r.next())
    if (!sink(chunk)) break;
}

ZipArchive::Reader::Reader(const ZipArchive& zip, const std::string& entry)
    : where_(zip.name_ + ": " + entry), limit_(zip.limit_), buf_(64 * 1024, '\0') {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip.zip_, entry.c_str(), 0, &st) != 0) fail(where_ + ": missing from the workbook");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit_) over(st.size);
  file_ = zip_fopen(zip.zip_, entry.c_str(), 0);
  if (!file_) fail(where_ + ": cannot read (" + std::string(zip_strerror(zip.zip_)) + ")");
}

ZipArchive::Reader::~Reader() {
  if (file_) zip_fclose(file_);
}

void ZipArchive::Reader::over(uint64_t n) const {
  fail(where_ + ": " + std::to_string(n) + " bytes uncompressed, over the limit of " + std::to_string(limit_) +
       " bytes per workbook part (a zip bomb?)");
}

std::string_view ZipArchive::Reader::next() {
  const zip_int64_t n = zip_fread(file_, buf_.data(), buf_.size());
  if (n < 0) fail(where_ + ": damaged entry (" + std::string(zip_file_strerror(file_)) + ")");
  total_ += static_cast<uint64_t>(n);
  if (total_ > limit_) over(total_);  // the header may lie about the size
  return std::string_view(buf_.data(), static_cast<size_t>(n));
}

}  // namespace gongwen::data_detail
