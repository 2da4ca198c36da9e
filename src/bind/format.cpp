#include "bind/format.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace gongwen {

namespace {
/// A non-negative decimal as digit strings: integer part and fraction part.
struct Decimal {
  bool negative = false;
  std::string int_part, frac_part;
};

Decimal parse_decimal(std::string_view s) {
  Decimal d;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    d.negative = s[0] == '-';
    s.remove_prefix(1);
  }
  size_t dot = s.find('.');
  d.int_part = std::string(s.substr(0, dot));
  if (dot != std::string_view::npos) d.frac_part = std::string(s.substr(dot + 1));
  if (d.int_part.empty() && d.frac_part.empty()) throw std::invalid_argument("not a number");
  for (char c : d.int_part + d.frac_part)
    if (c < '0' || c > '9') throw std::invalid_argument("not a number");
  if (d.int_part.empty()) d.int_part = "0";
  size_t nz = d.int_part.find_first_not_of('0');
  d.int_part = nz == std::string::npos ? "0" : d.int_part.substr(nz);
  return d;
}

/// Decimal rounding half away from zero at `decimals` places.
Decimal round_decimal(Decimal d, int decimals) {
  const size_t n = static_cast<size_t>(decimals);
  if (d.frac_part.size() <= n) {
    d.frac_part.append(n - d.frac_part.size(), '0');
    return d;
  }
  const bool up = d.frac_part[n] >= '5';
  d.frac_part.resize(n);
  if (up) {
    std::string digits = d.int_part + d.frac_part;
    int i = static_cast<int>(digits.size()) - 1;
    while (i >= 0 && digits[static_cast<size_t>(i)] == '9') digits[static_cast<size_t>(i--)] = '0';
    if (i < 0) digits.insert(digits.begin(), '1');
    else ++digits[static_cast<size_t>(i)];
    d.int_part = digits.substr(0, digits.size() - n);
    d.frac_part = digits.substr(digits.size() - n);
  }
  return d;
}

std::string to_string(const Decimal& d) {
  std::string s = d.int_part;
  if (!d.frac_part.empty()) s += "." + d.frac_part;
  bool zero = s.find_first_not_of("0.") == std::string::npos;
  return (d.negative && !zero ? "-" : "") + s;
}
}  // namespace

std::string shortest_decimal(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("not a finite number");
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string s(buf, p);
  if (s == "-0") s = "0";
  return s;
}

std::string format_fixed(double v, int decimals) {
  return to_string(round_decimal(parse_decimal(shortest_decimal(v)), decimals));
}

std::string format_decimals(double v, int min_decimals, int max_decimals) {
  Decimal d = round_decimal(parse_decimal(shortest_decimal(v)), max_decimals);
  while (static_cast<int>(d.frac_part.size()) > min_decimals && d.frac_part.back() == '0') d.frac_part.pop_back();
  return to_string(d);
}

std::string group_thousands(std::string_view number) {
  const size_t sign = (!number.empty() && (number[0] == '-' || number[0] == '+')) ? 1 : 0;
  size_t end = number.find('.');
  if (end == std::string_view::npos) end = number.size();
  std::string out(number.substr(0, sign));
  const size_t digits = end - sign;
  for (size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += ',';
    out += number[sign + i];
  }
  out += number.substr(end);
  return out;
}

std::string format_percent(double v, int decimals) {
  Decimal d = parse_decimal(shortest_decimal(v));
  // ×100 = move the decimal point two places right.
  d.frac_part.append(2 > d.frac_part.size() ? 2 - d.frac_part.size() : 0, '0');
  d.int_part += d.frac_part.substr(0, 2);
  d.frac_part = d.frac_part.substr(2);
  d = parse_decimal(to_string(d));
  return to_string(round_decimal(d, decimals)) + "%";
}

std::string wan_from_yuan(std::string_view decimal_yuan) {
  Decimal d = parse_decimal(decimal_yuan);
  std::string digits = std::string(4 > d.int_part.size() ? 4 - d.int_part.size() : 0, '0') + d.int_part;
  d.frac_part = digits.substr(digits.size() - 4) + d.frac_part;
  d.int_part = digits.substr(0, digits.size() - 4);
  if (d.int_part.empty()) d.int_part = "0";
  while (!d.frac_part.empty() && d.frac_part.back() == '0') d.frac_part.pop_back();
  return to_string(parse_decimal(to_string(d)));
}

