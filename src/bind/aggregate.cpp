#include "bind/aggregate.hpp"

#include <charconv>
#include <stdexcept>

#include "bind/bind.hpp"
#include "bind/decimal.hpp"
#include "bind/format.hpp"
#include "core/error.hpp"

namespace gongwen {

using nlohmann::json;

namespace {

constexpr std::pair<std::string_view, AggregateFn> kFns[] = {
    {"sum", AggregateFn::Sum}, {"count", AggregateFn::Count}, {"avg", AggregateFn::Avg},
    {"min", AggregateFn::Min}, {"max", AggregateFn::Max},
};

/// Decimals an average keeps beyond its inputs' before a filter rounds it for display.
constexpr int kAvgExtraDecimals = 10;

const json* find_path(const json& root, std::string_view path) {
  const json* v = &root;
  while (v && !path.empty()) {
    if (v->is_object())
      if (auto whole = v->find(path); whole != v->end()) return &*whole;  // a key with dots
    const size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (v->is_object()) {
      auto it = v->find(key);
      v = it == v->end() ? nullptr : &*it;
    } else if (v->is_array() && !key.empty() && key.size() < 10 && key.find_first_not_of("0123456789") == std::string::npos) {
      const size_t i = std::stoul(key);
      v = i < v->size() ? &(*v)[i] : nullptr;
    } else {
      v = nullptr;
    }
  }
  return v;
}

bool blank(const json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

/// The number as exact decimal: JSON numbers through their shortest text (what the data file
/// said, for any number of up to 15 digits), strings holding numbers as written.
std::optional<Decimal> decimal_of(const json& v) {
  if (v.is_number_float()) return Decimal::parse(shortest_decimal(v.get<double>()));
  if (v.is_number()) return Decimal::parse(v.dump());
  if (v.is_string()) return Decimal::parse(v.get_ref<const std::string&>());
  return std::nullopt;
}

/// A JSON number when its double reads back as exactly this decimal; the exact text otherwise.
json to_json(const Decimal& d) {
  double x = 0;
  const std::string t = d.text();
  std::from_chars(t.data(), t.data() + t.size(), x);
  try {
    if (auto back = Decimal::parse(shortest_decimal(x)); back && back->compare(d) == 0) {
      if (d.scale() == 0 && t.size() < 16) return std::stoll(t);
      return x;
    }
  } catch (const std::exception&) {  // the double's text past 36 digits: keep the exact text
  }
  return t;
}

std::string fn_name(AggregateFn fn) {
  for (const auto& [name, f] : kFns)
    if (f == fn) return std::string(name);
  return "?";
}

json compute(const AggregateCall& call, const std::vector<AggregateItem>& items, const std::string& data_name) {
  long long count = 0;
  std::optional<Decimal> acc;
  int max_scale = 0;
  for (const AggregateItem& it : items) {
    if (call.field.empty()) {  // count(): rows
      ++count;
      continue;
    }
    const std::string name = it.field_prefix + call.field;
    auto fail = [&](const std::string& msg) { throw Error(ErrorKind::Data, data_error({data_name, it.record}, name, msg)); };
    const json* v = find_path(*it.value, call.field);
    if (!v) fail("missing field (" + fn_name(call.fn) + ")");
    if (blank(*v)) continue;
    ++count;
    if (call.fn == AggregateFn::Count) continue;
    std::optional<Decimal> d;
    try {
      d = decimal_of(*v);
    } catch (const std::exception& e) {
      fail(e.what());
    }
    if (!d) {
      std::string shown = v->dump();
      if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
      fail(fn_name(call.fn) + " needs a number, got " + (v->is_array() ? "list" : v->type_name()) + " " + shown);
    }
    max_scale = std::max(max_scale, d->scale());
    try {
      if (!acc) acc = d;
      else if (call.fn == AggregateFn::Sum || call.fn == AggregateFn::Avg) acc = *acc + *d;
      else if (call.fn == AggregateFn::Min ? *d < *acc : *acc < *d) acc = d;
    } catch (const std::overflow_error& e) {
      fail(e.what());
    }
  }
  switch (call.fn) {
    case AggregateFn::Count: return count;
    case AggregateFn::Sum: return acc ? to_json(*acc) : json(0);
    case AggregateFn::Avg:
      if (!acc) return nullptr;
      try {
        return to_json(acc->divided(count, max_scale + kAvgExtraDecimals));
      } catch (const std::overflow_error& e) {
        throw Error(ErrorKind::Data, data_error({data_name, items.front().record}, call.field, e.what()));
      }
    default: return acc ? to_json(*acc) : json(nullptr);  // min/max of nothing: blank
  }
}

}  // namespace

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

json aggregate_values(const std::vector<std::string>& fields, const std::vector<AggregateItem>& items,
                      const std::string& data_name) {
  json out = json::object();
  for (const std::string& f : fields)
    if (auto call = parse_aggregate(f)) out[f] = compute(*call, items, data_name);
  return out;
}

}  // namespace gongwen
