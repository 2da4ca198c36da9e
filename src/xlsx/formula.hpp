#pragma once
// Live formulas for a table's aggregates (sum(), avg(), … in a layout): =SUM(D4:D20), or
// =SUBTOTAL(9,D4:D20) where subtotal rows lie in the range (SUBTOTAL skips other SUBTOTALs,
// so a 合计 over groups with 小计 rows counts every item once).
#include <cstdint>
#include <string>

#include "bind/bound.hpp"

namespace gongwen::xlsx {

/// "A", "Z", "AA" for 0-based column numbers.
std::string column_letters(uint32_t col);

/// The formula over sheet column `col`, rows r0..r1 (0-based, inclusive), e.g. "=SUM(D4:D20)".
std::string aggregate_formula(AggregateFn fn, bool subtotal, uint32_t col, uint32_t r0, uint32_t r1);

}  // namespace gongwen::xlsx
