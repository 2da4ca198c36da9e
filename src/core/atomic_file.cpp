#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/error.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {
std::string host() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || !name[0]) return "host";
  std::string h = name;
  for (char& c : h)
    if (c == '/' || c == '-' || c == '.') c = '_';
  return h;
}
}  // namespace

fs::path temporary_sibling(const fs::path& path) {
  static std::atomic<unsigned> counter{0};
  static const std::string tag = host() + "-" + std::to_string(::getpid());
  fs::path tmp = path;
  tmp += ".tmp-" + tag + "-" + std::to_string(counter++);
  return tmp;
}

size_t remove_stale_temporaries(const fs::path& dir) {
  static const std::string mine = ".tmp-" + host() + "-";
  size_t removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const size_t at = name.rfind(mine);
    if (at == std::string::npos) continue;
    const std::string rest = name.substr(at + mine.size());  // "<pid>-<n>"
    const long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
      if (fs::remove(e.path(), ec)) ++removed;
    }
  }
  return removed;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = temporary_sibling(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorKind::Io, path.string() + ": cannot write: " + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error(ErrorKind::Io, path.string() + ": cannot write: " + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::Io, path.string() + ": cannot write: " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::Io, path.string() + ": cannot rename into place: " + std::strerror(err));
  }
}

}  // namespace gongwen
