// JSON and JSON Lines record sources. Invalid UTF-8 is found before nlohmann's parser sees it,
// so the message names the record and field rather than a byte offset in the file.
#include <fstream>
#include <functional>
#include <sstream>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/record.hpp"

namespace gongwen {

namespace fs = std::filesystem;
using nlohmann::json;

void validate_utf8(const json& v, const std::string& where, const std::string& path) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t bad = utf8::first_invalid(s);
    if (bad != std::string::npos)
      throw Error(ErrorKind::Data, where + ": " + (path.empty() ? "" : path + ": ") + "invalid UTF-8 at byte " + std::to_string(bad));
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) validate_utf8(v[i], where, path + "[" + std::to_string(i) + "]");
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) validate_utf8(it.value(), where, path.empty() ? it.key() : path + "." + it.key());
  }
}

namespace {

std::pair<size_t, size_t> line_col(std::string_view text, size_t byte) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; }
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return {line, col};
}

/// Parses `text`; parse errors become "<name>:line:col: JSON syntax error: ...".
json parse_json(const std::string& text, const std::string& name, size_t line_offset = 0) {
  // nlohmann rejects invalid UTF-8 with a bare byte offset; find it ourselves for a clear message.
  // The raw bytes are replaced by U+FFFD, then the record-level check below reports the field.
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = line_col(text, byte);
    std::string what = e.what();
    std::string msg;
    if (byte + 1 >= text.size() && (what.find("end of input") != std::string::npos || what.find("unexpected end") != std::string::npos))
      msg = "JSON syntax error: unexpected end of input (truncated file?)";
    else {
      size_t p = what.find("syntax error");
      msg = "JSON " + (p == std::string::npos ? what : what.substr(p));
    }
    throw Error(ErrorKind::Data, name + ":" + std::to_string(line + line_offset) + ":" + std::to_string(col) + ": " + msg);
  }
}

/// Invalid UTF-8 inside the file: report the record (array position) and the field when we can.
void check_raw_utf8(const std::string& text, const std::string& name) {
  size_t bad = utf8::first_invalid(text);
  if (bad == std::string::npos) return;
  // Replace every invalid sequence with U+FFFD and parse: the positions of records and the key
  // path of the bad string are then known.
  std::string fixed;
  std::vector<size_t> bad_at;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = utf8::next(text, pos);
    if (cp == 0xFFFD && !(pos - start == 3 && text.compare(start, 3, "\xEF\xBF\xBD") == 0)) {
      bad_at.push_back(fixed.size());
      fixed += "\xEF\xBF\xBD";
    } else {
      fixed.append(text, start, pos - start);
    }
  }
  auto [line, col] = line_col(text, bad);
  std::string where = name + ":" + std::to_string(line) + ":" + std::to_string(col);
  json doc;
  try { doc = json::parse(fixed); } catch (...) { throw Error(ErrorKind::Data, where + ": invalid UTF-8"); }
  const json* records = doc.is_array() ? &doc : (doc.is_object() && doc.contains("records") ? &doc["records"] : nullptr);
  const std::string bad_marker = "\xEF\xBF\xBD";
  std::function<std::string(const json&, const std::string&)> find = [&](const json& v, const std::string& path) -> std::string {
    if (v.is_string()) return v.get<std::string>().find(bad_marker) != std::string::npos ? path : "";
    if (v.is_array())
      for (size_t i = 0; i < v.size(); ++i) if (auto p = find(v[i], path + "[" + std::to_string(i) + "]"); !p.empty()) return p;
    if (v.is_object())
      for (auto it = v.begin(); it != v.end(); ++it)
        if (auto p = find(it.value(), path.empty() ? it.key() : path + "." + it.key()); !p.empty()) return p;
    return "";
  };
  if (records && records->is_array())
    for (size_t i = 0; i < records->size(); ++i)
      if (auto p = find((*records)[i], ""); !p.empty())
        throw Error(ErrorKind::Data, name + ": record " + std::to_string(i + 1) + ": " + p + ": invalid UTF-8 (line " + std::to_string(line) + ")");
  throw Error(ErrorKind::Data, where + ": invalid UTF-8");
}

