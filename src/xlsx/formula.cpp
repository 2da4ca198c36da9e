#include "xlsx/formula.hpp"

namespace gongwen::xlsx {

std::string column_letters(uint32_t col) {
  std::string s;
  for (uint64_t c = uint64_t{col} + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string aggregate_formula(AggregateFn fn, bool subtotal, uint32_t col, uint32_t r0, uint32_t r1) {
  // SUBTOTAL function numbers: 1 AVERAGE, 2 COUNT, 4 MAX, 5 MIN, 9 SUM.
  struct Names {
    const char* plain;
    int code;
  };
  static constexpr Names kNames[] = {{"SUM", 9}, {"COUNT", 2}, {"AVERAGE", 1}, {"MIN", 5}, {"MAX", 4}};
  const Names& n = kNames[static_cast<int>(fn)];
  const std::string letters = column_letters(col);
  const std::string range = letters + std::to_string(r0 + 1) + ":" + letters + std::to_string(r1 + 1);
  if (subtotal) return "=SUBTOTAL(" + std::to_string(n.code) + "," + range + ")";
  return std::string("=") + n.plain + "(" + range + ")";
}

}  // namespace gongwen::xlsx
