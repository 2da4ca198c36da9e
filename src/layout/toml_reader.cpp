#include "layout/toml_reader.hpp"

#include <cmath>

namespace gongwen {

void TomlReader::fail(const toml::node* node, const std::string& message) const {
  const toml::source_region& src = node ? node->source() : table_.source();
  throw Error(ErrorKind::Layout, at(file_.string(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column), message));
}

std::optional<std::string> TomlReader::string(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) return *s;
  fail(n, key_path(key) + ": expected a string");
}

std::optional<double> TomlReader::number(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_number()) fail(n, key_path(key) + ": expected a number");
  const double v = *n->value<double>();
  if (!std::isfinite(v)) fail(n, key_path(key) + ": not a finite number");
  return v;
}

std::optional<bool> TomlReader::boolean(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (auto b = n->value<bool>()) return *b;
  fail(n, key_path(key) + ": expected true or false");
}

std::optional<int64_t> TomlReader::integer(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (n->is_integer()) return n->value<int64_t>();
  fail(n, key_path(key) + ": expected an integer");
}

std::optional<TomlReader> TomlReader::table(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (const toml::table* t = n->as_table()) return TomlReader(file_, *t, key_path(key));
  fail(n, key_path(key) + ": expected a table");
}

std::vector<TomlReader> TomlReader::tables(std::string_view key) {
  std::vector<TomlReader> out;
  const toml::node* n = node(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) fail(n, key_path(key) + ": expected an array of tables ([[" + key_path(key) + "]])");
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (!t) fail(&(*arr)[i], key_path(key) + "[" + std::to_string(i) + "]: expected a table");
    out.emplace_back(file_, *t, key_path(key) + "[" + std::to_string(i) + "]");
  }
  return out;
}

void TomlReader::finish(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [k, v] : table_) {
    if (seen_.count(k.str())) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    const auto& src = k.source().begin ? k.source() : v.source();  // point at the key itself
    throw Error(ErrorKind::Layout, at(file_.string(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                                      "unknown key '" + key_path(k.str()) + "'" + (list.empty() ? "" : " (expected one of: " + list + ")")));
  }
}

}  // namespace gongwen
