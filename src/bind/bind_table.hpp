#pragma once
// A table spec bound to one record: fixed rows once, for_each rows once per list item, every
// cell placed at the grid column the parser resolved, row spans stretched over the rows a
// for_each row generates (a label beside the column heads and every indicator).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bind/bind.hpp"

namespace gongwen {

/// What binding a table needs from the record binder.
class CellSource {
 public:
  virtual ~CellSource() = default;
  /// Display paragraphs of `t` over `ctx` (null: the record). Throws Error(Data).
  virtual std::vector<std::string> render(const Template& t, const nlohmann::json* ctx) const = 0;
  virtual std::optional<NumericCell> numeric(const Template& t, const nlohmann::json* ctx) const = 0;
  /// The list named by a for_each row; null when absent or null. Throws Error(Data) for a non-list.
  virtual const nlohmann::json* list(const std::string& field) const = 0;
  /// The record, as the base of every list item's context.
  virtual const nlohmann::json& record() const = 0;
  /// The picture a cell's `image` template names over `ctx`, found next to the data file or the
  /// layout; null when the path renders empty. Throws Error(Data) naming the record and field.
  virtual std::shared_ptr<const ImageData> image(const CellSpec& cell, const nlohmann::json* ctx) const = 0;
};

/// One cell bound over `ctx`: text, typed value, picture, and its `when` (a cell whose condition
/// fails keeps its place in the grid, empty).
BoundCell bind_cell(const CellSpec& cs, const CellSource& src, const nlohmann::json* ctx);

BoundTable bind_table(const TableBlock& spec, const CellSource& source);

/// A row's `when`: shown unless its text renders empty, "false", "0" or "否" (a boolean field
/// renders 是/否; a missing field is an error, as in any template).
bool condition_holds(const std::vector<std::string>& rendered);

/// Bound rows [first, end): equal neighbouring values in a merge column become one cell spanning
/// them (一级指标 / 二级指标 groups).
void merge_equal(BoundTable& t, int first, int end, const std::vector<int>& columns);

}  // namespace gongwen
