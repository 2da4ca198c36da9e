#pragma once
// UTF-8 decoding with validation. Text everywhere is UTF-8 std::string; byte offsets into it are
// what glyph clusters and ToUnicode maps refer to.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::utf8 {

/// Decodes the code point at `pos` and advances `pos`. Returns U+FFFD and advances one byte on
/// an invalid sequence (callers that must reject bad input use `first_invalid`).
char32_t next(std::string_view s, size_t& pos);

/// Byte offset of the first invalid sequence, or std::string_view::npos if `s` is valid UTF-8.
size_t first_invalid(std::string_view s);

void append(std::string& out, char32_t cp);

/// "U+4E2D" style name of a code point.
std::string codepoint_name(char32_t cp);

}  // namespace gongwen::utf8
