// Range checks shared by the layout parser's parts: every number a layout gives is refused
// where it is read when it is not finite or lies outside its key's bounds.
#include <cmath>
#include <cstdio>

#include "layout/parser_base.hpp"

namespace gongwen {

namespace {
std::string shown(double v, std::string_view unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::string(buf) + (unit.empty() ? "" : " " + std::string(unit));
}
}  // namespace

void ParserBase::check_range(const TomlReader& r, const toml::node* n, const std::string& what, double v, Range range,
                             std::string_view unit) {
  const std::string allowed = " (allowed: " + shown(range.lo, unit) + " to " + shown(range.hi, unit) + ")";
  if (!std::isfinite(v)) r.fail(n, what + ": not a finite number" + allowed);
  // A little slack for values that equal a bound but went through a unit conversion.
  const double slack = 1e-9 * std::max(1.0, std::abs(range.hi));
  if (v < range.lo - slack || v > range.hi + slack) r.fail(n, what + ": " + shown(v, unit) + " is out of range" + allowed);
}

std::optional<int64_t> ParserBase::opt_count(TomlReader& r, std::string_view key, int64_t lo, int64_t hi,
                                             const std::string& what) {
  auto v = r.integer(key);
  if (v && (*v < lo || *v > hi))
    r.fail_key(key, "expected " + what + " between " + std::to_string(lo) + " and " + std::to_string(hi));
  return v;
}

}  // namespace gongwen
