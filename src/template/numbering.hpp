#pragma once
// List numbering for numbered("1、"): items pasted from Word often carry their own numbers
// ("1、通过项目实施…"). A number of the pattern's kind at an item's start is recognised so that
// it is replaced, never doubled; lists numbered inconsistently are reported for gongwen check.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十.
std::string cn_number(size_t v);
/// `pattern` with its 1 (or 一) replaced by `n`: "1、" → "3、", "（一）" → "（三）".
std::string number_prefix(const std::string& pattern, size_t n);

/// A number an item begins with: the bytes it takes (with the spaces after it) and its value.
struct LeadingNumber {
  size_t length = 0;
  size_t value = 0;
};

/// The number `item` begins with when it is of `pattern`'s kind: Arabic or Chinese numerals,
/// in brackets ("(1)" "（1）" "（一）") or followed by a mark ("1、" "1." "1．" "一、").
std::optional<LeadingNumber> leading_number(std::string_view item, std::string_view pattern);

/// Items numbered with `pattern` (its 1 or 一 replaced by the item's number); a number of the
/// same kind already at an item's start is replaced.
std::vector<std::string> number_items(const std::vector<std::string>& items, const std::string& pattern);

/// Why the list's own numbers are inconsistent ("items 1 and 3 begin with a number, item 2 does
/// not", "item 3 begins with 4"); nullopt when no item carries one or all run 1, 2, 3 ….
std::optional<std::string> numbering_problem(const std::vector<std::string>& items, const std::string& pattern);

}  // namespace gongwen
