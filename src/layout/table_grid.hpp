#pragma once
// A table's cells placed on its grid of [[rows]] entries: each cell gets its column, and spans
// that reach past the table's end, overlap another cell or leave a row short are layout errors.
#include <filesystem>

#include "layout/layout.hpp"

namespace gongwen {

/// Sets CellSpec::col for every cell of `t`. Throws Error(Layout) "file:line:col: ..." naming the
/// cell or row at fault. A for_each row is one grid row here: the rows it generates share it.
void resolve_table_grid(TableBlock& t, const std::filesystem::path& file);

}  // namespace gongwen
