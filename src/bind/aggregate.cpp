#include "bind/aggregate.hpp"

#include <charconv>
#include <stdexcept>

#include "bind/bind.hpp"
#include "template/decimal.hpp"
#include "template/format.hpp"
#include "core/error.hpp"

namespace gongwen {

using nlohmann::json;

namespace {

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
    if (!v) fail("missing field (" + aggregate_name(call.fn) + ")");
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
      fail(aggregate_name(call.fn) + " needs a number, got " + (v->is_array() ? "list" : v->type_name()) + " " + shown);
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

json aggregate_values(const std::vector<std::string>& fields, const std::vector<AggregateItem>& items,
                      const std::string& data_name) {
  json out = json::object();
  for (const std::string& f : fields)
    if (auto call = parse_aggregate(f)) out[f] = compute(*call, items, data_name);
  return out;
}

}  // namespace gongwen
