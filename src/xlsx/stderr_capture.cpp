#include "xlsx/stderr_capture.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace gongwen::xlsx {

namespace {

std::mutex mu;
int active = 0;         // workbooks in flight (several in a --split run)
int saved = -1, sink = -1;  // the real stderr; the memory file standing in for it

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t n = ::write(fd, s.data(), s.size());
    if (n <= 0) return;
    s.remove_prefix(static_cast<size_t>(n));
  }
}

/// Passes on what others printed; drops libxlsxwriter's own lines.
void replay() {
  std::string text;
  char buf[4096];
  ::lseek(sink, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(sink, buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line = std::string_view(text).substr(pos, end - pos);
    if (!line.starts_with("[ERROR]") && !line.starts_with("[WARNING]")) write_all(STDERR_FILENO, line);
    pos = end;
  }
}

}  // namespace

StderrCapture::StderrCapture() {
  std::lock_guard lock(mu);
  if (active++ > 0) return;
  std::fflush(stderr);
  sink = ::memfd_create("gongwen-stderr", MFD_CLOEXEC);
  saved = sink >= 0 ? ::dup(STDERR_FILENO) : -1;
  if (saved < 0 || ::dup2(sink, STDERR_FILENO) < 0) {  // no capture: libxlsxwriter's lines show
    if (saved >= 0) ::close(saved);
    if (sink >= 0) ::close(sink);
    saved = sink = -1;
  }
}

StderrCapture::~StderrCapture() {
  std::lock_guard lock(mu);
  if (--active > 0 || saved < 0) return;
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  replay();
  ::close(sink);
  saved = sink = -1;
}

}  // namespace gongwen::xlsx
