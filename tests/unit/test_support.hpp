#pragma once
// Shared fixtures for the unit tests: the shipped font map, loaded once.
#include <filesystem>
#include <string>

#include "font/font_book.hpp"

namespace gongwen::test {

inline const FontBook& fonts() {
  static const FontBook book = FontBook::load(std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fonts.toml");
  return book;
}

inline std::filesystem::path source_dir() { return GONGWEN_SOURCE_DIR; }

}  // namespace gongwen::test