std::string daxie_amount(std::string_view decimal_yuan) {
  static const char* kDigit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* kUnit[] = {"", "拾", "佰", "仟"};
  static const char* kGroup[] = {"", "万", "亿", "万亿"};
  Decimal d = parse_decimal(decimal_yuan);
  if (d.frac_part.size() > 2) {
    if (d.frac_part.find_first_not_of('0', 2) != std::string::npos)
      throw std::invalid_argument("大写金额 takes at most two decimals (分), got " + std::string(decimal_yuan));
    d.frac_part.resize(2);
  }
  if (d.int_part.size() > 16) throw std::invalid_argument("amount too large for 大写金额 (at most 9999万亿)");
  d.frac_part.append(2 - d.frac_part.size(), '0');
  const int jiao = d.frac_part[0] - '0', fen = d.frac_part[1] - '0';

  std::string out;
  const std::string& ip = d.int_part;
  const bool has_int = ip != "0";
  if (has_int) {
    // Groups of four digits from the right: 万亿 | 亿 | 万 | 个.
    const size_t n = ip.size();
    const size_t groups = (n + 3) / 4;
    bool pending_zero = false, skipped_group = false;
    for (size_t g = groups; g-- > 0;) {
      const size_t hi = n > 4 * (g + 1) ? n - 4 * (g + 1) : 0;
      const size_t lo = n - 4 * g;
      std::string group(ip.substr(hi, lo - hi));
      group.insert(0, 4 - group.size(), '0');
      bool group_nonzero = group != "0000";
      if (!group_nonzero) {
        if (!out.empty()) pending_zero = skipped_group = true;
        continue;
      }
      // 万位 zero but 千位 not (206450 → 贰拾万陆仟…): the 零 is optional; canonical: omit.
      if (pending_zero && !skipped_group && group[0] != '0') pending_zero = false;
      skipped_group = false;
      for (int k = 0; k < 4; ++k) {
        const int digit = group[static_cast<size_t>(k)] - '0';
        const int unit = 3 - k;
        if (digit == 0) {
          if (!out.empty()) pending_zero = true;
          continue;
        }
        if (pending_zero) out += "零";
        pending_zero = false;
        out += kDigit[digit];
        out += kUnit[unit];
      }
      out += kGroup[g];
    }
    out += "元";
  }
  if (jiao == 0 && fen == 0) return (d.negative ? "负" : "") + (has_int ? out : std::string("零元")) + "整";
  if (jiao > 0) {
    out += kDigit[jiao];
    out += "角";
  } else if (has_int) {
    out += "零";  // 元零X分
  }
  if (fen > 0) {
    out += kDigit[fen];
    out += "分";
  }
  return (d.negative ? "负" : "") + out;
}

std::string daxie_amount(double yuan) { return daxie_amount(format_fixed(yuan, 2)); }

std::string official_date(std::string_view text, bool chinese) {
  int y = 0, m = 0, d = 0;
  std::string s(text);
  std::vector<int> parts;
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    y = std::stoi(s.substr(0, 4));
    m = std::stoi(s.substr(4, 2));
    d = std::stoi(s.substr(6, 2));
  } else {
    // Only the date part of an ISO timestamp counts.
    if (size_t t = s.find('T'); t != std::string::npos) s.resize(t);
    int* fields[] = {&y, &m, &d};
    size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
      size_t end = pos;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
      if (end == pos || end - pos > (i == 0 ? 4u : 2u)) throw std::invalid_argument("not a date: \"" + std::string(text) + "\"");
      *fields[i] = std::stoi(s.substr(pos, end - pos));
      pos = end;
      if (i < 2) {
        if (pos >= s.size() || (s[pos] != '-' && s[pos] != '/' && s[pos] != '.'))
          throw std::invalid_argument("not a date: \"" + std::string(text) + "\"");
        ++pos;
      }
    }
    if (pos != s.size()) throw std::invalid_argument("not a date: \"" + std::string(text) + "\"");
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0))
    throw std::invalid_argument("not a valid date: \"" + std::string(text) + "\"");
  if (!chinese) return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  static const char* kCn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto small = [](int v) {
    static const char* kCnd[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    std::string r;
    if (v >= 20) r += kCnd[v / 10];
    if (v >= 10) r += "十";
    if (v % 10 != 0 || v < 10) r += kCnd[v % 10];
    return r;
  };
  std::string out;
  for (char c : std::to_string(y)) out += kCn[c - '0'];
  return out + "年" + small(m) + "月" + small(d) + "日";
}

}  // namespace gongwen
