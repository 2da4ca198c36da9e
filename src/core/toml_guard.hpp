#pragma once
// A pass over TOML text before toml++ parses it: toml++ recurses once per nesting level (table
// header segments, dotted keys, arrays, inline tables) and a file nested 100,000 deep overflows
// the stack. The guard refuses nesting past limits::kMaxLayoutNesting with file:line:col.
#include <string>
#include <string_view>

namespace gongwen {

/// Throws Error(Layout) "file:line:col: ..." at the first place `text` nests deeper than `limit`.
/// Malformed text is left to the TOML parser: only depth is judged here.
void check_toml_nesting(std::string_view text, const std::string& file, int limit);

}  // namespace gongwen
