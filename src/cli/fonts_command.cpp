// gongwen fonts: which file and face every family resolves to (the whole fallback chain), the
// styles of a layout, and — given data — which face sets how many of its characters and which
// characters no face covers (with the first record and field using each).
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/record.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"

namespace gongwen::cli {

namespace {
struct Use {
  std::string where;  ///< first "data: record N: field"
  size_t count = 0;
};

void collect(const nlohmann::json& v, const std::string& where, std::map<char32_t, Use>& chars) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t pos = 0;
    while (pos < s.size()) {
      char32_t cp = utf8::next(s, pos);
      if (cp < 0x20) continue;
      Use& u = chars[cp];
      if (u.count++ == 0) u.where = where;
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) collect(v[i], where + "[" + std::to_string(i) + "]", chars);
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) collect(it.value(), where + (where.ends_with(": ") ? "" : ".") + it.key(), chars);
  }
}
}  // namespace

int fonts(const Options& o) {
  FontBook book = FontBook::load(FontBook::default_map_path());
  for (const auto& m : o.font_maps) book.add_map(m);
  for (const auto& d : o.font_dirs) book.add_font_dir(d);

  std::vector<std::string> families = book.families();
  size_t first_data = 0;
  if (!o.inputs.empty() && o.inputs[0].ends_with(".toml")) {
    auto layout = load_layout(o.inputs[0], book);
    std::cout << "styles of " << o.inputs[0] << ":\n";
    std::set<std::string> used;
    for (const auto& [name, style] : layout->styles) {
      std::cout << "  " << name << ": " << style->family << (style->weight == Weight::Bold ? " bold" : "") << " "
                << style->paragraph.size << "pt\n";
      used.insert(style->family);
    }
    families.assign(used.begin(), used.end());
    first_data = 1;
  }
  std::cout << "families:\n";
  for (const auto& f : families) {
    std::cout << "  " << f << " (xlsx: " << book.xlsx_name(f) << ")\n";
    for (Weight w : {Weight::Regular, Weight::Bold}) {
      const FontChain& chain = book.chain(f, w);
      std::cout << "    " << (w == Weight::Bold ? "bold:   " : "regular:") << "\n";
      for (const Face* face : chain.faces)
        std::cout << "      " << face->postscript_name() << "  " << face->path() << " #" << face->index() << "\n";
      for (const auto& m : chain.missing) std::cout << "      (missing) " << m << "\n";
    }
  }
  int status = 0;
  for (size_t i = first_data; i < o.inputs.size(); ++i) {
    std::map<char32_t, Use> chars;
    DataOptions dopt;  // as render reads the file: its encoding and sheet
    dopt.encoding = o.encoding;
    dopt.sheet = o.sheet;
    auto source = open_records(o.inputs[i], dopt);
    collect(source->document(), o.inputs[i] + ": document: ", chars);
    while (auto r = source->next()) collect(r->fields, o.inputs[i] + ": record " + std::to_string(r->index) + ": ", chars);
    std::cout << "coverage of " << o.inputs[i] << " (" << chars.size() << " distinct characters):\n";
    for (const auto& f : families) {
      const FontChain& chain = book.chain(f);
      std::map<std::string, size_t> per_face;
      std::map<std::string, std::string> fallback;  // face → the characters it sets for the family's first
      std::vector<char32_t> missing;
      for (const auto& [cp, use] : chars) {
        if (cp == ' ' || cp == 0x3000) continue;
        const Face* face = chain.face_for(cp);
        if (face) ++per_face[face->postscript_name()];
        else missing.push_back(cp);
        if (face && face != chain.faces.front()) utf8::append(fallback[face->postscript_name()], cp);
      }
      std::cout << "  " << f << ":";
      for (const auto& [name, n] : per_face) std::cout << " " << name << " " << n;
      std::cout << (missing.empty() ? "  (all covered)" : "") << "\n";
      for (const auto& [name, text] : fallback) std::cout << "    falls back to " << name << ": " << text << "\n";
      for (char32_t cp : missing) {
        std::string ch;
        utf8::append(ch, cp);
        std::cout << "    not covered: '" << ch << "' " << utf8::codepoint_name(cp) << ", first in " << chars[cp].where << "\n";
        status = 1;
      }
    }
  }
  return status;
}

}  // namespace gongwen::cli
