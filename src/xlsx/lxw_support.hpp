#pragma once
// The only header besides the .cpp files of src/xlsx that includes xlsxwriter.h: the workbook
// handle (RAII) and the return-code check every libxlsxwriter call goes through.
#include <memory>
#include <string>

#include <xlsxwriter.h>

#include "core/error.hpp"

namespace gongwen::xlsx {

/// Throws Error(Render) "XLSX: <what>: <libxlsxwriter's message>" unless `err` is success.
inline void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR) throw Error(ErrorKind::Render, "XLSX: " + what + ": " + lxw_strerror(err));
}

/// Owns an open workbook. libxlsxwriter frees a workbook only inside workbook_close(), which
/// also writes the file; so an abandoned workbook (an exception on the way) is closed into its
/// temporary file, which the caller then deletes. `close()` is the normal, checked path.
class Workbook {
 public:
  /// `tmpdir`: where libxlsxwriter puts its temporary files (each sheet's XML before it is
  /// zipped); nullptr for its default.
  Workbook(const std::string& filename, bool constant_memory, const std::string& tmpdir = {}) : tmpdir_(tmpdir) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = tmpdir_.empty() ? nullptr : tmpdir_.data();
    // No ZIP64: a sheet stays far below 4 GB (≤ 1 048 576 rows), and some readers reject it.
    options.use_zip64 = LXW_FALSE;
    wb_.reset(workbook_new_opt(filename.c_str(), &options));
    if (!wb_) throw Error(ErrorKind::Io, filename + ": cannot create the workbook (out of memory or temporary files)");
  }
  lxw_workbook* get() const { return wb_.get(); }
  /// Writes the file; returns libxlsxwriter's code (the handle is gone either way).
  lxw_error close() { return workbook_close(wb_.release()); }

 private:
  struct Closer {
    void operator()(lxw_workbook* wb) const { workbook_close(wb); }
  };
  std::string tmpdir_;  // libxlsxwriter keeps the pointer until close
  std::unique_ptr<lxw_workbook, Closer> wb_;
};

}  // namespace gongwen::xlsx
