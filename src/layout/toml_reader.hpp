#pragma once
// Typed, located access to a TOML table: every value read through it reports problems as
// "file:line:col: key.path: message", and keys nobody asked for are reported as unknown.
#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gongwen {

class TomlReader {
 public:
  TomlReader(const std::filesystem::path& file, const toml::table& table, std::string path)
      : file_(file), table_(table), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

  /// An error located at `node` (or at this table when null).
  [[noreturn]] void fail(const toml::node* node, const std::string& message) const;
  [[noreturn]] void fail_key(std::string_view key, const std::string& message) const {
    fail(table_.get(key), key_path(key) + ": " + message);
  }

  const toml::node* node(std::string_view key) {
    seen_.insert(std::string(key));
    return table_.get(key);
  }
  bool has(std::string_view key) const { return table_.contains(key); }

  std::optional<std::string> string(std::string_view key);
  std::optional<double> number(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<int64_t> integer(std::string_view key);
  /// A sub-table; fails when the key holds something else.
  std::optional<TomlReader> table(std::string_view key);
  /// An array of tables ([[key]]); empty when absent.
  std::vector<TomlReader> tables(std::string_view key);

  /// Fails on the first key that was never read, listing the keys this table accepts.
  void finish(std::initializer_list<std::string_view> allowed) const;

  const toml::table& raw() const { return table_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  const std::filesystem::path& file_;
  const toml::table& table_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace gongwen
