#pragma once
// libxlsxwriter prints its own "[ERROR] …" / "[WARNING] …" lines to stderr before returning an
// error code (a full disk, an unwritable temporary folder). We report those failures in our own
// words, so while a workbook is being built the process's stderr goes to a memory file; when the
// last workbook in flight is done, stderr is restored and whatever other threads printed in the
// meantime is passed on, without libxlsxwriter's lines.
namespace gongwen::xlsx {

class StderrCapture {
 public:
  StderrCapture();
  ~StderrCapture();
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
};

}  // namespace gongwen::xlsx
