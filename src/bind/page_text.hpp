#pragma once
// Headers and footers: bound with the document (their {{document.x}} filled in) and, once pages
// exist, with the page number and count ({{page}}, {{pages}}) — here, at pagination's request,
// so that flow/ itself never builds template data.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "layout/layout.hpp"

namespace gongwen {

/// `f`'s text with the document's fields filled in; nullopt without text. Throws Error(Data)
/// naming the document field ("data.json: document: document.unit: footer.text: missing field").
std::optional<Template> bind_furniture(const Furniture& f, const char* which, const nlohmann::json& document,
                                       const std::string& data_name);

/// The bound furniture text `t` on page `page` (1-based) of `pages` (0: not known yet). Throws
/// Error(Layout) naming the layout and `which` ("header", "footer") for a filter the page
/// numbers cannot take.
std::string page_text(const Layout& layout, const Template& t, const char* which, size_t page, size_t pages);

}  // namespace gongwen
