#pragma once
// Exact decimal numbers for aggregates (sum, avg, min, max over a table's rows): an integer
// count of 10^-scale units, read from the number's decimal text, so 0.1 + 0.2 is 0.3 and a
// column of amounts sums to the cent however long it is. Binary doubles never enter.
#include <optional>
#include <string>
#include <string_view>

namespace gongwen {

class Decimal {
 public:
  Decimal() = default;
  /// From decimal text ("20.645", "-3", "1,234.5", "1.5e3"); nullopt if it is not a number.
  /// Throws std::overflow_error past 36 significant digits or 30 decimals.
  static std::optional<Decimal> parse(std::string_view text);
  static Decimal from_int(long long v);

  /// Throw std::overflow_error when the result leaves the representable range (±10^36).
  Decimal operator+(const Decimal& o) const;
  /// Divided by `n` (> 0), rounded half away from zero at `decimals` places (at least this
  /// number's own scale).
  Decimal divided(long long n, int decimals) const;
  int compare(const Decimal& o) const;
  bool operator<(const Decimal& o) const { return compare(o) < 0; }

  int scale() const { return scale_; }
  /// Canonical text: no exponent, `scale` decimals kept ("0.30" stays "0.30"), "-0" never.
  std::string text() const;

 private:
  using Units = __int128;
  Decimal(Units u, int s) : units_(u), scale_(s) {}
  /// The same value at a larger scale.
  Units at_scale(int s) const;
  Units units_ = 0;
  int scale_ = 0;
};

}  // namespace gongwen
