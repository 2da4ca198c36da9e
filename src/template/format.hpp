#pragma once
// Value formatting for official documents: fixed decimals, thousands grouping, percent, 万元,
// 人民币大写金额 (PBOC rules, spec §6) and dates written the official way (GB/T 9704 §7.3.5.4).
//
// All arithmetic happens on decimal digit strings, never on binary doubles: a double is first
// turned into its shortest round-trip text, so 16409.02 stays 16409.02 and 20.645 rounds to
// 20.65. Rounding is half away from zero (-20.645 → "-20.65"); "-0.00" is never produced.
// Every function throws std::invalid_argument with a readable reason on bad input.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongwen {

/// Shortest decimal text that reads back as `v`, without exponent ("20.645", "20", "88.47").
std::string shortest_decimal(double v);

/// Canonical decimal text of a number written as text, or nullopt if it is not one. Accepts
/// surrounding spaces, a sign, "1,234.5" grouping (commas between groups of three only), ".5",
/// "5." and exponents ("1.5e3" → "1500"). Leading integer zeros go; fraction digits are kept as
/// written ("007.50" → "7.50").
std::optional<std::string> decimal_from_text(std::string_view text);

/// Rounds at `decimals` places: (20.645, 2) → "20.65", (0.125, 2) → "0.13", (2, 2) → "2.00".
std::string format_fixed(double v, int decimals);
std::string format_fixed(std::string_view decimal, int decimals);
/// Rounds to `max_decimals`, then trims trailing zeros down to `min_decimals`:
/// (20.645, 2, 4) → "20.645", (20, 2, 4) → "20.00".
std::string format_decimals(double v, int min_decimals, int max_decimals);
std::string format_decimals(std::string_view decimal, int min_decimals, int max_decimals);
/// "1234567.8" → "1,234,567.8": the integer part only; the text is otherwise kept as is.
std::string group_thousands(std::string_view number);
/// A fraction as a percentage: (0.8913, 2) → "89.13%".
std::string format_percent(double v, int decimals);
std::string format_percent(std::string_view decimal, int decimals);
/// 元 → 万元, exact (the decimal point moves four places), trailing zeros trimmed:
/// "206450" → "20.645", "16409.02" → "1.640902".
std::string wan_from_yuan(std::string_view decimal_yuan);
std::string wan_from_yuan(double yuan);
/// 分 → 万元 (÷10⁶): 20645000 → "20.645".
std::string wan_from_fen(int64_t fen);

/// 人民币大写金额 of an amount in 元: "16409.02" → "壹万陆仟肆佰零玖元零贰分".
/// Canonical choices where the PBOC rules allow two forms: no 整 after 角; no 零 where the 元位 is
/// 0 but the 角位 is not (20.5 → 贰拾元伍角), nor where the 万位/亿位 is 0 but the 千位/千万位 is
/// not and that 万/亿 group is itself written (206450 → 贰拾万陆仟…). A zero 万 group between
/// non-zero ones keeps its 零 (100001000 → 壹亿零壹仟元整) so it cannot be misread as 壹亿壹仟万.
/// Range: below 10¹⁶ (up to 玖仟…万亿); larger amounts are an error. Negative amounts get 负
/// ("人民币负…" with the prefix). More than two non-zero decimals is an error (no rounding);
/// extra trailing zeros ("1.500") are fine.
std::string daxie_amount(std::string_view decimal_yuan, bool rmb_prefix = false);
/// The double goes through its shortest text, so 0.1 + 0.2 (0.30000000000000004) is an error.
std::string daxie_amount(double yuan, bool rmb_prefix = false);

/// "2018-07-01", "2018-7-1", "2018/07/01", "2018.7.1", "20180701", "2018年7月1日" (a trailing
/// time such as "T08:00" or " 08:00" is ignored) → "2018年7月1日" (no zero padding), or
/// "二〇一八年七月一日" when `chinese`. Invalid calendar dates (2018-02-30) are errors.
std::string official_date(std::string_view text, bool chinese = false);
/// "2001.06" (year.month, as 干部任免审批表 write 出生年月) from the dates official_date reads, or
/// from a month alone ("2001-06", "2001.6", "2001年6月"). Throws std::invalid_argument.
std::string year_month(std::string_view text);

}  // namespace gongwen
