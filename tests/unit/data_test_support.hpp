#pragma once
// Shared by the record-reader tests: a fresh folder per test and the message of a Data error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "data/record.hpp"

namespace gongwen::test {

/// A fresh folder per test (per process, so parallel runs never share it); files written byte for byte.
struct TempDir {
  std::filesystem::path dir;
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir = std::filesystem::temp_directory_path() /
          ("gongwen-data-" + std::to_string(getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempDir() { std::filesystem::remove_all(dir); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  }
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
constexpr bool kAddressSanitizer = __has_feature(address_sanitizer);
#else
constexpr bool kAddressSanitizer = false;
#endif

/// Resident set size in bytes (/proc/self/statm: size resident shared ...). Meaningless under
/// ASan, which keeps freed memory in quarantine: check kAddressSanitizer first.
inline size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

/// The message of the Data error `f` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Data);
    return e.what();
  }
  return "(no error)";
}

/// Every record of `path`, checking that records are numbered 1, 2, 3…
inline std::vector<nlohmann::json> read_all(const std::string& path, const DataOptions& o = {}) {
  auto src = open_records(path, o);
  std::vector<nlohmann::json> out;
  while (auto r = src->next()) {
    EXPECT_EQ(r->index, out.size() + 1);
    out.push_back(std::move(r->fields));
  }
  return out;
}

}  // namespace gongwen::test
