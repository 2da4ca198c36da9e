#include "xlsx/cell_text.hpp"

#include <algorithm>
#include <cmath>

#include "text/paragraph.hpp"
#include "xlsx/excel_units.hpp"

namespace gongwen::xlsx {

Style excel_style(const Style& style) {
  Style s = style;
  ParagraphStyle& p = s.paragraph;
  p.line_pitch = p.size * CellMetrics::kLineHeight;
  p.first_indent = 0;       // written as U+3000 instead
  p.letter_spacing = 0;     // Excel has no tracking
  p.cjk_latin_space = false;  // nor automatic CJK–Latin spacing
  p.punctuation = PunctuationStyle::Standard;
  return s;
}

std::vector<std::string> excel_paragraphs(const std::vector<std::string>& paragraphs, const Style& style) {
  const double size = style.paragraph.size;
  const int indent = size > 0 ? static_cast<int>(std::lround(style.paragraph.first_indent / size)) : 0;
  std::vector<std::string> out;
  out.reserve(paragraphs.size());
  for (const std::string& p : paragraphs) {
    std::string s;
    if (!p.empty())
      for (int i = 0; i < indent; ++i) s += "\u3000";
    // A line feed inside data text is a line break in Excel too: measure it as one.
    size_t start = 0;
    for (size_t nl; (nl = p.find('\n', start)) != std::string::npos; start = nl + 1) {
      std::string piece = p.substr(start, nl - start);
      if (!piece.empty() && piece.back() == '\r') piece.pop_back();
      out.push_back(start == 0 ? s + piece : piece);
      s.clear();
    }
    out.push_back((start == 0 ? s : std::string()) + p.substr(start));
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& paragraphs) {
  std::string s;
  for (size_t i = 0; i < paragraphs.size(); ++i) s += (i ? "\n" : "") + paragraphs[i];
  return s;
}

namespace {
ParagraphLayout lay(const std::string& text, const Style& xstyle, double cell_pt) {
  return layout_paragraph(text, xstyle.paragraph, CellMetrics::text_width(cell_pt));
}
}  // namespace

size_t line_count(const std::vector<std::string>& paragraphs, const Style& xstyle, double cell_pt) {
  size_t lines = 0;
  for (const std::string& p : paragraphs) lines += p.empty() ? 1 : std::max<size_t>(1, lay(p, xstyle, cell_pt).lines.size());
  return std::max<size_t>(1, lines);
}

double text_height(const std::vector<std::string>& paragraphs, const Style& xstyle, double cell_pt) {
  return CellMetrics::height(line_count(paragraphs, xstyle, cell_pt), xstyle.paragraph.size);
}

std::vector<std::vector<std::string>> split_rows(const std::vector<std::string>& paragraphs, const Style& xstyle,
                                                 double cell_pt, double max_row_pt) {
  const double size = xstyle.paragraph.size;
  const size_t per_row = std::max<size_t>(
      1, static_cast<size_t>(std::floor((max_row_pt - CellMetrics::kVerticalExtra) / (size * CellMetrics::kLineHeight) + 1e-9)));
  std::vector<std::vector<std::string>> rows(1);
  size_t used = 0;  // lines in the current row
  auto new_row = [&] {
    rows.emplace_back();
    used = 0;
  };
  for (const std::string& text : paragraphs) {
    if (text.empty()) {
      if (used + 1 > per_row) new_row();
      rows.back().push_back(text);
      ++used;
      continue;
    }
    const ParagraphLayout p = lay(text, xstyle, cell_pt);
    const size_t n = std::max<size_t>(1, p.lines.size());
    if (used + n <= per_row) {  // fits in this row
      rows.back().push_back(text);
      used += n;
      continue;
    }
    if (n <= per_row) {  // fits in a row of its own: split between paragraphs
      new_row();
      rows.back().push_back(text);
      used = n;
      continue;
    }
    // Taller than a row: cut between lines, at the source text where each line begins.
    auto line_start = [&](size_t i) -> size_t {
      return i >= p.lines.size() ? p.shaped.text.size() : p.shaped.clusters[p.lines[i].begin].begin;
    };
    size_t line = 0;
    while (line < n) {
      if (used == per_row) new_row();
      const size_t take = std::min(per_row - used, n - line);
      const size_t b = line == 0 ? 0 : line_start(line), e = line + take >= n ? p.shaped.text.size() : line_start(line + take);
      rows.back().push_back(p.shaped.text.substr(b, e - b));
      used += take;
      line += take;
    }
  }
  if (rows.back().empty() && rows.size() > 1) rows.pop_back();
  return rows;
}

double natural_width(const std::string& text, const Style& xstyle) {
  double w = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) {
      // A measure far wider than any cell: one line per paragraph.
      const ParagraphLayout p = layout_paragraph(line, xstyle.paragraph, 1e6);
      for (const Line& l : p.lines) w = std::max(w, l.right - l.left);
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return w;
}

}  // namespace gongwen::xlsx
