#include "bind/bind_table.hpp"

#include <algorithm>
#include <deque>

namespace gongwen {

namespace {

/// One generated row of a spec row: its context and its single-row cells, rendered.
struct Instance {
  const nlohmann::json* ctx = nullptr;
  std::vector<BoundCell> cells;  ///< row and col set later
};

/// True when the row has templated cells and all of them rendered empty.
bool all_empty(const RowSpec& row, const std::vector<BoundCell>& cells) {
  bool any_template = false;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (row.cells[i].is_label) continue;
    any_template = true;
    if (cells[i].image) return false;
    for (const auto& p : cells[i].paragraphs)
      if (!p.empty()) return false;
  }
  return any_template;
}

}  // namespace

BoundCell bind_cell(const CellSpec& cs, const CellSource& src, const nlohmann::json* ctx) {
  BoundCell cell;
  cell.style = cs.style;
  cell.col = cs.col;
  cell.rowspan = cs.rowspan;
  cell.colspan = cs.colspan;
  cell.is_label = cs.is_label;
  auto f = cs.text.fields();
  cell.field = f.empty() ? "" : f.front();
  if (cs.when && !condition_holds(src.render(*cs.when, ctx))) return cell;  // in its place, empty
  cell.paragraphs = src.render(cs.text, ctx);
  if (!cs.text.is_static()) cell.numeric = src.numeric(cs.text, ctx);
  cell.image = cs.image ? src.image(cs, ctx) : cs.static_image;
  cell.image_width = cs.image_width;
  cell.image_height = cs.image_height;
  cell.image_behind = cs.image_behind;
  return cell;
}

/// Generated rows [first, end): equal neighbouring values in a merge column become one cell
/// spanning them (一级指标 / 二级指标 groups).
void merge_equal(BoundTable& t, int first, int end, const std::vector<int>& columns) {
  for (int col : columns) {
    BoundCell* run = nullptr;
    for (BoundCell& c : t.cells) {
      if (c.row < first || c.row >= end || c.col != col || c.rowspan != 1) continue;
      if (run && run->row + run->rowspan == c.row && run->paragraphs == c.paragraphs && run->colspan == c.colspan) {
        run->rowspan += 1;
        c.rowspan = 0;  // absorbed: removed below
      } else {
        run = &c;
      }
    }
    std::erase_if(t.cells, [](const BoundCell& c) { return c.rowspan == 0; });
  }
}

bool condition_holds(const std::vector<std::string>& rendered) {
  std::string text;
  for (const auto& p : rendered) text += p;
  // A boolean field renders 是/否; CSV and XLSX cells give "false"/"0".
  return !text.empty() && text != "false" && text != "0" && text != "否";
}

BoundTable bind_table(const TableBlock& spec, const CellSource& src) {
  BoundTable t;
  t.spec = &spec;
  const size_t nspec = spec.rows.size();
  std::deque<nlohmann::json> contexts;  // stable addresses for the list items' contexts
  std::vector<std::vector<Instance>> rows(nspec);
  for (size_t i = 0; i < nspec; ++i) {
    const RowSpec& row = spec.rows[i];
    std::vector<const nlohmann::json*> ctxs;
    if (!row.for_each) {
      ctxs.push_back(nullptr);
    } else if (const nlohmann::json* list = src.list(row.for_each->fields().front())) {
      for (size_t n = 0; n < list->size(); ++n) {
        nlohmann::json ctx = src.record().is_object() ? src.record() : nlohmann::json::object();
        ctx["item"] = (*list)[n];
        ctx["n"] = n + 1;
        contexts.push_back(std::move(ctx));
        ctxs.push_back(&contexts.back());
      }
    }
    for (const nlohmann::json* ctx : ctxs) {
      if (row.when && !condition_holds(src.render(*row.when, ctx))) continue;
      Instance in{ctx, {}};
      for (const CellSpec& cs : row.cells) in.cells.push_back(bind_cell(cs, src, ctx));
      if (row.omit_if_empty && all_empty(row, in.cells)) continue;
      rows[i].push_back(std::move(in));
    }
  }
  // First generated row of every spec row (start[nspec] = the total).
  std::vector<int> start(nspec + 1, 0);
  for (size_t i = 0; i < nspec; ++i) start[i + 1] = start[i] + static_cast<int>(rows[i].size());
  for (size_t i = 0; i < nspec; ++i)
    for (size_t k = 0; k < rows[i].size(); ++k) t.rows.push_back({spec.rows[i].header, spec.rows[i].min_height});

  for (size_t i = 0; i < nspec; ++i) {
    const RowSpec& row = spec.rows[i];
    for (size_t j = 0; j < row.cells.size(); ++j) {
      const CellSpec& cs = row.cells[j];
      if (cs.rowspan == 1) {
        for (size_t k = 0; k < rows[i].size(); ++k) {
          BoundCell cell = std::move(rows[i][k].cells[j]);
          cell.row = start[i] + static_cast<int>(k);
          t.cells.push_back(std::move(cell));
        }
        continue;
      }
      // Spanning cell: once, over every row its spec rows generated; from the first item.
      const int r0 = start[i], r1 = start[i + static_cast<size_t>(cs.rowspan)];
      if (r1 <= r0) continue;  // every spanned row generated nothing
      BoundCell cell = rows[i].empty() ? bind_cell(cs, src, nullptr) : std::move(rows[i].front().cells[j]);
      cell.row = r0;
      cell.rowspan = r1 - r0;
      t.cells.push_back(std::move(cell));
    }
  }
  std::stable_sort(t.cells.begin(), t.cells.end(),
                   [](const BoundCell& a, const BoundCell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
  for (size_t i = 0; i < nspec; ++i)
    if (spec.rows[i].for_each) merge_equal(t, start[i], start[i + 1], spec.rows[i].merge_columns);
  return t;
}

}  // namespace gongwen
