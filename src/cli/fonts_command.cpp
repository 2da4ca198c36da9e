// gongwen fonts: the font report (Renderer::fonts, font_report) as text.
#include <iostream>

#include "cli/commands.hpp"

namespace gongwen::cli {

namespace {
void print_families(const FontReport& r) {
  std::cout << "families:\n";
  for (const auto& f : r.families) {
    std::cout << "  " << f.family << " (xlsx: " << f.xlsx_name << ")\n";
    for (bool bold : {false, true}) {
      std::cout << "    " << (bold ? "bold:   " : "regular:") << "\n";
      for (const FontFace& face : bold ? f.bold : f.regular)
        std::cout << "      " << face.postscript_name << "  " << face.file.string() << " #" << face.index << "\n";
      for (const auto& m : bold ? f.missing_bold : f.missing_regular) std::cout << "      (missing) " << m << "\n";
    }
  }
}

void print_coverage(const DataCoverage& c) {
  std::cout << "coverage of " << c.data << " (" << c.distinct << " distinct characters):\n";
  for (const auto& f : c.families) {
    std::cout << "  " << f.family << ":";
    for (const auto& [name, n] : f.per_face) std::cout << " " << name << " " << n;
    std::cout << (f.missing.empty() ? "  (all covered)" : "") << "\n";
    for (const auto& [name, text] : f.fallback) std::cout << "    falls back to " << name << ": " << text << "\n";
    for (const auto& u : f.missing)
      std::cout << "    not covered: '" << u.text << "' " << u.name << ", first in " << u.first_use << "\n";
  }
}
}  // namespace

int fonts(const Options& o) {
  DataFormatOptions dopt;  // as render reads the files: their encoding and sheet
  dopt.encoding = o.encoding;
  dopt.sheet = o.sheet;
  const bool has_layout = !o.inputs.empty() && o.inputs[0].ends_with(".toml");
  std::vector<std::filesystem::path> data(o.inputs.begin() + (has_layout ? 1 : 0), o.inputs.end());
  const FontReport r = has_layout ? Renderer(o.inputs[0], renderer_options(o)).fonts(data, dopt)
                                  : font_report(renderer_options(o), data, dopt);
  if (has_layout) {
    std::cout << "styles of " << r.layout << ":\n";
    for (const auto& s : r.styles)
      std::cout << "  " << s.style << ": " << s.family << (s.bold ? " bold" : "") << " " << s.size << "pt\n";
  }
  print_families(r);
  for (const auto& c : r.coverage) print_coverage(c);
  return r.all_covered() ? 0 : 1;
}

}  // namespace gongwen::cli
