#pragma once
// Word boxes from pdftotext -bbox-layout (page, text, box in pt from the page's top left).
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "pdf_checks.hpp"

namespace gongwen::test {

struct Word {
  int page;
  std::string text;
  double x0, y0, x1, y1;
  double ymid() const { return (y0 + y1) / 2; }
};

inline std::vector<Word> pdf_words(const std::filesystem::path& pdf) {
  const std::string xml = gongwen::test::run("pdftotext -bbox-layout '" + pdf.string() + "' - 2>/dev/null");
  static const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::vector<Word> out;
  int page = 0;
  size_t pos = 0;
  while (true) {
    const size_t p_page = xml.find("<page ", pos), p_word = xml.find("<word ", pos);
    if (p_word == std::string::npos) break;
    if (p_page != std::string::npos && p_page < p_word) { ++page; pos = p_page + 6; continue; }
    const size_t end = xml.find("</word>", p_word) + 7;
    std::smatch m;
    const std::string body = xml.substr(p_word, end - p_word);
    if (std::regex_search(body, m, word))
      out.push_back({page, m[5], std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])});
    pos = end;
  }
  return out;
}

}  // namespace gongwen::test
