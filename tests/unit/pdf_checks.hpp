#pragma once
// The project's own equivalent of check-pdf: judges a PDF from outside with poppler-utils and
// qpdf (independent of gongwen's writer), so the suite runs without ../shared.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen::test {

inline std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

/// Runs Debian's python3 on `script` (written beside `file`) with `file` as its argument and
/// parses the JSON it prints: readers independent of gongwen (openpyxl for workbooks).
inline nlohmann::json python_json(const char* script, const std::filesystem::path& file) {
  const std::filesystem::path path = file.parent_path() / "reader.py";
  std::ofstream(path) << script;
  return nlohmann::json::parse(run("/usr/bin/python3 '" + path.string() + "' '" + file.string() + "'"));
}

/// How often `needle` occurs in `hay`, not overlapping.
inline size_t occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

inline std::string squash(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out += c;
  return out;
}

struct PdfLine {
  int page = 0;
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// Lines with their boxes, from pdftotext -bbox-layout.
inline std::vector<PdfLine> pdf_lines(const std::string& pdf) {
  std::string xml = run("pdftotext -bbox-layout '" + pdf + "' - 2>/dev/null");
  std::vector<PdfLine> lines;
  int page = 0;
  static const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  size_t pos = 0;
  while (true) {
    size_t p_page = xml.find("<page ", pos), p_line = xml.find("<line ", pos);
    if (p_line == std::string::npos) break;
    if (p_page != std::string::npos && p_page < p_line) { ++page; pos = p_page + 6; continue; }
    size_t end = xml.find("</line>", p_line);
    std::string body = xml.substr(p_line, end - p_line);
    PdfLine l;
    l.page = page;
    bool first = true;
    for (std::sregex_iterator it(body.begin(), body.end(), word), e; it != e; ++it) {
      double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]), y1 = std::stod((*it)[4]);
      l.text += (first ? "" : " ") + (*it)[5].str();
      l.x0 = first ? x0 : std::min(l.x0, x0);
      l.y0 = first ? y0 : std::min(l.y0, y0);
      l.x1 = first ? x1 : std::max(l.x1, x1);
      l.y1 = first ? y1 : std::max(l.y1, y1);
      first = false;
    }
    if (!first) lines.push_back(l);
    pos = end;
  }
  return lines;
}

/// Every font embedded, subset, with ToUnicode (pdffonts).
inline std::vector<std::string> font_problems(const std::string& pdf) {
  std::vector<std::string> bad;
  std::string out = run("pdffonts '" + pdf + "' 2>&1");
  size_t pos = out.find('\n', out.find("---"));
  int fonts = 0;
  while (pos != std::string::npos && pos + 1 < out.size()) {
    size_t end = out.find('\n', pos + 1);
    std::string line = out.substr(pos + 1, end - pos - 1);
    pos = end;
    if (line.empty()) continue;
    ++fonts;
    std::vector<std::string> cols;
    std::string col;
    for (char c : line) {
      if (c == ' ') { if (!col.empty()) cols.push_back(col); col.clear(); } else col += c;
    }
    if (!col.empty()) cols.push_back(col);
    if (cols.size() < 7 || cols[cols.size() - 5] != "yes" || cols[cols.size() - 4] != "yes" || cols[cols.size() - 3] != "yes")
      bad.push_back(line);
  }
  if (fonts == 0) bad.push_back("no fonts");
  return bad;
}

inline bool starts_with_any(const std::string& s, const std::vector<std::string>& marks) {
  for (const auto& m : marks) if (s.rfind(m, 0) == 0) return true;
  return false;
}
inline bool ends_with_any(const std::string& s, const std::vector<std::string>& marks) {
  for (const auto& m : marks) if (s.size() >= m.size() && s.compare(s.size() - m.size(), m.size(), m) == 0) return true;
  return false;
}

/// Lines that break a kinsoku rule (start with closing / end with opening punctuation).
inline std::vector<std::string> kinsoku_violations(const std::vector<PdfLine>& lines) {
  static const std::vector<std::string> no_start = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "’", "”", "％", "…", ",", ".", ";", ":", "?", "!", ")", "%"};
  static const std::vector<std::string> no_end = {"（", "《", "「", "『", "【", "〔", "‘", "“", "(", "["};
  std::vector<std::string> bad;
  for (const auto& l : lines)
    if (starts_with_any(l.text, no_start) || ends_with_any(l.text, no_end)) bad.push_back(l.text);
  return bad;
}

}  // namespace gongwen::test
