#include "bind/page_text.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace gongwen {

std::string page_text(const Layout& layout, const Furniture& f, const char* which, size_t page, size_t pages) {
  if (!f.text) return {};
  const nlohmann::json record = {{"page", page}, {"pages", pages}};
  const nlohmann::json document = nlohmann::json::object();
  std::string text;
  try {
    for (const auto& p : f.text->render(TemplateContext{&record, &document, page})) text += p;
  } catch (const BindError& e) {
    throw Error(ErrorKind::Layout, layout.source.string() + ": " + which + ".text: " + e.what());
  }
  return text;
}

}  // namespace gongwen
