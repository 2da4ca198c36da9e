#pragma once
// Aggregates over the rows a for_each row generated: {{sum(budget_wan)}}, {{count()}},
// {{avg(score)}}, {{min(score)}}, {{max(score)}} in the rows after it (totals) or in its
// subtotal rows (one per group). Computed in exact decimals (template/decimal.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "template/aggregate_call.hpp"

namespace gongwen {

/// One row's item: the value the row was generated from, and how to name it in errors.
struct AggregateItem {
  const nlohmann::json* value = nullptr;
  size_t record = 0;        ///< 1-based record number (0: document data)
  std::string field_prefix;  ///< "" for a record, "indicators[2]." for a list item
};

/// The values of the aggregate paths among `fields` over `items`, as a JSON object keyed by the
/// path ("sum(budget_wan)" → 62.5). Sums are exact; a value whose double would not read back as
/// the exact decimal is kept as text. Null values are skipped (as spreadsheets skip blanks).
/// Throws Error(Data) "<data>: record N: field: ..." for a missing field or text.
nlohmann::json aggregate_values(const std::vector<std::string>& fields, const std::vector<AggregateItem>& items,
                                const std::string& data_name);

}  // namespace gongwen
