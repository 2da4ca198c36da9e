#pragma once
// Cell text into typed values, shared by the CSV and XLSX readers: numbers as a JSON file would
// give them, list cells split into items.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gongwen::data_detail {

/// "1,234.5", "-12", "3e2" → a number (integers stay integers); nullopt when not a plain
/// decimal number.
std::optional<nlohmann::json> parse_number(std::string_view text);

/// A spreadsheet's stored number ("20.645", "0.30000000000000004", "1E-3") → a number with no
/// binary drift: integers stay integers, and digits past Excel's 15 significant ones (the noise
/// of its binary arithmetic) are rounded away, so 0.1+0.2 reads as 0.3 as Excel shows it.
std::optional<nlohmann::json> parse_stored_number(std::string_view text);

/// Items between separators, trimmed; empty items dropped, so an empty cell is an empty list.
nlohmann::json split_items(std::string_view cell, std::string_view separator);

/// Spaces and tabs trimmed at both ends.
std::string_view trim_blank(std::string_view s);

}  // namespace gongwen::data_detail
