// The font report (Renderer::fonts, font_report): which file and face every family resolves to
// (the whole fallback chain), the styles of a layout, and — given data — which face sets how many
// of its characters and which characters no face covers (with the first record and field using
// each).
#include <map>
#include <set>

#include "api/renderer_impl.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/record.hpp"

namespace gongwen {

FontBook load_font_book(const RendererOptions& options);

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

FamilyFonts family_fonts(const FontBook& book, const std::string& family) {
  FamilyFonts f;
  f.family = family;
  f.xlsx_name = book.xlsx_name(family);
  for (Weight w : {Weight::Regular, Weight::Bold}) {
    const FontChain& chain = book.chain(family, w);
    auto& faces = w == Weight::Bold ? f.bold : f.regular;
    for (const Face* face : chain.faces) faces.push_back(FontFace{face->postscript_name(), face->path(), face->index()});
    (w == Weight::Bold ? f.missing_bold : f.missing_regular) = chain.missing;
  }
  return f;
}

FamilyCoverage family_coverage(const FontBook& book, const std::string& family, const std::map<char32_t, Use>& chars) {
  FamilyCoverage out;
  out.family = family;
  const FontChain& chain = book.chain(family);
  std::map<std::string, size_t> per_face;
  std::map<std::string, std::string> fallback;  // face → the characters it sets for the family's first
  for (const auto& [cp, use] : chars) {
    if (cp == ' ' || cp == 0x3000) continue;
    const Face* face = chain.face_for(cp);
    if (face) ++per_face[face->postscript_name()];
    if (face && face != chain.faces.front()) utf8::append(fallback[face->postscript_name()], cp);
    if (face) continue;
    UncoveredChar u;
    u.codepoint = cp;
    utf8::append(u.text, cp);
    u.name = utf8::codepoint_name(cp);
    u.first_use = use.where;
    out.missing.push_back(std::move(u));
  }
  out.per_face.assign(per_face.begin(), per_face.end());
  out.fallback.assign(fallback.begin(), fallback.end());
  return out;
}

FontReport build_report(const FontBook& book, const Layout* layout, const std::string& layout_name,
                        const std::vector<std::filesystem::path>& data, const DataFormatOptions& data_options) {
  FontReport report;
  std::vector<std::string> families = book.families();
  if (layout) {
    report.layout = layout_name;
    std::set<std::string> used;
    for (const auto& [name, style] : layout->styles) {
      report.styles.push_back(StyleFont{name, style->family, style->weight == Weight::Bold, style->paragraph.size});
      used.insert(style->family);
    }
    families.assign(used.begin(), used.end());
  }
  for (const auto& f : families) report.families.push_back(family_fonts(book, f));
  for (const auto& path : data) {
    std::map<char32_t, Use> chars;
    DataOptions dopt;  // as render reads the file: its encoding and sheet
    dopt.encoding = data_options.encoding;
    dopt.sheet = data_options.sheet;
    const std::string name = path.string();
    auto source = open_records(path, dopt);
    collect(source->document(), name + ": document: ", chars);
    while (auto r = source->next()) collect(r->fields, name + ": record " + std::to_string(r->index) + ": ", chars);
    DataCoverage cov;
    cov.data = name;
    cov.distinct = chars.size();
    for (const auto& f : families) cov.families.push_back(family_coverage(book, f, chars));
    report.coverage.push_back(std::move(cov));
  }
  return report;
}

}  // namespace

FontReport font_report(const RendererOptions& options, const std::vector<std::filesystem::path>& data,
                       const DataFormatOptions& data_options) {
  const FontBook book = load_font_book(options);
  return build_report(book, nullptr, "", data, data_options);
}

FontReport Renderer::fonts(const std::vector<std::filesystem::path>& data, const DataFormatOptions& data_options) const {
  return build_report(impl_->fonts, impl_->layout.get(), impl_->layout_name, data, data_options);
}

}  // namespace gongwen
