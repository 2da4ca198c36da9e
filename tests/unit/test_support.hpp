#pragma once
// Shared fixtures for the unit tests: the shipped font map, loaded once.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "font/font_book.hpp"

namespace gongwen::test {

inline const FontBook& fonts() {
  static const FontBook book = FontBook::load(std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fonts.toml");
  return book;
}

inline std::filesystem::path source_dir() { return GONGWEN_SOURCE_DIR; }

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

}  // namespace gongwen::test
