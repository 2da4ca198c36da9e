#pragma once
// Worksheet names as Excel accepts them. Excel refuses (or "repairs" on open) a name that is
// longer than 31 UTF-16 units, contains []:*?/\, starts or ends with an apostrophe, is empty,
// equals the reserved "History", or equals another sheet's name ignoring case.
#include <set>
#include <string>
#include <string_view>

namespace gongwen::xlsx {

/// `name` with forbidden characters replaced by '_', apostrophes trimmed from both ends and cut
/// to at most `max_units` UTF-16 units on a character boundary. Empty if nothing is left.
std::string clean_sheet_name(std::string_view name, size_t max_units = 31);

/// Number of UTF-16 code units Excel counts for a UTF-8 string.
size_t utf16_units(std::string_view s);

/// Hands out valid names, unique within one workbook.
class SheetNamer {
 public:
  /// A valid name derived from `wanted` (or from `fallback` when `wanted` cleans to nothing),
  /// made unique by " (2)", " (3)"… kept within the length limit.
  std::string take(std::string_view wanted, std::string_view fallback);

 private:
  bool taken(const std::string& name) const;
  std::set<std::string> folded_;  ///< case-folded names already used
};

}  // namespace gongwen::xlsx
