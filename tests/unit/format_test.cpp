// Value formatting: decimal rounding, grouping, percent, 万元, 大写金额 (spec §6 vectors) and dates.
#include "template/format.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

namespace gongwen {
namespace {

TEST(FormatShortest, RoundTripsWithoutExponent) {
  EXPECT_EQ(shortest_decimal(20.645), "20.645");
  EXPECT_EQ(shortest_decimal(88.47), "88.47");
  EXPECT_EQ(shortest_decimal(12.0), "12");
  EXPECT_EQ(shortest_decimal(-0.0), "0");
  EXPECT_EQ(shortest_decimal(1e-7), "0.0000001");
  EXPECT_EQ(shortest_decimal(1.5e17), "150000000000000000");
  EXPECT_THROW(shortest_decimal(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(FormatDecimalText, AcceptsNumbersWrittenAsText) {
  EXPECT_EQ(decimal_from_text("20.645"), "20.645");
  EXPECT_EQ(decimal_from_text(" 007.50 "), "7.50");
  EXPECT_EQ(decimal_from_text("+5"), "5");
  EXPECT_EQ(decimal_from_text("-.5"), "-0.5");
  EXPECT_EQ(decimal_from_text("5."), "5");
  EXPECT_EQ(decimal_from_text("1,234,567.5"), "1234567.5");
  EXPECT_EQ(decimal_from_text("1.5e3"), "1500");
  EXPECT_EQ(decimal_from_text("25E-4"), "0.0025");
  for (const char* bad : {"", "-", ".", "abc", "1.2.3", "1,23", "12,34,567", ",123", "1e", "1e5000", "二十万", "1 000", "0x10"})
    EXPECT_FALSE(decimal_from_text(bad)) << bad;
}

TEST(FormatFixed, RoundsTheDecimalRepresentationHalfUp) {
  EXPECT_EQ(format_fixed(20.645, 2), "20.65");  // binary 20.644999… must not win
  EXPECT_EQ(format_fixed(0.125, 2), "0.13");
  EXPECT_EQ(format_fixed(1.005, 2), "1.01");
  EXPECT_EQ(format_fixed(88.47, 2), "88.47");
  EXPECT_EQ(format_fixed(2.0, 2), "2.00");
  EXPECT_EQ(format_fixed(9.995, 2), "10.00");
  EXPECT_EQ(format_fixed(999.5, 0), "1000");
  EXPECT_EQ(format_fixed(-20.645, 2), "-20.65");
  EXPECT_EQ(format_fixed(-0.001, 2), "0.00");  // never "-0.00"
  EXPECT_EQ(format_fixed(-0.0, 1), "0.0");
  EXPECT_EQ(format_fixed(0.1 + 0.2, 2), "0.30");
  EXPECT_EQ(format_fixed("16409.015", 2), "16409.02");
  EXPECT_EQ(format_fixed("1,234.5", 2), "1234.50");
  EXPECT_THROW(format_fixed(1.0, -1), std::invalid_argument);
  EXPECT_THROW(format_fixed("abc", 2), std::invalid_argument);
}

TEST(FormatDecimals, RoundsToMaxThenTrimsToMin) {
  EXPECT_EQ(format_decimals(20.645, 2, 4), "20.645");
  EXPECT_EQ(format_decimals(20.0, 2, 4), "20.00");
  EXPECT_EQ(format_decimals(19.369, 2, 4), "19.369");
  EXPECT_EQ(format_decimals(19.36912, 2, 4), "19.3691");
  EXPECT_EQ(format_decimals(19.36999, 2, 4), "19.37");
  EXPECT_EQ(format_decimals(5.0, 0, 2), "5");
  EXPECT_EQ(format_decimals("251.8900", 2, 4), "251.89");
  EXPECT_THROW(format_decimals(1.0, 3, 2), std::invalid_argument);
}

TEST(FormatGroup, GroupsTheIntegerPartOnly) {
  EXPECT_EQ(group_thousands("1234567.8912"), "1,234,567.8912");
  EXPECT_EQ(group_thousands("-1234567"), "-1,234,567");
  EXPECT_EQ(group_thousands("123"), "123");
  EXPECT_EQ(group_thousands("1234"), "1,234");
  EXPECT_EQ(group_thousands("100000"), "100,000");
  EXPECT_EQ(group_thousands("0.12345"), "0.12345");
}

TEST(FormatPercent, MovesThePointExactly) {
  EXPECT_EQ(format_percent(0.8913, 2), "89.13%");
  EXPECT_EQ(format_percent(1.0, 2), "100.00%");
  EXPECT_EQ(format_percent(0.5, 0), "50%");
  EXPECT_EQ(format_percent(0.00125, 2), "0.13%");
  EXPECT_EQ(format_percent(0.123456, 1), "12.3%");
  EXPECT_EQ(format_percent(-0.25, 1), "-25.0%");
  EXPECT_EQ(format_percent("0.8913", 1), "89.1%");
}

TEST(FormatWan, ExactShiftOfTheDecimalPoint) {
  EXPECT_EQ(wan_from_yuan("206450"), "20.645");
  EXPECT_EQ(wan_from_yuan("16409.02"), "1.640902");  // not 1.6409019999
  EXPECT_EQ(wan_from_yuan(16409.02), "1.640902");
  EXPECT_EQ(wan_from_yuan("2518900"), "251.89");
  EXPECT_EQ(wan_from_yuan("10000"), "1");
  EXPECT_EQ(wan_from_yuan("5"), "0.0005");
  EXPECT_EQ(wan_from_yuan("0"), "0");
  EXPECT_EQ(wan_from_yuan("-206450"), "-20.645");
  EXPECT_EQ(wan_from_fen(20645000), "20.645");
  EXPECT_EQ(wan_from_fen(1640902), "1.640902");
  EXPECT_EQ(wan_from_fen(-1), "-0.000001");
  EXPECT_THROW(wan_from_yuan("1,23"), std::invalid_argument);
}

TEST(FormatDaxie, SpecVectors) {
  EXPECT_EQ(daxie_amount("206450"), "贰拾万陆仟肆佰伍拾元整");
  EXPECT_EQ(daxie_amount("16409.02"), "壹万陆仟肆佰零玖元零贰分");
  EXPECT_EQ(daxie_amount("325.04"), "叁佰贰拾伍元零肆分");
  EXPECT_EQ(daxie_amount("6007.14"), "陆仟零柒元壹角肆分");
  EXPECT_EQ(daxie_amount("1409.50"), "壹仟肆佰零玖元伍角");
  EXPECT_EQ(daxie_amount("100050"), "壹拾万零伍拾元整");
  EXPECT_EQ(daxie_amount("10"), "壹拾元整");
}

TEST(FormatDaxie, EdgeCases) {
  EXPECT_EQ(daxie_amount("0"), "零元整");
  EXPECT_EQ(daxie_amount("0.00"), "零元整");
  EXPECT_EQ(daxie_amount("0.5"), "伍角");
  EXPECT_EQ(daxie_amount("0.05"), "伍分");
  EXPECT_EQ(daxie_amount("0.55"), "伍角伍分");
  EXPECT_EQ(daxie_amount("1"), "壹元整");
  EXPECT_EQ(daxie_amount("15"), "壹拾伍元整");
  EXPECT_EQ(daxie_amount("1000000"), "壹佰万元整");
  EXPECT_EQ(daxie_amount("100000000"), "壹亿元整");
  EXPECT_EQ(daxie_amount("100010000"), "壹亿零壹万元整");
  EXPECT_EQ(daxie_amount("1010.1"), "壹仟零壹拾元壹角");
  EXPECT_EQ(daxie_amount("10.01"), "壹拾元零壹分");
  EXPECT_EQ(daxie_amount("20.5"), "贰拾元伍角");      // 元位 0, 角 not: optional 零 omitted
  EXPECT_EQ(daxie_amount("1680.32"), "壹仟陆佰捌拾元叁角贰分");
  EXPECT_EQ(daxie_amount("107000.53"), "壹拾万柒仟元伍角叁分");  // PBOC example, canonical form
  EXPECT_EQ(daxie_amount("200650"), "贰拾万零陆佰伍拾元整");
  EXPECT_EQ(daxie_amount("100001000"), "壹亿零壹仟元整");  // a whole zero 万 group keeps its 零
  EXPECT_EQ(daxie_amount("1050000000"), "壹拾亿伍仟万元整");
  EXPECT_EQ(daxie_amount("1005000000"), "壹拾亿零伍佰万元整");
  EXPECT_EQ(daxie_amount("100000001"), "壹亿零壹元整");
  EXPECT_EQ(daxie_amount("1000000000000"), "壹万亿元整");
  EXPECT_EQ(daxie_amount("1000100000000"), "壹万零壹亿元整");
  EXPECT_EQ(daxie_amount("1234500000000"), "壹万贰仟叁佰肆拾伍亿元整");
  EXPECT_EQ(daxie_amount("1000000010000"), "壹万亿零壹万元整");
  EXPECT_EQ(daxie_amount("9999999999999999.99"),
            "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
  EXPECT_EQ(daxie_amount("1.500"), "壹元伍角");  // trailing zeros past 分 are harmless
}

TEST(FormatDaxie, SignPrefixAndDoubles) {
  EXPECT_EQ(daxie_amount("-325.04"), "负叁佰贰拾伍元零肆分");
  EXPECT_EQ(daxie_amount("-0"), "零元整");
  EXPECT_EQ(daxie_amount("206450", true), "人民币贰拾万陆仟肆佰伍拾元整");
  EXPECT_EQ(daxie_amount("-1", true), "人民币负壹元整");
  EXPECT_EQ(daxie_amount(16409.02), "壹万陆仟肆佰零玖元零贰分");
  EXPECT_EQ(daxie_amount(100050.0), "壹拾万零伍拾元整");
  EXPECT_EQ(daxie_amount(1e12), "壹万亿元整");
}

TEST(FormatDaxie, Errors) {
  try {
    daxie_amount("1.234");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("at most two decimals"), std::string::npos) << e.what();
  }
  EXPECT_THROW(daxie_amount(0.125), std::invalid_argument);    // no silent rounding
  EXPECT_THROW(daxie_amount(0.1 + 0.2), std::invalid_argument);
  EXPECT_THROW(daxie_amount("10000000000000000"), std::invalid_argument);  // 10^16
  EXPECT_THROW(daxie_amount("abc"), std::invalid_argument);
  EXPECT_THROW(daxie_amount(""), std::invalid_argument);
}

TEST(FormatDate, AcceptedForms) {
  for (const char* s : {"2018-07-01", "2018-7-1", "2018/07/01", "2018/7/1", "2018.07.01", "20180701", " 2018-07-01 ",
                        "2018-07-01T08:30:00", "2018-07-01 08:30", "2018年7月1日", "2018年07月01日"})
    EXPECT_EQ(official_date(s), "2018年7月1日") << s;
  EXPECT_EQ(official_date("2020-12-31"), "2020年12月31日");
  EXPECT_EQ(official_date("2020-02-29"), "2020年2月29日");
  EXPECT_EQ(official_date("2000-02-29"), "2000年2月29日");
}

TEST(FormatDate, ChineseNumerals) {
  EXPECT_EQ(official_date("2018-07-01", true), "二〇一八年七月一日");
  EXPECT_EQ(official_date("2020-10-10", true), "二〇二〇年十月十日");
  EXPECT_EQ(official_date("2021-11-20", true), "二〇二一年十一月二十日");
  EXPECT_EQ(official_date("2009-12-31", true), "二〇〇九年十二月三十一日");
}

TEST(FormatDate, YearMonth) {
  // 干部任免审批表 write 出生年月 and 入党时间 as year.month: from a full date or a month alone.
  for (const char* s : {"2001-06-18", "2001/6/18", "2001年6月18日", "20010618", "2001-06", "2001.6", "2001年6月", "2001-06-18T08:00"})
    EXPECT_EQ(year_month(s), "2001.06") << s;
  EXPECT_EQ(year_month("1975-11"), "1975.11");
  for (const char* s : {"2001-13", "2001-06-31", "2001", "2001-6-", "2001年6", "01-06", "2001-00"})
    EXPECT_THROW(year_month(s), std::invalid_argument) << s;
  // A month alone is not a date for the other forms.
  EXPECT_THROW(official_date("2001-06"), std::invalid_argument);
}

TEST(FormatDate, InvalidDates) {
  for (const char* s : {"2018-02-30", "2019-02-29", "1900-02-29", "2018-13-01", "2018-00-10", "2018-04-31", "2018-07-00",
                        "20180732", "2018-07", "2018-07-01-02", "18-7-1", "2018-07/01", "2018--07-01", "2018年7月1", "",
                        "yesterday", "2018-07-01x", "2018-007-01"})
    EXPECT_THROW(official_date(s), std::invalid_argument) << s;
  try {
    official_date("2018-02-30");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "not a valid date: \"2018-02-30\"");
  }
}

}  // namespace
}  // namespace gongwen
