#pragma once
// Where a line may end: ICU's line breaker for `zh` (strict), filtered by the clreq / GB/T 15834
// prohibitions that ICU does not apply (spec §4–5).
#include <cstdint>
#include <string>
#include <vector>

#include "text/shape.hpp"

namespace gongwen {

enum class BreakKind : uint8_t { None = 0, Allowed, Mandatory };

struct BreakRules {
  /// Keep a number with the unit that follows it ("20.645万元", "89.13%", "12份", "1 次"): no
  /// break between a digit (or a digit and one space) and a following Han character or %-like
  /// sign, nor inside these multi-character units, after a number or after the slash of a
  /// compound unit ("元/平方米").
  bool glue_number_unit = true;
  std::vector<std::string> units = {"万元", "亿元", "千元", "百万元", "万人", "平方米", "平方公里", "千米", "公里", "小时", "分钟", "个月"};
};

/// breaks[i] says whether a line may end before cluster i (i in 1..clusters.size()-1);
/// breaks[0] is None and breaks[size] is Mandatory (the paragraph end).
/// ICU skips Han stretches, where every gap is a break (see breaks.cpp); the result equals one
/// ICU pass over the whole paragraph, which detail::find_breaks_reference does (for tests).
std::vector<BreakKind> find_breaks(const ShapedText& shaped, const BreakRules& rules);

namespace detail {
std::vector<BreakKind> find_breaks_reference(const ShapedText& shaped, const BreakRules& rules);
}

}  // namespace gongwen
