#include "ofd/ofd_package.hpp"

#include <zip.h>

#include <ctime>
#include <memory>

#include "core/error.hpp"

namespace gongwen::ofd {

namespace {

Error zip_failure(const std::string& what, const char* detail) {
  return Error(ErrorKind::Render, "OFD writer: cannot write the package (" + what + "): " + (detail ? detail : "unknown error"));
}

struct SourceDeleter { void operator()(zip_source_t* s) const { zip_source_free(s); } };

/// MS-DOS date and time of `unix_seconds` read as UTC (no time zone may change the bytes).
void dos_time(int64_t unix_seconds, zip_uint16_t& date, zip_uint16_t& time) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds < 315532800 ? 315532800 : unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  if (tm.tm_year + 1900 > 2107) {  // the last date DOS time can hold
    tm.tm_year = 2107 - 1900;
    tm.tm_mon = 11;
    tm.tm_mday = 31;
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 58;
  }
  date = static_cast<zip_uint16_t>(((tm.tm_year + 1900 - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  time = static_cast<zip_uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
}

}  // namespace

void Package::add(std::string name, std::string bytes, Method method) {
  entries_.push_back(Entry{std::move(name), std::move(bytes), method});
}

std::string Package::finish(int64_t unix_seconds) const {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) throw zip_failure("buffer", zip_error_strerror(&error));
  zip_t* za = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (!za) throw zip_failure("open", zip_error_strerror(&error));
  zip_source_keep(buffer.get());  // zip_close would free it; its bytes are the result
  zip_uint16_t dos_date = 0, dos_clock = 0;
  dos_time(unix_seconds, dos_date, dos_clock);
  for (const Entry& e : entries_) {
    zip_source_t* src = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t index = src ? zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (src) zip_source_free(src);
      const std::string message = zip_strerror(za);
      zip_discard(za);
      throw zip_failure(e.name, message.c_str());
    }
    const zip_int32_t method = e.method == Method::Deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
    const zip_uint32_t level = e.method == Method::Deflated ? 6 : 0;
    if (zip_set_file_compression(za, static_cast<zip_uint64_t>(index), method, level) < 0 ||
        zip_file_set_dostime(za, static_cast<zip_uint64_t>(index), dos_clock, dos_date, 0) < 0) {
      const std::string message = zip_strerror(za);
      zip_discard(za);
      throw zip_failure(e.name, message.c_str());
    }
  }
  if (zip_close(za) < 0) {
    const std::string message = zip_strerror(za);
    zip_discard(za);
    throw zip_failure("close", message.c_str());
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer.get(), &st) < 0 || zip_source_open(buffer.get()) < 0)
    throw zip_failure("read back", zip_error_strerror(zip_source_error(buffer.get())));
  std::string out(static_cast<size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(buffer.get(), out.data(), st.size);
  zip_source_close(buffer.get());
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw zip_failure("read back", "short read");
  return out;
}

}  // namespace gongwen::ofd
