#include "bind/page_text.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace gongwen {

namespace {
bool page_field(const std::string& path) {
  return path == "page" || path == "pages" || path.starts_with("page.") || path.starts_with("pages.");
}
}  // namespace

std::optional<Template> bind_furniture(const Furniture& f, const char* which, const nlohmann::json& document,
                                       const std::string& data_name) {
  if (!f.text) return std::nullopt;
  static const nlohmann::json empty = nlohmann::json::object();
  try {
    return f.text->resolved(TemplateContext{&empty, &document, 0}, page_field);
  } catch (const BindError& e) {
    // The layout admits only page, pages and document fields: a problem is the document data's.
    throw Error(ErrorKind::Data, record_error(data_name, 0, e.field, std::string(which) + ".text: " + e.what()));
  }
}

std::string page_text(const Layout& layout, const Template& t, const char* which, size_t page, size_t pages) {
  const nlohmann::json record = {{"page", page}, {"pages", pages}};
  const nlohmann::json document = nlohmann::json::object();
  std::string text;
  try {
    for (const auto& p : t.render(TemplateContext{&record, &document, page})) text += p;
  } catch (const BindError& e) {
    throw Error(ErrorKind::Layout, layout.source.string() + ": " + which + ".text: " + e.what());
  }
  return text;
}

}  // namespace gongwen