class JsonSource : public RecordSource {
 public:
  JsonSource(const fs::path& path, std::string text) : name_(path.string()) {
    check_raw_utf8(text, name_);
    json doc = parse_json(text, name_);
    if (doc.is_array()) {
      records_ = std::move(doc);
    } else if (doc.is_object() && doc.contains("records")) {
      if (doc.contains("document")) {
        document_ = std::move(doc["document"]);
        if (!document_.is_object()) throw Error(ErrorKind::Data, name_ + ": document: expected an object, got " + std::string(document_.type_name()));
      }
      records_ = std::move(doc["records"]);
      if (!records_.is_array()) throw Error(ErrorKind::Data, name_ + ": records: expected an array, got " + std::string(records_.type_name()));
      for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "records" && it.key() != "document")
          throw Error(ErrorKind::Data, name_ + ": unknown top-level key '" + it.key() + "' (expected records, document)");
    } else {
      throw Error(ErrorKind::Data, name_ + ": expected an array of records or {\"document\": {...}, \"records\": [...]}");
    }
  }

  std::optional<Record> next() override {
    if (pos_ >= records_.size()) return std::nullopt;
    Record r;
    r.index = pos_ + 1;
    r.fields = std::move(records_[pos_++]);
    if (!r.fields.is_object())
      throw Error(ErrorKind::Data, name_ + ": record " + std::to_string(r.index) + ": not an object (got " + r.fields.type_name() + ")");
    return r;
  }
  const json& document() const override { return document_; }
  std::optional<size_t> size_hint() const override { return records_.size(); }

 private:
  std::string name_;
  json records_, document_ = json::object();
  size_t pos_ = 0;
};

class JsonLinesSource : public RecordSource {
 public:
  explicit JsonLinesSource(const fs::path& path) : name_(path.string()), in_(path, std::ios::binary) {}

  std::optional<Record> next() override {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      const size_t index = count_ + 1;
      size_t bad = utf8::first_invalid(line);
      if (bad != std::string::npos)
        throw Error(ErrorKind::Data, name_ + ": record " + std::to_string(index) + ": invalid UTF-8 (line " + std::to_string(line_no_) + ", byte " + std::to_string(bad + 1) + ")");
      json v = parse_json(line, name_, line_no_ - 1);
      if (count_ == 0 && first_ && v.is_object() && v.size() == 1 && v.contains("document")) {
        document_ = std::move(v["document"]);
        first_ = false;
        continue;
      }
      first_ = false;
      ++count_;
      if (!v.is_object())
        throw Error(ErrorKind::Data, name_ + ": record " + std::to_string(index) + ": not an object (got " + v.type_name() + ")");
      return Record{index, std::move(v)};
    }
    return std::nullopt;
  }
  const json& document() const override { return document_; }

 private:
  std::string name_;
  std::ifstream in_;
  size_t line_no_ = 0, count_ = 0;
  bool first_ = true;
  json document_ = json::object();
};

}  // namespace

std::unique_ptr<RecordSource> make_csv_source(const fs::path& path, const DataOptions& options);

std::unique_ptr<RecordSource> open_records(const fs::path& path, const DataOptions& options) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw Error(ErrorKind::Data, path.string() + ": cannot open data file: " + (fs::exists(path) ? "permission denied" : "no such file"));
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json") {
    std::stringstream ss;
    ss << probe.rdbuf();
    return std::make_unique<JsonSource>(path, ss.str());
  }
  if (ext == ".jsonl" || ext == ".ndjson") return std::make_unique<JsonLinesSource>(path);
  if (ext == ".csv") return make_csv_source(path, options);
  throw Error(ErrorKind::Data, path.string() + ": unknown data format '" + ext + "' (expected .json, .jsonl, .ndjson or .csv)");
}

}  // namespace gongwen
