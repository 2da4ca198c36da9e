// .json record source: a top-level array of records, or {"document": {...}, "records": [...]}.
// The file is parsed whole; records are then handed out one at a time and released as they go.
// Use JSON Lines when a file has too many records to hold at once.
#include "data/json_locate.hpp"
#include "data/sources.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

class JsonSource : public RecordSource {
 public:
  JsonSource(std::ifstream in, std::string name) : name_(std::move(name)) {
    json doc = parse(in);
    if (doc.is_array()) {
      records_ = std::move(doc);
    } else if (doc.is_object() && doc.contains("records")) {
      for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "records" && it.key() != "document")
          fail(name_ + ": unknown top-level key '" + printable(it.key()) + "' (expected records, document)");
      if (auto d = doc.find("document"); d != doc.end()) {
        if (!d->is_object()) fail(name_ + ": document: expected an object, got " + d->type_name());
        document_ = std::move(*d);
        validate_data(document_, name_ + ": document");
      }
      records_ = std::move(doc["records"]);
      if (!records_.is_array()) fail(name_ + ": records: expected an array, got " + records_.type_name());
    } else {
      fail(name_ + ": expected an array of records or {\"document\": {...}, \"records\": [...]}, got " +
           (doc.is_object() ? "an object without \"records\"" : std::string(doc.type_name())));
    }
  }

  std::optional<Record> next() override {
    if (pos_ >= records_.size()) return std::nullopt;
    Record r;
    r.index = pos_ + 1;
    r.fields = std::move(records_[pos_]);  // leaves null behind: memory goes back as we read
    ++pos_;
    if (!r.fields.is_object())
      fail(record_message(name_, r.index, "", std::string("not an object (got ") + r.fields.type_name() + ")"));
    validate_data(r.fields, name_ + ": record " + std::to_string(r.index), "", "", {name_, 0, 0, r.index, ""});
    return r;
  }
  const json& document() const override { return document_; }
  std::optional<size_t> size_hint() const override { return records_.size(); }

 private:
  json parse(std::ifstream& in) {
    // Reading the text first and parsing it from memory is ~1.5x faster than nlohmann's stream
    // adapter; the text is dropped as soon as the DOM exists.
    std::string text;
    in.seekg(0, std::ios::end);
    text.resize(static_cast<size_t>(std::max<std::streamoff>(0, in.tellg())));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad() || static_cast<size_t>(in.gcount()) != text.size()) fail(name_ + ": cannot read data file");
    try {
      return json::parse(text);
    } catch (const json::exception&) {
      // Fall through: a second pass over the bytes says where and, for bad UTF-8, which field.
    }
    if (auto f = locate_json_failure(text)) report(*f, text);
    fail(name_ + ": JSON syntax error");  // not reached: both passes parse the same bytes
  }

  [[noreturn]] void report(const JsonFailure& f, std::string_view text) {
    if (f.empty) fail(name_ + ": empty data file (expected an array of records or {\"document\": {...}, \"records\": [...]})");
    const LineCol lc = line_col(text, f.offset);
    if (f.bad_utf8) {
      const std::vector<JsonStep>& p = f.path;
      auto member = [&](size_t i, const char* key) { return p.size() > i && !p[i].array && p[i].has_key && p[i].key == key; };
      std::optional<size_t> record;
      size_t from = 0;
      if (!p.empty() && p[0].array) {
        record = p[0].index + 1;
        from = 1;
      } else if (member(0, "records") && p.size() > 1 && p[1].array) {
        record = p[1].index + 1;
        from = 2;
      } else if (member(0, "document")) {
        from = 1;
      }
      if (from > 0) {
        bool in_key = false;
        const std::string field = json_path(p, from, in_key);
        const std::string msg = std::string("invalid UTF-8") + (in_key ? " in a key" : "") + " (line " + std::to_string(lc.line) + ")";
        if (record) fail(record_message(name_, *record, field, msg));
        fail(name_ + ": document: " + (field.empty() ? "" : field + ": ") + msg);
      }
      fail(at(name_, static_cast<int>(lc.line), static_cast<int>(lc.col), "invalid UTF-8"));
    }
    fail(at(name_, static_cast<int>(lc.line), static_cast<int>(lc.col),
            json_syntax_message(f, "unexpected end of input (truncated file?)")));
  }

  std::string name_;
  json records_, document_ = json::object();
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<RecordSource> make_json_source(std::ifstream in, const std::string& name) {
  return std::make_unique<JsonSource>(std::move(in), name);
}

}  // namespace gongwen::data_detail
