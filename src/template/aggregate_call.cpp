#include "template/aggregate_call.hpp"

#include <stdexcept>
#include <utility>

namespace gongwen {

namespace {

constexpr std::pair<std::string_view, AggregateFn> kFns[] = {
    {"sum", AggregateFn::Sum}, {"count", AggregateFn::Count}, {"avg", AggregateFn::Avg},
    {"min", AggregateFn::Min}, {"max", AggregateFn::Max},
};

}  // namespace

std::string aggregate_name(AggregateFn fn) {
  for (const auto& [name, f] : kFns)
    if (f == fn) return std::string(name);
  return "?";
}

std::optional<AggregateCall> parse_aggregate(std::string_view path) {
  const size_t open = path.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  AggregateCall call;
  const std::string_view name = path.substr(0, open);
  bool known = false;
  for (const auto& [n, f] : kFns)
    if (n == name) known = (call.fn = f, true);
  if (!known) throw std::invalid_argument("unknown aggregate '" + std::string(name) + "(...)' (known: sum, count, avg, min, max)");
  if (path.back() != ')') throw std::invalid_argument("expected ')' at the end of '" + std::string(path) + "'");
  std::string_view arg = path.substr(open + 1, path.size() - open - 2);
  while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
  while (!arg.empty() && arg.back() == ' ') arg.remove_suffix(1);
  if (arg.starts_with("item.")) arg.remove_prefix(5);
  if (arg.empty() && call.fn != AggregateFn::Count)
    throw std::invalid_argument(std::string(name) + "() needs a field, as in " + std::string(name) + "(budget_wan)");
  if (arg.find_first_of("() ,|") != std::string_view::npos || arg.starts_with('.') || arg.ends_with('.'))
    throw std::invalid_argument("bad field '" + std::string(arg) + "' in '" + std::string(path) + "'");
  call.field = std::string(arg);
  return call;
}

}  // namespace gongwen
