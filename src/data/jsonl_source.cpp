// .jsonl / .ndjson record source: one JSON object per line, read line by line so memory stays
// at one line whatever the file size. Blank lines are skipped; a first line holding only
// {"document": {...}} is the document object. Errors name the physical line.
#include "data/json_locate.hpp"
#include "data/sources.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

constexpr std::string_view kAtEndOfLine = "unexpected end of line (JSON Lines needs each record on one line)";

class JsonLinesSource : public RecordSource {
 public:
  JsonLinesSource(std::ifstream in, std::string name) : name_(std::move(name)), in_(std::move(in)) {
    // The document must be known before the first next(): callers read document() first.
    if (!read_line()) return;
    pending_ = true;
    json first;
    try {
      first = json::parse(line_);
    } catch (const json::exception&) {
      const auto f = locate_json_failure(line_);
      if (f && f->bad_utf8 && !f->path.empty() && f->path[0].has_key && f->path[0].key == "document") {
        bool in_key = false;
        const std::string field = json_path(f->path, 1, in_key);
        fail(name_ + ": document: " + (field.empty() ? "" : field + ": ") + "invalid UTF-8" + (in_key ? " in a key" : "") +
             " (line " + std::to_string(line_no_) + ")");
      }
      return;  // a bad first record: reported by next(), like any other record
    }
    if (first.is_object() && first.size() == 1 && first.contains("document")) {
      json& d = first["document"];
      if (!d.is_object())
        fail(name_ + ": document: expected an object, got " + d.type_name() + " (line " + std::to_string(line_no_) + ")");
      document_ = std::move(d);
      validate_data(document_, name_ + ": document", "", line_suffix());
      pending_ = false;
    }
  }

  std::optional<Record> next() override {
    if (pending_) pending_ = false;
    else if (!read_line()) return std::nullopt;
    // The index is taken before parsing, so a bad line still counts and later records keep
    // their numbers when a caller goes on after the error.
    const size_t index = ++count_;
    json v = parse_line(index);
    if (!v.is_object())
      fail(record_message(name_, index, "", std::string("not an object (got ") + v.type_name() + ")" + line_suffix()));
    validate_data(v, name_ + ": record " + std::to_string(index), "", line_suffix(), {name_, 0, 0, index, ""});
    return Record{index, std::move(v)};
  }
  const json& document() const override { return document_; }

 private:
  /// The next non-blank line into line_; false at the end of the file.
  bool read_line() {
    while (std::getline(in_, line_)) {
      ++line_no_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_no_ == 1 && line_.starts_with("\xEF\xBB\xBF")) line_.erase(0, 3);
      if (line_.find_first_not_of(" \t") != std::string::npos) return true;
    }
    if (in_.bad()) fail(name_ + ": cannot read data file (after line " + std::to_string(line_no_) + ")");
    return false;
  }

  std::string line_suffix() const { return " (line " + std::to_string(line_no_) + ")"; }

  json parse_line(size_t index) {
    try {
      return json::parse(line_);
    } catch (const json::exception&) {
      // Located below; a second pass over one line is cheap.
    }
    const auto f = locate_json_failure(line_);
    if (!f) fail(at(name_, static_cast<int>(line_no_), 1, "JSON syntax error"));
    if (f->bad_utf8) {
      bool in_key = false;
      const std::string field = json_path(f->path, 0, in_key);
      fail(record_message(name_, index, field, std::string("invalid UTF-8") + (in_key ? " in a key" : "") + line_suffix()));
    }
    const LineCol lc = line_col(line_, f->offset);
    fail(at(name_, static_cast<int>(line_no_), static_cast<int>(lc.col), json_syntax_message(*f, kAtEndOfLine)));
  }

  std::string name_;
  std::ifstream in_;
  std::string line_;  // reused: its capacity is the longest line so far
  size_t line_no_ = 0, count_ = 0;
  bool pending_ = false;  // line_ holds the first record, read while looking for the document
  json document_ = json::object();
};

}  // namespace

std::unique_ptr<RecordSource> make_jsonl_source(std::ifstream in, const std::string& name) {
  return std::make_unique<JsonLinesSource>(std::move(in), name);
}

}  // namespace gongwen::data_detail
