#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "core/error.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = ".gongwen-tmp-";
constexpr std::string_view kPart = ".part";

std::string host() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || !name[0]) return "host";
  std::string h = name;
  for (char& c : h)
    if (c == '/' || c == '-' || c == '.') c = '_';
  return h;
}

const std::string& folder_stem() {
  static const std::string stem = std::string(kPrefix) + host() + "-";
  return stem;
}

std::string random_hex() {
  static thread_local std::mt19937_64 gen{(uint64_t{std::random_device{}()} << 32) ^ std::random_device{}()};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(gen()));
  return hex;
}

bool all_digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

bool all_hex(std::string_view s) { return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

[[noreturn]] void io_fail(const fs::path& final, const std::string& what, int err) {
  throw Error(ErrorKind::Io, final.string() + ": " + what + ": " + std::strerror(err));
}

/// The pid of a private folder of this host named exactly "<stem><pid>-<16 hex>"; 0 otherwise.
long folder_pid(const std::string& name) {
  const std::string& stem = folder_stem();
  if (!name.starts_with(stem)) return 0;
  const std::string_view rest = std::string_view(name).substr(stem.size());
  const size_t dash = rest.find('-');
  if (dash == std::string_view::npos || !all_digits(rest.substr(0, dash)) || !all_hex(rest.substr(dash + 1)) || dash > 9) return 0;
  return std::strtol(std::string(rest.substr(0, dash)).c_str(), nullptr, 10);
}

/// True when `dir` holds only regular files named "<digits>.part" (what an OutputSet writes).
bool only_our_parts(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.ends_with(kPart) || !all_digits(std::string_view(name).substr(0, name.size() - kPart.size()))) return false;
    if (!fs::is_regular_file(it->symlink_status(ec))) return false;
  }
  return !ec;
}

}  // namespace

OutputSet::~OutputSet() {
  if (folder_.empty()) return;
  if (!committed_)
    for (const auto& [tmp, final] : staged_) ::unlink(tmp.c_str());
  ::rmdir(folder_.c_str());  // fails harmlessly if a writer left something of its own
}

fs::path OutputSet::temporary_of(const fs::path& final) const {
  for (auto it = staged_.rbegin(); it != staged_.rend(); ++it)
    if (it->second == final) return it->first;
  return {};
}

fs::path OutputSet::stage(const fs::path& final) {
  const fs::path dir = final.parent_path().empty() ? fs::path(".") : final.parent_path();
  if (folder_.empty()) {
    for (int attempt = 0;; ++attempt) {
      fs::path f = dir / (folder_stem() + std::to_string(::getpid()) + "-" + random_hex());
      if (::mkdir(f.c_str(), 0700) == 0) {
        folder_ = std::move(f);
        break;
      }
      if (errno != EEXIST || attempt > 8) io_fail(final, "cannot write", errno);
    }
  } else if (folder_.parent_path() != dir) {
    throw Error(ErrorKind::Render, final.string() + ": internal error: one output set spans two folders");
  }
  fs::path tmp = folder_ / (std::to_string(staged_.size()) + std::string(kPart));
  staged_.emplace_back(tmp, final);
  return tmp;
}

void OutputSet::write(const fs::path& final, std::string_view bytes) {
  const fs::path tmp = stage(final);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) io_fail(final, "cannot write", errno);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n == 0 ? EIO : errno;
      ::close(fd);
      io_fail(final, "cannot write", err);
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int err = errno;
  if (::close(fd) != 0 || !synced) io_fail(final, "cannot write", synced ? errno : err);
}

void OutputSet::commit() {
  for (size_t i = 0; i < staged_.size(); ++i) {
    if (::rename(staged_[i].first.c_str(), staged_[i].second.c_str()) == 0) continue;
    const int err = errno;
    for (size_t k = 0; k < i; ++k) ::unlink(staged_[k].second.c_str());  // none of the set, not part of it
    io_fail(staged_[i].second, "cannot rename into place", err);
  }
  committed_ = true;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  OutputSet set;
  set.write(path, bytes);
  set.commit();
}

size_t remove_stale_temporaries(const fs::path& dir) {
  size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const long pid = folder_pid(it->path().filename().string());
    if (pid <= 0 || !fs::is_directory(it->symlink_status(ec))) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    if (!only_our_parts(it->path())) continue;
    std::vector<fs::path> parts;
    std::error_code rm;
    for (fs::directory_iterator p(it->path(), rm), pend; !rm && p != pend; p.increment(rm)) parts.push_back(p->path());
    for (const auto& p : parts) fs::remove(p, rm);
    if (::rmdir(it->path().c_str()) == 0) ++removed;
  }
  return removed;
}

}  // namespace gongwen
