#include "template/decimal.hpp"

#include <stdexcept>

#include "template/format.hpp"

namespace gongwen {

namespace {
using Units = __int128;
constexpr int kMaxScale = 30;
// |units| stays below 10^36, well inside __int128 (±1.7·10^38), so a sum of two never wraps.
const Units kLimit = [] {
  Units l = 1;
  for (int i = 0; i < 36; ++i) l *= 10;
  return l;
}();

void check_range(Units u) {
  if (u >= kLimit || u <= -kLimit) throw std::overflow_error("number too large for exact decimal arithmetic (36 digits)");
}
}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  const auto canonical = decimal_from_text(text);  // sign, digits, '.', digits; exponent applied
  if (!canonical) return std::nullopt;
  std::string_view s = *canonical;
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const size_t dot = s.find('.');
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (frac.size() > static_cast<size_t>(kMaxScale)) throw std::overflow_error("more than 30 decimals: " + std::string(text));
  Units u = 0;
  for (char c : s) {
    if (c == '.') continue;
    u = u * 10 + (c - '0');
    check_range(u);
  }
  return Decimal(negative ? -u : u, static_cast<int>(frac.size()));
}

Decimal Decimal::from_int(long long v) { return Decimal(static_cast<Units>(v), 0); }

Units Decimal::at_scale(int s) const {
  Units u = units_;
  for (int k = scale_; k < s; ++k) {
    u *= 10;
    check_range(u);
  }
  return u;
}

Decimal Decimal::operator+(const Decimal& o) const {
  const int s = std::max(scale_, o.scale_);
  const Units u = at_scale(s) + o.at_scale(s);
  check_range(u);
  return Decimal(u, s);
}

int Decimal::compare(const Decimal& o) const {
  const int s = std::max(scale_, o.scale_);
  const Units a = at_scale(s), b = o.at_scale(s);
  return a < b ? -1 : a > b ? 1 : 0;
}

Decimal Decimal::divided(long long n, int decimals) const {
  if (n <= 0) throw std::invalid_argument("division by a count of zero");
  const int s = std::min(kMaxScale, std::max(decimals, scale_));
  // Scale up the dividend by one extra digit, divide, then round half away from zero.
  Units num = at_scale(s);
  const bool neg = num < 0;
  if (neg) num = -num;
  Units q = num / n, r = num % n;
  if (2 * r >= static_cast<Units>(n)) ++q;
  return Decimal(neg ? -q : q, s);
}

std::string Decimal::text() const {
  Units u = units_ < 0 ? -units_ : units_;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u > 0);
  if (digits.size() <= static_cast<size_t>(scale_)) digits.insert(0, static_cast<size_t>(scale_) + 1 - digits.size(), '0');
  if (scale_ > 0) digits.insert(digits.size() - static_cast<size_t>(scale_), ".");
  return (units_ < 0 ? "-" : "") + digits;
}

}  // namespace gongwen
