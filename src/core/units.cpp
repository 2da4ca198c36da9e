#include "core/units.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace gongwen {

namespace {
struct Zihao {
  std::string_view name;
  double pt;
};
constexpr Zihao kZihao[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22},  {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits "12.5mm" into 12.5 and "mm"; nullopt when there is no leading number.
std::optional<std::pair<double, std::string_view>> number_and_unit(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // from_chars also reads "nan" and "inf": no length or size is either.
  if (ec != std::errc() || p == s.data() || !std::isfinite(v)) return std::nullopt;
  return std::pair{v, trim(s.substr(static_cast<size_t>(p - s.data())))};
}
}  // namespace

std::optional<double> zihao_pt(std::string_view name) {
  name = trim(name);
  for (const auto& z : kZihao)
    if (z.name == name) return z.pt;
  // "3号" / "小4号" are common informal spellings.
  static const std::string_view digits[] = {"初", "一", "二", "三", "四", "五", "六", "七", "八"};
  bool small = name.starts_with("小");
  std::string_view rest = small ? name.substr(std::string_view("小").size()) : name;
  if (rest.ends_with("号")) rest.remove_suffix(std::string_view("号").size());
  if (rest.size() == 1 && rest[0] >= '0' && rest[0] <= '8') {
    std::string full = std::string(small ? "小" : "") + std::string(digits[rest[0] - '0']);
    if (!small) full += "号";
    for (const auto& z : kZihao)
      if (z.name == full) return z.pt;
  }
  return std::nullopt;
}

std::optional<double> parse_font_size(std::string_view text) {
  if (auto z = zihao_pt(text)) return z;
  auto nu = number_and_unit(text);
  if (!nu || nu->first <= 0) return std::nullopt;
  auto [v, unit] = *nu;
  if (unit.empty() || unit == "pt") return v;
  if (unit == "mm") return mm_to_pt(v);
  return std::nullopt;
}

std::optional<double> parse_length_pt(std::string_view text, double em_pt) {
  auto nu = number_and_unit(text);
  if (!nu) return std::nullopt;
  auto [v, unit] = *nu;
  if (unit.empty() || unit == "mm") return mm_to_pt(v);
  if (unit == "pt") return v;
  if (unit == "cm") return mm_to_pt(v * 10);
  if (unit == "in") return v * 72;
  if (unit == "em" && em_pt > 0) return v * em_pt;
  return std::nullopt;
}

}  // namespace gongwen
