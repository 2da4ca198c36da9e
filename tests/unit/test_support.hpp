#pragma once
// Shared fixtures for the unit tests: the shipped font map, loaded once; scratch paths.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "font/face.hpp"
#include "font/font_book.hpp"

namespace gongwen::test {

inline const FontBook& fonts() {
  static const FontBook book = FontBook::load(std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fonts.toml");
  return book;
}

/// A shipped Fandol face by file name, loaded once per test program.
inline const Face& fandol(const char* file) {
  static std::map<std::string, std::unique_ptr<Face>> cache;
  auto& f = cache[file];
  if (!f) f = std::make_unique<Face>((std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fandol" / file).string(), 0);
  return *f;
}

inline std::filesystem::path source_dir() { return GONGWEN_SOURCE_DIR; }

/// What the gongwen command did: its exit status and its stdout and stderr together.
struct CommandRun {
  int status = -1;
  std::string output;
};

/// Runs `gongwen ARGS` (ARGS quoted by the caller) in `dir`, or in the current folder.
inline CommandRun run_gongwen(const std::string& args, const std::filesystem::path& dir = {}) {
  const std::string cd = dir.empty() ? "" : "cd '" + dir.string() + "' && ";
  const std::string cmd = cd + "'" + GONGWEN_CLI + "' " + args + " 2>&1";
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) r.output.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

/// The whole file, bytes as they are.
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

/// examples/2017-shanghai/records.json: {"document": {...}, "records": [4 records]}.
inline nlohmann::json example_records() {
  return nlohmann::json::parse(read_file(source_dir() / "examples/2017-shanghai/records.json"));
}

/// Removes every scratch path when the test program ends.
class ScratchCleanup : public ::testing::Environment {
 public:
  static std::vector<std::filesystem::path>& paths() {
    static std::vector<std::filesystem::path> p;
    return p;
  }
  void TearDown() override {
    std::error_code ec;
    for (const auto& p : paths()) std::filesystem::remove_all(p, ec);
  }
};
inline ::testing::Environment* const kScratchCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

/// A path of our own under the temp folder ("gongwen-<pid>-<name>", nothing there yet), removed
/// with everything under it when the test program ends. Per process, because test programs of
/// several build trees run at the same time.
inline std::filesystem::path scratch_path(const std::string& name) {
  const auto p = std::filesystem::temp_directory_path() / ("gongwen-" + std::to_string(::getpid()) + "-" + name);
  std::error_code ec;
  std::filesystem::remove_all(p, ec);
  ScratchCleanup::paths().push_back(p);
  return p;
}

}  // namespace gongwen::test
