#include "ofd/ofd_xml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace gongwen::ofd {

double quantize(double v) {
  const double q = std::round(v * 1000.0) / 1000.0;
  return q == 0 ? 0.0 : q;  // no "-0"
}

void append_num(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;  // callers check their inputs; never write "nan" into XML
  const long long milli = std::llround(v * 1000.0);
  if (milli == 0) {
    out.push_back('0');
    return;
  }
  unsigned long long a = milli < 0 ? static_cast<unsigned long long>(-milli) : static_cast<unsigned long long>(milli);
  if (milli < 0) out.push_back('-');
  out += std::to_string(a / 1000);
  unsigned frac = static_cast<unsigned>(a % 1000);
  if (frac == 0) return;
  char buf[5] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                 static_cast<char>('0' + frac % 10), 0};
  int len = 4;
  while (buf[len - 1] == '0') --len;
  out.append(buf, static_cast<size_t>(len));
}

std::string num(double v) {
  std::string s;
  append_num(s, v);
  return s;
}

void append_escaped(std::string& out, std::string_view text) {
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (c < 0x20) out += "\xEF\xBF\xBD";
        else out.push_back(ch);
    }
  }
}

std::string escaped(std::string_view text) {
  std::string s;
  append_escaped(s, text);
  return s;
}

std::string color_value(double r, double g, double b) {
  auto c = [](double v) { return std::to_string(static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0))); };
  return c(r) + " " + c(g) + " " + c(b);
}

std::string iso_date(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

}  // namespace gongwen::ofd
