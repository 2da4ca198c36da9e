#pragma once
// The aggregate calls a template may name where it names a field — {{sum(budget_wan)}},
// {{count()}}, {{avg(score)}}, {{min(score)}}, {{max(score)}} — checked when the layout loads;
// their values are computed by the binder (bind/aggregate.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace gongwen {

enum class AggregateFn { Sum = 0, Count, Avg, Min, Max };

/// A call such as `sum(budget_wan)` written where a template names a field.
struct AggregateCall {
  AggregateFn fn = AggregateFn::Sum;
  std::string field;  ///< path within each item ("item." prefix dropped); empty: count() of rows
};

/// nullopt when `path` is not a call (no '('); throws std::invalid_argument for a malformed one
/// ("total(x)", "sum()", "sum(a b)").
std::optional<AggregateCall> parse_aggregate(std::string_view path);

/// "sum", "count", … for messages.
std::string aggregate_name(AggregateFn fn);

}  // namespace gongwen
