// Typed values from cell text (see cells.hpp).
#include "data/cells.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace gongwen::data_detail {

using nlohmann::json;

std::string_view trim_blank(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

namespace {

/// "1,234,567.5": commas only between groups of three in the integer part (spreadsheets export
/// formatted numbers as text).
bool grouping_ok(std::string_view s) {
  const size_t int_end = std::min(s.find_first_of(".eE"), s.size());
  if (s.find(',', int_end) != std::string_view::npos) return false;
  const std::string_view ip = s.substr(0, int_end);
  const size_t first = ip.find(',');
  if (first == 0 || first > 3 || (ip.size() - first) % 4 != 0) return false;
  for (size_t i = first; i < ip.size(); i += 4)
    if (ip[i] != ',' || ip.substr(i + 1, 3).find(',') != std::string_view::npos) return false;
  return true;
}

/// A number in the types a JSON file would give: integers stay integers. nullopt if not numeric.
}  // namespace

std::optional<json> parse_number(std::string_view text) {
  std::string s(text);
  if (s[0] == '+') s.erase(0, 1);  // from_chars takes '-' only
  const size_t body = !s.empty() && s[0] == '-' ? 1 : 0;
  if (s.find(',') != std::string::npos) {
    if (!grouping_ok(std::string_view(s).substr(body))) return std::nullopt;
    std::erase(s, ',');
  }
  // Plain decimal only: from_chars alone would also take "inf", "nan" and hex digits.
  size_t i = body, mantissa = 0;
  bool dot = false, exponent = false;
  for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || (s[i] == '.' && !dot)); ++i)
    s[i] == '.' ? void(dot = true) : void(++mantissa);
  if (mantissa == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    exponent = true;
    if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t digits_from = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits_from) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const char* const end = s.data() + s.size();
  if (!dot && !exponent) {
    int64_t v = 0;
    if (auto r = std::from_chars(s.data(), end, v); r.ec == std::errc{} && r.ptr == end) return json(v);
  }
  double d = 0;
  if (auto r = std::from_chars(s.data(), end, d); r.ec != std::errc{} || r.ptr != end || !std::isfinite(d)) return std::nullopt;
  return json(d);
}

std::optional<json> parse_stored_number(std::string_view text) {
  auto n = parse_number(text);
  if (!n || !n->is_number_float() || text.find(',') != std::string_view::npos) return n;
  size_t significant = 0;
  bool leading = true;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (c != '0') leading = false;
    if (!leading) ++significant;
  }
  if (significant <= 15) return n;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", n->get<double>());
  double d = 0;
  std::from_chars(buf, buf + std::char_traits<char>::length(buf), d);
  if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) return json(static_cast<int64_t>(d));
  return json(d);
}

json split_items(std::string_view v, std::string_view separator) {
  json list = json::array();
  for (size_t start = 0;;) {
    const size_t p = v.find(separator, start);
    std::string_view item = v.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    if (separator == "\n" && item.ends_with('\r')) item.remove_suffix(1);
    item = trim_blank(item);
    if (!item.empty()) list.push_back(std::string(item));
    if (p == std::string_view::npos) break;
    start = p + separator.size();
  }
  return list;
}

}  // namespace gongwen::data_detail
