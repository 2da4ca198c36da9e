// Balanced title lines (GB/T 9704 §7.3.1): a title too long for one line is split into lines of
// similar length, arranged as a trapezoid or diamond, never an hourglass, and broken between
// words (ICU's dictionary word boundaries for Chinese) where it can.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include "core/error.hpp"
#include "flow/official.hpp"
#include "text/line_measure.hpp"

namespace gongwen {

namespace {
/// Byte offsets of word boundaries in `text` (ICU word iterator, Chinese dictionary).
std::set<uint32_t> word_boundaries(std::string_view text) {
  std::set<uint32_t> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) return out;  // no dictionary: every break counts as a word boundary below
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  it->setText(u);
  // UTF-16 index → byte offset.
  std::vector<uint32_t> byte_at(static_cast<size_t>(u.length()) + 1, static_cast<uint32_t>(text.size()));
  uint32_t bytes = 0;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 cp = u.char32At(i);
    byte_at[static_cast<size_t>(i)] = bytes;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += U16_LENGTH(cp);
  }
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) out.insert(byte_at[static_cast<size_t>(b)]);
  return out;
}

bool ends_with(std::string_view s, std::string_view tail) { return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail; }
}  // namespace

std::vector<std::string> balance_lines(std::string_view text, const ParagraphStyle& style, double measure) {
  const ParagraphLayout p = layout_paragraph(text, style, measure);
  const size_t k = p.lines.size();
  if (k <= 1 || k > 4) return {std::string(text)};
  const ShapedText& t = p.shaped;
  const auto n = static_cast<uint32_t>(t.clusters.size());
  const std::vector<BreakKind> breaks = find_breaks(t, style.breaks);
  std::vector<uint32_t> cand;
  for (uint32_t b = 1; b < n; ++b)
    if (breaks[b] == BreakKind::Allowed) cand.push_back(b);
  const std::set<uint32_t> words = word_boundaries(t.text);
  const double em = t.size;

  // Cost of a set of breaks, in em²: spread of the line widths, plus penalties for a break
  // inside a word and for an hourglass; a bonus for the classic seams around "关于".
  auto cost = [&](const std::vector<uint32_t>& at) {
    std::vector<double> w;
    uint32_t s = 0;
    for (size_t i = 0; i <= at.size(); ++i) {
      const uint32_t e = i < at.size() ? at[i] : n;
      const LineMeasure m = measure_line(t, style, s, e, s > 0, false);
      if (m.min_width() > measure - (s == 0 ? style.first_indent : style.hanging_indent) + 1e-6)
        return std::numeric_limits<double>::infinity();
      w.push_back(m.natural / em);
      s = e;
    }
    double mean = 0;
    for (double x : w) mean += x;
    mean /= static_cast<double>(w.size());
    double c = 0;
    for (double x : w) c += (x - mean) * (x - mean);
    for (uint32_t b : at) {
      const uint32_t byte = t.clusters[b].begin;
      if (!words.empty() && !words.count(byte)) c += 8;  // like lines 4 characters apart
      const std::string_view before = std::string_view(t.text).substr(0, byte);
      if (ends_with(before, "关于") || std::string_view(t.text).substr(byte).starts_with("关于")) c -= 3;
    }
    for (size_t i = 1; i + 1 < w.size(); ++i)
      if (w[i] + 1 < w[i - 1] && w[i] + 1 < w[i + 1]) c += 50;  // 沙漏
    return c;
  };

  std::vector<uint32_t> best, cur;
  double best_cost = std::numeric_limits<double>::infinity();
  // Titles are short (a few dozen characters, k ≤ 4 lines): trying every combination is cheap.
  auto search = [&](auto&& self, size_t from, size_t left) -> void {
    if (left == 0) {
      const double c = cost(cur);
      if (c < best_cost) { best_cost = c; best = cur; }
      return;
    }
    for (size_t i = from; i + left <= cand.size(); ++i) {
      cur.push_back(cand[i]);
      self(self, i + 1, left - 1);
      cur.pop_back();
    }
  };
  search(search, 0, k - 1);
  if (best.empty()) return {std::string(text)};
  std::vector<std::string> lines;
  uint32_t s = 0;
  for (size_t i = 0; i <= best.size(); ++i) {
    const uint32_t e = i < best.size() ? best[i] : n;
    const uint32_t b = t.clusters[s].begin, end = e < n ? t.clusters[e].begin : static_cast<uint32_t>(t.text.size());
    lines.push_back(t.text.substr(b, end - b));
    s = e;
  }
  return lines;
}

}  // namespace gongwen
