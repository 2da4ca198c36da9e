#include "template/format.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace gongwen {

namespace {

/// A decimal number as digit strings. `int_part` has no leading zeros ("0" for none).
struct Decimal {
  bool negative = false;
  std::string int_part = "0", frac_part;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void strip_int_zeros(Decimal& d) {
  const size_t nz = d.int_part.find_first_not_of('0');
  d.int_part = nz == std::string::npos ? "0" : d.int_part.substr(nz);
}

/// Multiplies by 10^k by moving the decimal point.
Decimal shift(Decimal d, int k) {
  std::string digits = d.int_part + d.frac_part;
  long point = static_cast<long>(d.int_part.size()) + k;
  if (point < 0) {
    digits.insert(0, static_cast<size_t>(-point), '0');
    point = 0;
  }
  if (static_cast<size_t>(point) > digits.size()) digits.append(static_cast<size_t>(point) - digits.size(), '0');
  d.int_part = digits.substr(0, static_cast<size_t>(point));
  d.frac_part = digits.substr(static_cast<size_t>(point));
  strip_int_zeros(d);
  return d;
}

/// "1,234,567": commas exactly between groups of three.
bool grouping_ok(std::string_view ip) {
  const size_t first = ip.find(',');
  if (first == std::string_view::npos) return true;
  if (first == 0 || first > 3 || (ip.size() - first) % 4 != 0) return false;
  for (size_t i = first; i < ip.size(); i += 4)
    if (ip[i] != ',' || ip.substr(i + 1, 3).find(',') != std::string_view::npos) return false;
  return true;
}

std::optional<Decimal> parse(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  Decimal d;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    d.negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int exponent = 0;
  if (size_t e = s.find_first_of("eE"); e != std::string_view::npos) {
    std::string_view es = s.substr(e + 1);
    if (!es.empty() && es[0] == '+') es.remove_prefix(1);
    auto [p, ec] = std::from_chars(es.data(), es.data() + es.size(), exponent);
    // The bound keeps the digit strings small; real data never gets near it.
    if (es.empty() || ec != std::errc() || p != es.data() + es.size() || std::abs(exponent) > 400) return std::nullopt;
    s = s.substr(0, e);
  }
  const size_t dot = s.find('.');
  std::string_view ip = s.substr(0, dot), fp = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if ((ip.empty() && fp.empty()) || !grouping_ok(ip)) return std::nullopt;
  d.int_part.clear();
  for (char c : ip)
    if (c != ',') {
      if (!is_digit(c)) return std::nullopt;
      d.int_part += c;
    }
  for (char c : fp)
    if (!is_digit(c)) return std::nullopt;
  d.frac_part = std::string(fp);
  strip_int_zeros(d);
  return exponent ? shift(d, exponent) : d;
}

Decimal parse_or_throw(std::string_view s) {
  auto d = parse(s);
  if (!d) throw std::invalid_argument("not a number: \"" + std::string(s) + "\"");
  return *d;
}

Decimal from_double(double v) { return *parse(shortest_decimal(v)); }

bool is_zero(const Decimal& d) {
  return d.int_part == "0" && d.frac_part.find_first_not_of('0') == std::string::npos;
}

/// Half away from zero at `decimals` places, on the digits.
Decimal round_to(Decimal d, int decimals) {
  if (decimals < 0) throw std::invalid_argument("negative number of decimals: " + std::to_string(decimals));
  const size_t n = static_cast<size_t>(decimals);
  if (d.frac_part.size() <= n) {
    d.frac_part.append(n - d.frac_part.size(), '0');
    return d;
  }
  const bool up = d.frac_part[n] >= '5';
  d.frac_part.resize(n);
  if (up) {
    std::string digits = d.int_part + d.frac_part;
    size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0) digits.insert(digits.begin(), '1');
    else ++digits[i - 1];
    d.int_part = digits.substr(0, digits.size() - n);
    d.frac_part = digits.substr(digits.size() - n);
  }
  return d;
}

std::string to_string(const Decimal& d) {
  std::string s = (d.negative && !is_zero(d)) ? "-" : "";
  s += d.int_part;
  if (!d.frac_part.empty()) s += "." + d.frac_part;
  return s;
}

Decimal trim_to(Decimal d, int min_decimals) {
  while (static_cast<int>(d.frac_part.size()) > min_decimals && d.frac_part.back() == '0') d.frac_part.pop_back();
  return d;
}

std::string decimals_of(const Decimal& d, int min_decimals, int max_decimals) {
  if (min_decimals < 0 || max_decimals < min_decimals)
    throw std::invalid_argument("bad decimals range " + std::to_string(min_decimals) + ".." + std::to_string(max_decimals));
  return to_string(trim_to(round_to(d, max_decimals), min_decimals));
}

std::string wan_of(const Decimal& d) { return to_string(trim_to(shift(d, -4), 0)); }

}  // namespace

