#include "core/atomic_stream.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {
constexpr size_t kBuffer = 1 << 20;
}

AtomicFileWriter::AtomicFileWriter(fs::path path) : path_(std::move(path)), tmp_(set_.stage(path_)) {
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(ErrorKind::Io, path_.string() + ": cannot write: " + std::strerror(errno));
  buffer_.reserve(kBuffer);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);  // set_ removes the temporary and its folder
}

void AtomicFileWriter::fail(const std::string& what, int err) {
  ::close(fd_);
  fd_ = -1;
  throw Error(ErrorKind::Io, path_.string() + ": " + what + ": " + std::strerror(err));
}

void AtomicFileWriter::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write", n < 0 ? errno : ENOSPC);
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (fd_ < 0) throw Error(ErrorKind::Io, path_.string() + ": cannot write: file already closed");
  if (buffer_.size() + bytes.size() > kBuffer) flush();
  if (bytes.size() >= kBuffer) {
    buffer_.assign(bytes);
    flush();
  } else {
    buffer_.append(bytes);
  }
}

void AtomicFileWriter::commit() {
  if (fd_ < 0) throw Error(ErrorKind::Io, path_.string() + ": cannot write: file already closed");
  flush();
  if (::fsync(fd_) != 0) fail("cannot write", errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) throw Error(ErrorKind::Io, path_.string() + ": cannot write: " + std::strerror(errno));
  set_.commit();
}

int anonymous_file(const fs::path& dir) {
  int fd = -1;
#ifdef O_TMPFILE
  fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  std::string name = (dir / ".gongwen-spool-XXXXXX").string();
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Io, dir.string() + ": cannot create a temporary file: " + std::strerror(errno));
  ::unlink(name.c_str());
  return fd;
}

}  // namespace gongwen
