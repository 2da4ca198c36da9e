#pragma once
// Value formatting for official documents: fixed decimals, thousands grouping, percent, 万元,
// 人民币大写金额 (PBOC rules, spec §6) and dates written the official way (GB/T 9704 §7.3.5.4).
// Decimal work happens on decimal strings, so 16409.02 never becomes 16409.019999.
#include <string>
#include <string_view>

namespace gongwen {

/// Shortest decimal text that reads back as `v` ("20.645", "20", "88.47").
std::string shortest_decimal(double v);
/// Rounds half away from zero at `decimals` places, in decimal: (20.645, 2) → "20.65".
std::string format_fixed(double v, int decimals);
/// Rounds to `max_decimals`, then trims trailing zeros down to `min_decimals`.
std::string format_decimals(double v, int min_decimals, int max_decimals);
/// "1234567.8" → "1,234,567.8" (the integer part only).
std::string group_thousands(std::string_view number);
/// 0.8913 → "89.13%".
std::string format_percent(double v, int decimals);
/// 元 → 万元 as a decimal string (exact: a shift of the decimal point by four places).
std::string wan_from_yuan(std::string_view decimal_yuan);

/// 大写金额 of a decimal amount in 元 ("16409.02" → "壹万陆仟肆佰零玖元零贰分"). At most two
/// decimals and 16 integer digits. Throws std::invalid_argument with the reason otherwise.
std::string daxie_amount(std::string_view decimal_yuan);
std::string daxie_amount(double yuan);

/// "2018-07-01", "2018/7/1", "20180701" → "2018年7月1日" (or "二〇一八年七月一日" when `chinese`).
/// Throws std::invalid_argument for text that is not a valid date.
std::string official_date(std::string_view text, bool chinese = false);

}  // namespace gongwen
