#pragma once
// Shared by the libFuzzer targets: a per-process scratch folder on tmpfs for the APIs that only
// read files (data sources, layouts, workbooks), the shipped font book loaded once, and the input
// caps that keep known, separately tracked bugs (issue #14) from stopping every run.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "font/font_book.hpp"

namespace gongwen::fuzz {

/// <base>/gongwen-fuzz-<pid>, made once and removed on a normal exit. The base is
/// $GONGWEN_FUZZ_SCRATCH (scripts/fuzz points it at its own folder, removed even after a crash),
/// else /dev/shm, else the temporary folder.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    namespace fs = std::filesystem;
    const char* env = std::getenv("GONGWEN_FUZZ_SCRATCH");
    const fs::path base = env && *env ? fs::path(env)
                          : fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("gongwen-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d);
    static struct Cleanup {
      fs::path p;
      ~Cleanup() { std::error_code ec; fs::remove_all(p, ec); }
    } cleanup{d};
    return d;
  }();
  return dir;
}

/// Writes `bytes` to scratch_dir()/name and returns the path.
inline std::filesystem::path scratch_file(const std::string& name, std::string_view bytes) {
  const auto path = scratch_dir() / name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

/// The deepest nesting of [ and { in the bytes (strings not excluded: an over-estimate).
inline size_t bracket_depth(std::string_view s) {
  size_t depth = 0, max_depth = 0;
  for (char c : s) {
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max_depth;
}

/// The shipped font map, loaded once per process.
inline const FontBook& fonts() {
  static const FontBook book = FontBook::load(std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fonts.toml");
  return book;
}

inline std::string_view as_text(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

}  // namespace gongwen::fuzz
