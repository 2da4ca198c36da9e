#include "text/breaks.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
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

/// A single ideograph of line-break class ID. ICU allows a break between two of them whatever
/// surrounds them (UAX #14 LB31; no rule reaches across an ID), so the text may be cut there:
/// ICU then runs only on the pieces between Han stretches (text_breaks_fast_test checks this
/// against one ICU pass over the whole text).
bool plain_ideograph(const Cluster& c) {
  static const std::vector<bool> id = [] {
    std::vector<bool> v(0xA000 - 0x3400);
    for (UChar32 cp = 0x3400; cp < 0xA000; ++cp)
      v[cp - 0x3400] = (cp <= 0x4DBF || cp >= 0x4E00) && u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_IDEOGRAPHIC;
    return v;
  }();
  return c.end - c.begin == 3 && c.first_cp == c.last_cp && c.first_cp >= 0x3400 && c.first_cp < 0xA000 &&
         id[c.first_cp - 0x3400];
}

/// ICU's boundaries in bytes [sb, se) of the text, mapped onto clusters from `ci` on.
void icu_breaks(const ShapedText& shaped, uint32_t sb, uint32_t se, size_t& ci, std::vector<BreakKind>& breaks) {
  struct ThreadText {  // one UText per thread, reopened each time (the iterator keeps a clone)
    UText ut = UTEXT_INITIALIZER;
    ~ThreadText() { utext_close(&ut); }
  };
  thread_local ThreadText tt;
  const auto& cl = shaped.clusters;
  const size_t n = cl.size();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(&tt.ut, shaped.text.data() + sb, static_cast<int64_t>(se - sb), &status);
  icu::BreakIterator* it = thread_iterator();
  it->setText(ut, status);
  if (U_FAILURE(status)) throw Error(ErrorKind::Render, std::string("ICU line breaking failed: ") + u_errorName(status));
  // Boundaries and cluster starts both ascend: walk them together.
  for (int32_t r = it->next(); r != icu::BreakIterator::DONE; r = it->next()) {
    const uint32_t b = sb + static_cast<uint32_t>(r);
    if (r <= 0 || b >= se || b >= shaped.text.size()) continue;
    while (ci < n && cl[ci].begin < b) ++ci;
    if (ci == 0 || ci >= n || cl[ci].begin != b) continue;
    const int32_t rs = it->getRuleStatus();
    const bool hard = rs >= UBRK_LINE_HARD && rs < UBRK_LINE_HARD_LIMIT;
    breaks[ci] = hard ? BreakKind::Mandatory : BreakKind::Allowed;
  }
}

std::vector<BreakKind> breaks_impl(const ShapedText& shaped, const BreakRules& rules, bool fast) {
  const auto& cl = shaped.clusters;
  const size_t n = cl.size();
  std::vector<BreakKind> breaks(n + 1, BreakKind::None);
  breaks[n] = BreakKind::Mandatory;
  if (n == 0) return breaks;

  size_t ci = 0;
  uint32_t seg = 0;  // start of the piece ICU has not seen yet
  if (fast) {
    // Cut at Han stretches of at least kMinCuts ID|ID gaps (fewer do not pay for a setText).
    constexpr size_t kMinCuts = 3;
    for (size_t i = 1; i < n;) {
      if (!(plain_ideograph(cl[i - 1]) && plain_ideograph(cl[i]))) {
        ++i;
        continue;
      }
      size_t j = i;  // gaps i..j-1 are ID|ID
      while (j < n && plain_ideograph(cl[j])) ++j;
      if (j - i >= kMinCuts) {
        icu_breaks(shaped, seg, cl[i].begin, ci, breaks);
        for (size_t k = i; k < j; ++k) breaks[k] = BreakKind::Allowed;
        seg = cl[j - 1].begin;
      }
      i = j;
    }
  }
  icu_breaks(shaped, seg, static_cast<uint32_t>(shaped.text.size()), ci, breaks);

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
  // Multi-character units after a number stay whole ("万|元" never), and so does the unit
  // after the slash of a compound unit ("元/平|方米" never: the slash glues 元/平, not 方米).
  if (rules.glue_number_unit && !rules.units.empty()) {
    const std::string_view t = shaped.text;
    for (size_t i = 1; i < n; ++i) {
      const char32_t prev = cl[i - 1].last_cp;
      if (!is_digit(prev) && prev != U'/' && prev != U'\uFF0F') continue;
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
}  // namespace

std::vector<BreakKind> find_breaks(const ShapedText& shaped, const BreakRules& rules) {
  return breaks_impl(shaped, rules, true);
}

namespace detail {
std::vector<BreakKind> find_breaks_reference(const ShapedText& shaped, const BreakRules& rules) {
  return breaks_impl(shaped, rules, false);
}
}  // namespace detail

}  // namespace gongwen