std::string shortest_decimal(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("not a finite number");
  // Fixed notation keeps exponents out; large magnitudes need up to 309 integer digits.
  char buf[400];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string s(buf, p);
  return s == "-0" ? "0" : s;
}

std::optional<std::string> decimal_from_text(std::string_view text) {
  auto d = parse(text);
  if (!d) return std::nullopt;
  return to_string(*d);
}

std::string format_fixed(double v, int decimals) { return to_string(round_to(from_double(v), decimals)); }
std::string format_fixed(std::string_view decimal, int decimals) {
  return to_string(round_to(parse_or_throw(decimal), decimals));
}

std::string format_decimals(double v, int min_decimals, int max_decimals) {
  return decimals_of(from_double(v), min_decimals, max_decimals);
}
std::string format_decimals(std::string_view decimal, int min_decimals, int max_decimals) {
  return decimals_of(parse_or_throw(decimal), min_decimals, max_decimals);
}

std::string group_thousands(std::string_view number) {
  const size_t sign = (!number.empty() && (number[0] == '-' || number[0] == '+')) ? 1 : 0;
  size_t end = sign;
  while (end < number.size() && is_digit(number[end])) ++end;
  std::string out(number.substr(0, sign));
  const size_t digits = end - sign;
  for (size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += ',';
    out += number[sign + i];
  }
  out += number.substr(end);
  return out;
}

std::string format_percent(double v, int decimals) { return to_string(round_to(shift(from_double(v), 2), decimals)) + "%"; }
std::string format_percent(std::string_view decimal, int decimals) {
  return to_string(round_to(shift(parse_or_throw(decimal), 2), decimals)) + "%";
}

std::string wan_from_yuan(std::string_view decimal_yuan) { return wan_of(parse_or_throw(decimal_yuan)); }
std::string wan_from_yuan(double yuan) { return wan_of(from_double(yuan)); }
std::string wan_from_fen(int64_t fen) { return to_string(trim_to(shift(*parse(std::to_string(fen)), -6), 0)); }

std::string daxie_amount(std::string_view decimal_yuan, bool rmb_prefix) {
  static const char* const kDigit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* const kUnit[] = {"", "拾", "佰", "仟"};
  auto parsed = parse(decimal_yuan);
  if (!parsed) throw std::invalid_argument("大写金额 needs an amount in 元, got \"" + std::string(decimal_yuan) + "\"");
  Decimal d = *parsed;
  if (d.frac_part.size() > 2) {
    if (d.frac_part.find_first_not_of('0', 2) != std::string::npos)
      throw std::invalid_argument("大写金额 takes at most two decimals (角 and 分), got " + std::string(decimal_yuan) +
                                  "; round it first, e.g. with fixed(2)");
    d.frac_part.resize(2);
  }
  const std::string& ip = d.int_part;
  if (ip.size() > 16)
    throw std::invalid_argument("amount too large for 大写金额 (below 10^16 元 supported), got " + std::string(decimal_yuan));
  d.frac_part.append(2 - d.frac_part.size(), '0');
  const int jiao = d.frac_part[0] - '0', fen = d.frac_part[1] - '0';
  const size_t n = ip.size();
  // Digit at position p (0 = 元位) and whether the four-digit group starting at p is non-zero.
  auto digit = [&](size_t p) { return p < n ? ip[n - 1 - p] - '0' : 0; };
  auto group_nonzero = [&](size_t p) { return digit(p) || digit(p + 1) || digit(p + 2) || digit(p + 3); };

  std::string out;
  const bool has_int = ip != "0";
  if (has_int) {
    bool zero_run = false;  // zeros seen since the last written digit
    for (size_t p = n; p-- > 0;) {
      const int dg = digit(p);
      if (dg == 0) {
        zero_run = zero_run || !out.empty();
      } else {
        // The PBOC rules make this 零 optional when the run ends the 万/亿 group just written.
        const bool optional = p % 4 == 3 && group_nonzero(p + 1);
        if (zero_run && !optional) out += "零";
        zero_run = false;
        out += kDigit[dg];
        out += kUnit[p % 4];
      }
      // 万亿 = 万 within the part above 亿: 1,0000,0000,0000 → 壹万亿, 1,0001,0000,0000 → 壹万零壹亿.
      if ((p == 4 || p == 12) && group_nonzero(p)) out += "万";
      if (p == 8 && (group_nonzero(8) || group_nonzero(12))) out += "亿";
    }
    out += "元";
  }
  if (jiao == 0 && fen == 0) {
    out = (has_int ? out : std::string("零元")) + "整";
  } else {
    if (jiao > 0) out += std::string(kDigit[jiao]) + "角";
    else if (has_int) out += "零";  // 元零X分
    if (fen > 0) out += std::string(kDigit[fen]) + "分";
  }
  if (d.negative && !is_zero(d)) out = "负" + out;
  return rmb_prefix ? "人民币" + out : out;
}

