#include "layout/table_grid.hpp"

#include <string>
#include <vector>

#include "core/error.hpp"

namespace gongwen {

namespace {

[[noreturn]] void fail_at(const std::filesystem::path& file, int line, int col, const std::string& message) {
  throw Error(ErrorKind::Layout, at(file.string(), line, col, message));
}

}  // namespace

void resolve_table_grid(TableBlock& t, const std::filesystem::path& file) {
  const size_t nrows = t.rows.size(), ncols = t.columns.size();
  // owner[r][c]: the key path of the cell covering that slot ("" = free).
  std::vector<std::vector<std::string>> owner(nrows, std::vector<std::string>(ncols));
  for (size_t r = 0; r < nrows; ++r) {
    RowSpec& row = t.rows[r];
    size_t c = 0;
    for (CellSpec& cell : row.cells) {
      while (c < ncols && !owner[r][c].empty()) ++c;
      const size_t cs = static_cast<size_t>(cell.colspan), rs = static_cast<size_t>(cell.rowspan);
      if (c + cs > ncols) {
        std::string why = c >= ncols ? "no column is left for this cell" : "colspan " + std::to_string(cs) + " from column " +
                                                                               std::to_string(c + 1) + " reaches past the table's " +
                                                                               std::to_string(ncols) + " columns";
        fail_at(file, cell.line, cell.column,
                cell.key_path + ": " + why + " (cells covered by a rowspan from above are left out of a row)");
      }
      if (r + rs > nrows)
        fail_at(file, cell.line, cell.column,
                cell.key_path + ": rowspan " + std::to_string(rs) + " from row " + std::to_string(r + 1) +
                    " reaches past the table's last row (the table has " + std::to_string(nrows) +
                    " rows; a for_each row counts as one)");
      for (size_t j = c; j < c + cs; ++j)
        if (!owner[r][j].empty())
          fail_at(file, cell.line, cell.column,
                  cell.key_path + ": overlaps " + owner[r][j] + ", which spans into column " + std::to_string(j + 1) +
                      " of this row");
      if (rs > 1 && (row.omit_if_empty || row.when))
        fail_at(file, cell.line, cell.column,
                cell.key_path + ": a cell spanning rows cannot start in a row that may be left out (omit_if_empty or when): "
                                "the rows below would lose it");
      cell.col = static_cast<int>(c);
      for (size_t i = r; i < r + rs; ++i)
        for (size_t j = c; j < c + cs; ++j) owner[i][j] = cell.key_path;
      c += cs;
    }
    size_t filled = 0;
    for (size_t j = 0; j < ncols; ++j) filled += owner[r][j].empty() ? 0 : 1;
    if (filled != ncols)
      fail_at(file, row.line, row.column,
              row.key_path + ".cells: the row fills " + std::to_string(filled) + " of the table's " + std::to_string(ncols) +
                  " columns (counting cells covered by a rowspan from above, which are left out)");
  }
}

}  // namespace gongwen
