// Document-level data from outside the data file: a --document file, --set assignments, the
// layout's defaults; and the source wrapper that merges them with the data's own document.
#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "data/cells.hpp"
#include "data/record.hpp"
#include "data/sources.hpp"
#include "layout/limits.hpp"
#include "core/toml_guard.hpp"

namespace gongwen {

using nlohmann::json;

void merge_document(json& base, const json& over) {
  if (!base.is_object() || !over.is_object()) {
    base = over;
    return;
  }
  for (auto it = over.begin(); it != over.end(); ++it) {
    auto found = base.find(it.key());
    if (found != base.end() && found->is_object() && it->is_object()) merge_document(*found, *it);
    else base[it.key()] = *it;
  }
}

void set_document_field(json& doc, std::string_view assignment) {
  const std::string shown(assignment);
  const size_t eq = assignment.find('=');
  constexpr std::string_view kPrefix = "document.";
  if (eq == std::string_view::npos || !assignment.starts_with(kPrefix) || eq == kPrefix.size())
    throw Error(ErrorKind::Usage, "--set needs document.FIELD=VALUE, got '" + shown + "'");
  std::string_view path = assignment.substr(kPrefix.size(), eq - kPrefix.size());
  const std::string_view text = assignment.substr(eq + 1);
  json value = std::string(text);
  if (text.starts_with('[') && text.ends_with(']')) {
    // JSON array syntax when it parses (["a", "b"], [1, 2]); otherwise plain items between commas.
    json parsed = json::parse(text, nullptr, false);
    value = parsed.is_array() ? parsed : data_detail::split_items(text.substr(1, text.size() - 2), ",");
  }
  json* at = &doc;
  for (;;) {
    const size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (key.empty()) throw Error(ErrorKind::Usage, "--set: empty field name in '" + shown + "'");
    if (!at->is_object()) *at = json::object();
    if (dot == std::string_view::npos) {
      (*at)[key] = std::move(value);
      break;
    }
    at = &(*at)[key];
    path.remove_prefix(dot + 1);
  }
  validate_data(doc, "--set " + shown);
}

json load_document_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".json" && ext != ".toml") data_detail::fail(name + ": a document file is .json or .toml");
  std::ifstream in(path, std::ios::binary);
  if (!in) data_detail::fail(name + ": cannot open document file");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  json doc;
  if (ext == ".json") {
    try {
      doc = json::parse(text);
    } catch (const json::exception& e) {
      data_detail::fail(name + ": JSON syntax error: " + e.what());
    }
  } else {
    try {
      check_toml_nesting(text, name, limits::kMaxLayoutNesting);  // toml++ recurses per level
      toml::table t = toml::parse(text, name);
      std::ostringstream js;
      js << toml::json_formatter(t);
      doc = json::parse(js.str());
    } catch (const toml::parse_error& e) {
      data_detail::fail(at(name, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), std::string(e.description())));
    }
  }
  // {"document": {...}} (the JSON Lines first-line form) or the document object itself.
  if (doc.is_object() && doc.size() == 1 && doc.contains("document") && doc["document"].is_object()) doc = std::move(doc["document"]);
  if (!doc.is_object()) data_detail::fail(name + ": expected an object of document fields, got " + doc.type_name());
  validate_data(doc, name + ": document");
  return doc;
}

namespace data_detail {

namespace {

/// The text at dotted `path` in `doc` made a list, one item per line.
void split_lines_at(json& doc, std::string_view path) {
  json* at = &doc;
  for (;;) {
    const size_t dot = path.find('.');
    if (!at->is_object()) return;
    auto it = at->find(std::string(path.substr(0, dot)));
    if (it == at->end()) return;
    at = &*it;
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  if (at->is_string()) *at = split_items(at->get_ref<const std::string&>(), "\n");
}

class DocumentOverlay : public RecordSource {
 public:
  DocumentOverlay(std::unique_ptr<RecordSource> inner, const DataOptions& o) : inner_(std::move(inner)) {
    document_ = o.document_defaults.is_object() ? o.document_defaults : json::object();
    merge_document(document_, inner_->document());
    if (o.document_overrides.is_object()) merge_document(document_, o.document_overrides);
    for (const auto& f : o.line_list_fields)
      if (f.starts_with("document.")) split_lines_at(document_, std::string_view(f).substr(9));
  }
  std::optional<Record> next() override { return inner_->next(); }
  const json& document() const override { return document_; }
  std::optional<size_t> size_hint() const override { return inner_->size_hint(); }

 private:
  std::unique_ptr<RecordSource> inner_;
  json document_;
};

}  // namespace

std::unique_ptr<RecordSource> with_document(std::unique_ptr<RecordSource> source, const DataOptions& o) {
  const bool none = (!o.document_defaults.is_object() || o.document_defaults.empty()) &&
                    (!o.document_overrides.is_object() || o.document_overrides.empty()) &&
                    std::none_of(o.line_list_fields.begin(), o.line_list_fields.end(),
                                 [](const std::string& f) { return f.starts_with("document."); });
  if (none) return source;
  return std::make_unique<DocumentOverlay>(std::move(source), o);
}

}  // namespace data_detail

}  // namespace gongwen