std::string daxie_amount(double yuan, bool rmb_prefix) { return daxie_amount(shortest_decimal(yuan), rmb_prefix); }

namespace {
/// Reads 1..max_len digits at `pos`; -1 if there are none or too many.
int read_number(std::string_view s, size_t& pos, size_t max_len) {
  size_t end = pos;
  while (end < s.size() && is_digit(s[end])) ++end;
  if (end == pos || end - pos > max_len) return -1;
  int v = 0;
  for (; pos < end; ++pos) v = v * 10 + (s[pos] - '0');
  return v;
}

/// Month and day in words: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 31 → 三十一.
std::string cn_small(int v, const char* const* digits) {
  std::string r;
  if (v >= 20) r += digits[v / 10];
  if (v >= 10) r += "十";
  if (v % 10 != 0 || v < 10) r += digits[v % 10];
  return r;
}
}  // namespace

namespace {
struct CivilDate {
  int y = 0, m = 0, d = 0;  ///< d = 0: a month without its day (only when allowed)
};

/// "2018-07-01", "2018/7/1", "2018.07.01", "20180701", "2018年7月1日" or a timestamp's date; with
/// `month_only`, also "2018-07", "2018.7" and "2018年7月".
CivilDate parse_date(std::string_view text, bool month_only) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  const std::invalid_argument bad("not a date: \"" + std::string(text) + "\" (expected e.g. 2018-07-01)");
  int y = 0, m = 0, d = 0;
  size_t pos = 0;
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string_view::npos) {
    y = read_number(s.substr(0, 4), pos, 4);
    pos = 0;
    m = read_number(s.substr(4, 2), pos, 2);
    pos = 0;
    d = read_number(s.substr(6, 2), pos, 2);
  } else {
    // Y-M-D with one separator throughout, or the written form Y年M月D日.
    y = read_number(s, pos, 4);
    if (y < 0 || pos != 4 || pos >= s.size()) throw bad;
    const bool written = s.substr(pos).starts_with("年");
    const std::string_view sep1 = written ? "年" : s.substr(pos, 1), sep2 = written ? "月" : sep1;
    if (!written && sep1 != "-" && sep1 != "/" && sep1 != ".") throw bad;
    pos += sep1.size();
    m = read_number(s, pos, 2);
    if (m < 0) throw bad;
    const bool no_day = month_only && (written ? s.substr(pos) == "月" : pos == s.size());
    if (no_day) {
      pos = s.size();
    } else {
      if (!s.substr(pos).starts_with(sep2)) throw bad;
      pos += sep2.size();
      d = read_number(s, pos, 2);
      if (d < 0) throw bad;
      if (written && s.substr(pos).starts_with("日")) pos += std::string_view("日").size();
      else if (written) throw bad;
    }
    // Only the date of a timestamp counts.
    if (pos < s.size() && !written && (s[pos] == 'T' || s[pos] == ' ')) pos = s.size();
    if (pos != s.size()) throw bad;
  }
  using namespace std::chrono;
  const bool day_ok = d == 0 ? month_only : year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
  if (y < 1 || m < 1 || m > 12 || d < 0 || d > 31 || !day_ok)
    throw std::invalid_argument("not a valid date: \"" + std::string(text) + "\"");
  return {y, m, d};
}
}  // namespace

std::string year_month(std::string_view text) {
  const CivilDate c = parse_date(text, true);
  return std::to_string(c.y) + (c.m < 10 ? ".0" : ".") + std::to_string(c.m);
}

std::string official_date(std::string_view text, bool chinese) {
  const CivilDate c = parse_date(text, false);
  const int y = c.y, m = c.m, d = c.d;
  if (!chinese) return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  static const char* const kCn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (char c : std::to_string(y)) out += kCn[c - '0'];
  return out + "年" + cn_small(m, kCn) + "月" + cn_small(d, kCn) + "日";
}

}  // namespace gongwen
