#include "template/numbering.hpp"

#include <array>

namespace gongwen {

namespace {

constexpr std::array<std::string_view, 10> kCnDigits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

bool eat(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

/// Arabic digits (at most 4) at the start of `s`.
std::optional<size_t> arabic(std::string_view& s) {
  size_t n = 0, v = 0;
  while (n < s.size() && n < 4 && s[n] >= '0' && s[n] <= '9') v = v * 10 + static_cast<size_t>(s[n++] - '0');
  if (n == 0 || (n < s.size() && s[n] >= '0' && s[n] <= '9')) return std::nullopt;
  s.remove_prefix(n);
  return v;
}

/// Chinese numerals 一 … 九十九 at the start of `s`.
std::optional<size_t> chinese(std::string_view& s) {
  auto digit = [&]() -> std::optional<size_t> {
    for (size_t d = 1; d < kCnDigits.size(); ++d)
      if (eat(s, kCnDigits[d])) return d;
    return std::nullopt;
  };
  std::string_view start = s;
  std::optional<size_t> tens = digit();
  if (eat(s, "十")) {
    const size_t v = (tens ? *tens : 1) * 10;
    const std::optional<size_t> ones = digit();
    return v + ones.value_or(0);
  }
  if (!tens) s = start;
  return tens;
}

bool open_bracket(std::string_view& s) { return eat(s, "（") || eat(s, "("); }
bool close_bracket(std::string_view& s) { return eat(s, "）") || eat(s, ")"); }

void skip_spaces(std::string_view& s) {
  while (eat(s, " ") || eat(s, "\t") || eat(s, "　")) {
  }
}

}  // namespace

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (numbered("（一）")).
std::string cn_number(size_t v) {
  static const char* const kCn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (v >= 100) return std::to_string(v);
  std::string r;
  if (v >= 20) r += kCn[v / 10];
  if (v >= 10) r += "十";
  if (v % 10 != 0 || v < 10) r += kCn[v % 10];
  return r;
}

std::string number_prefix(const std::string& pattern, size_t n) {
  std::string p = pattern;
  if (size_t one = p.find('1'); one != std::string::npos) return p.replace(one, 1, std::to_string(n));
  const size_t yi = p.find("一");
  return p.replace(yi, std::string_view("一").size(), cn_number(n));
}

std::optional<LeadingNumber> leading_number(std::string_view item, std::string_view pattern) {
  const bool cn = pattern.find('1') == std::string_view::npos;
  std::string_view p = pattern;
  const bool bracketed = open_bracket(p);
  std::string_view s = item;
  if (bracketed && !open_bracket(s)) return std::nullopt;
  const std::optional<size_t> v = cn ? chinese(s) : arabic(s);
  if (!v || *v == 0) return std::nullopt;
  if (bracketed) {
    if (!close_bracket(s)) return std::nullopt;
    eat(s, "、");
  } else if (!eat(s, "、") && !eat(s, "．")) {
    // "1." but not "1.5万元"
    if (cn || !s.starts_with(".") || (s.size() > 1 && s[1] >= '0' && s[1] <= '9')) return std::nullopt;
    s.remove_prefix(1);
  }
  skip_spaces(s);
  return LeadingNumber{item.size() - s.size(), *v};
}

std::vector<std::string> number_items(const std::vector<std::string>& items, const std::string& pattern) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    std::string_view body = items[i];
    if (auto n = leading_number(body, pattern)) body.remove_prefix(n->length);
    out.push_back(number_prefix(pattern, i + 1) + std::string(body));
  }
  return out;
}

std::optional<std::string> numbering_problem(const std::vector<std::string>& items, const std::string& pattern) {
  std::vector<size_t> with, without;
  for (size_t i = 0; i < items.size(); ++i) (leading_number(items[i], pattern) ? with : without).push_back(i + 1);
  if (with.empty()) return std::nullopt;
  auto list = [](const std::vector<size_t>& v) {
    std::string s = v.size() > 1 ? "items " : "item ";
    for (size_t i = 0; i < v.size() && i < 5; ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + (v.size() > 5 ? ", …" : "");
  };
  if (!without.empty())
    return "numbered inconsistently: " + list(with) + (with.size() > 1 ? " begin" : " begins") + " with a number, " +
           list(without) + (without.size() > 1 ? " do not" : " does not");
  for (size_t i = 0; i < items.size(); ++i) {
    const size_t v = leading_number(items[i], pattern)->value;
    if (v != i + 1)
      return "numbered inconsistently: item " + std::to_string(i + 1) + " begins with the number " + std::to_string(v) +
             " (it is printed as " + number_prefix(pattern, i + 1) + ")";
  }
  return std::nullopt;
}

}  // namespace gongwen
