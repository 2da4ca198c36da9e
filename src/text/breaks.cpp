#include "text/breaks.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"

namespace gongwen {

namespace {
/// ICU's line iterator for Chinese; `zh` data is already lb=strict (never use loose: it lets
/// ：；！？ start lines). Created once, then cloned per thread since iterators are not shared.
icu::BreakIterator* thread_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) throw Error(ErrorKind::Render, std::string("ICU line breaker unavailable: ") + u_errorName(status));
    return it;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> it(prototype->clone());
  return it.get();
}

bool is_digit(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }
/// What may directly follow a number as its unit.
bool is_unit_start(const Cluster& c) {
  return c.cls == CharClass::Ideograph || c.first_cp == '%' || c.first_cp == 0xFF05 ||
         c.first_cp == 0x2030 || c.first_cp == 0x2103 || c.first_cp == 0xB0;
}
}  // namespace

std::vector<BreakKind> find_breaks(const ShapedText& shaped, const BreakRules& rules) {
  const auto& cl = shaped.clusters;
  const size_t n = cl.size();
  std::vector<BreakKind> breaks(n + 1, BreakKind::None);
  breaks[n] = BreakKind::Mandatory;
  if (n == 0) return breaks;

  // Byte offset → cluster index, for boundaries only.
  std::vector<int32_t> cluster_at(shaped.text.size() + 1, -1);
  for (size_t i = 0; i < n; ++i) cluster_at[cl[i].begin] = static_cast<int32_t>(i);

  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, shaped.text.data(), static_cast<int64_t>(shaped.text.size()), &status);
  icu::BreakIterator* it = thread_iterator();
  it->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    throw Error(ErrorKind::Render, std::string("ICU line breaking failed: ") + u_errorName(status));
  }
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    if (b <= 0 || static_cast<size_t>(b) >= shaped.text.size()) continue;
    int32_t ci = cluster_at[static_cast<size_t>(b)];
    if (ci <= 0) continue;
    bool hard = it->getRuleStatus() >= UBRK_LINE_HARD && it->getRuleStatus() < UBRK_LINE_HARD_LIMIT;
    breaks[static_cast<size_t>(ci)] = hard ? BreakKind::Mandatory : BreakKind::Allowed;
  }
  utext_close(ut);

  for (size_t i = 1; i < n; ++i) {
    const Cluster& before = cl[i - 1];
    const Cluster& after = cl[i];
    // ICU's zh rules make “ an opener and ” a closer, but leave ‘ ’ as QU (no break on either
    // side). Between Chinese characters they open and close quotes like “ ”: allow the same
    // breaks (the prohibitions below still apply).
    if (breaks[i] == BreakKind::None &&
        ((after.first_cp == U'‘' && after.full_width && is_cjk(before.last_cls)) ||
         (before.last_cp == U'’' && before.full_width && is_cjk(after.cls))))
      breaks[i] = BreakKind::Allowed;
    if (breaks[i] != BreakKind::Allowed) continue;
    bool forbid = no_line_start(after.first_cp) || no_line_end(before.last_cp);
    // ——, …… and ⸺ are one mark of two ems: never split, never start a line.
    if (before.last_cls == CharClass::Dash && after.cls == CharClass::Dash) forbid = true;
    if (rules.glue_number_unit && is_unit_start(after)) {
      // "12份", and "采集 1 次" with a space between the number and its unit.
      if (is_digit(before.last_cp)) forbid = true;
      if (i >= 2 && before.cls == CharClass::Space && before.first_cp == ' ' && is_digit(cl[i - 2].last_cp))
        forbid = true;
    }
    if (forbid) breaks[i] = BreakKind::None;
  }
  // Multi-character units after a number stay whole ("万|元" never).
  if (rules.glue_number_unit && !rules.units.empty()) {
    const std::string_view t = shaped.text;
    for (size_t i = 1; i < n; ++i) {
      if (!is_digit(cl[i - 1].last_cp)) continue;
      for (const auto& u : rules.units) {
        if (t.compare(cl[i].begin, u.size(), u) != 0) continue;
        for (size_t k = i + 1; k < n && cl[k].begin < cl[i].begin + u.size(); ++k)
          if (breaks[k] == BreakKind::Allowed) breaks[k] = BreakKind::None;
        break;
      }
    }
  }
  return breaks;
}

}  // namespace gongwen
