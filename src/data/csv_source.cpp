// .csv record source (RFC 4180): a header row names the fields; quoted fields with "" escapes
// and line breaks inside; CRLF or LF. Streamed through TextReader, one row in memory at a time.
// Cells are strings; DataOptions turns chosen columns into lists or numbers.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/utf8.hpp"
#include "data/sources.hpp"
#include "data/text_reader.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

std::string_view trim(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

/// "1,234,567.5": commas only between groups of three in the integer part (spreadsheets export
/// formatted numbers as text).
bool grouping_ok(std::string_view s) {
  const size_t int_end = std::min(s.find_first_of(".eE"), s.size());
  if (s.find(',', int_end) != std::string_view::npos) return false;
  const std::string_view ip = s.substr(0, int_end);
  const size_t first = ip.find(',');
  if (first == 0 || first > 3 || (ip.size() - first) % 4 != 0) return false;
  for (size_t i = first; i < ip.size(); i += 4)
    if (ip[i] != ',' || ip.substr(i + 1, 3).find(',') != std::string_view::npos) return false;
  return true;
}

/// A number in the types a JSON file would give: integers stay integers. nullopt if not numeric.
std::optional<json> parse_number(std::string_view text) {
  std::string s(text);
  if (s[0] == '+') s.erase(0, 1);  // from_chars takes '-' only
  const size_t body = !s.empty() && s[0] == '-' ? 1 : 0;
  if (s.find(',') != std::string::npos) {
    if (!grouping_ok(std::string_view(s).substr(body))) return std::nullopt;
    std::erase(s, ',');
  }
  // Plain decimal only: from_chars alone would also take "inf", "nan" and hex digits.
  size_t i = body, mantissa = 0;
  bool dot = false, exponent = false;
  for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || (s[i] == '.' && !dot)); ++i)
    s[i] == '.' ? void(dot = true) : void(++mantissa);
  if (mantissa == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    exponent = true;
    if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t digits_from = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits_from) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const char* const end = s.data() + s.size();
  if (!dot && !exponent) {
    int64_t v = 0;
    if (auto r = std::from_chars(s.data(), end, v); r.ec == std::errc{} && r.ptr == end) return json(v);
  }
  double d = 0;
  if (auto r = std::from_chars(s.data(), end, d); r.ec != std::errc{} || r.ptr != end || !std::isfinite(d)) return std::nullopt;
  return json(d);
}

class CsvSource : public RecordSource {
 public:
  CsvSource(std::ifstream in, std::string name, const DataOptions& o)
      : name_(std::move(name)),
        utf8_(TextReader::encoding_named(o.encoding, name_) == TextReader::Encoding::Utf8),
        reader_(std::move(in), TextReader::encoding_named(o.encoding, name_), name_),
        separator_(o.list_separator) {
    if (!read_row(header_)) fail(name_ + ": empty CSV file (a header row is needed)");
    const std::string line = name_ + ":" + std::to_string(row_line_) + ": ";
    for (size_t i = 0; i < header_.size(); ++i) {
      const std::string column = "column " + std::to_string(i + 1);
      if (const size_t b = utf8_ ? utf8::first_invalid(header_[i]) : std::string::npos; b != std::string::npos)
        fail(line + column + ": invalid UTF-8 at byte " + std::to_string(b) + " (" + kGbHint + ")");
      header_[i] = std::string(trim(header_[i]));
      if (header_[i].empty()) fail(line + column + " has no name");
      for (size_t j = 0; j < i; ++j)
        if (header_[j] == header_[i])
          fail(line + "duplicate column '" + header_[i] + "' (columns " + std::to_string(j + 1) + " and " + std::to_string(i + 1) + ")");
    }
    kinds_.assign(header_.size(), Kind::Text);
    mark(o.list_fields, Kind::List, "list");
    mark(o.number_fields, Kind::Number, "number");
    if (separator_.empty() && std::find(kinds_.begin(), kinds_.end(), Kind::List) != kinds_.end())
      fail(name_ + ": the list separator is empty");
  }

  std::optional<Record> next() override {
    if (!read_row(cells_)) return std::nullopt;
    const size_t index = ++count_;
    if (cells_.size() != header_.size())
      fail(name_ + ":" + std::to_string(row_line_) + ": record " + std::to_string(index) + ": " +
           std::to_string(cells_.size()) + " cells, the header has " + std::to_string(header_.size()));
    const std::string line = " (line " + std::to_string(row_line_);
    json fields = json::object();
    for (size_t i = 0; i < header_.size(); ++i) {
      std::string& cell = cells_[i];
      if (const size_t b = utf8_ ? utf8::first_invalid(cell) : std::string::npos; b != std::string::npos)
        fail(record_message(name_, index, header_[i], "invalid UTF-8 at byte " + std::to_string(b) + line + "; " + kGbHint + ")"));
      json& out = fields[header_[i]];
      switch (kinds_[i]) {
        case Kind::Text:
          out = std::move(cell);
          break;
        case Kind::List:
          out = split(cell);
          break;
        case Kind::Number: {
          const std::string_view t = trim(cell);
          if (t.empty()) break;  // stays null: "no value", which the template filters treat as empty
          auto n = parse_number(t);
          if (!n) fail(record_message(name_, index, header_[i], "expected a number, got \"" + cell + "\"" + line + ")"));
          out = std::move(*n);
          break;
        }
      }
    }
    validate_data(fields, name_ + ": record " + std::to_string(index), "", line + ")");
    return Record{index, std::move(fields)};
  }
  const json& document() const override { return document_; }

 private:
  enum class Kind { Text, List, Number };
  static constexpr const char* kGbHint = "a GB18030/GBK file needs encoding gb18030";

  void mark(const std::vector<std::string>& names, Kind kind, const char* what) {
    for (const auto& f : names) {
      auto it = std::find(header_.begin(), header_.end(), f);
      if (it == header_.end()) fail(name_ + ": " + what + " field '" + f + "' is not a column of the header");
      Kind& k = kinds_[static_cast<size_t>(it - header_.begin())];
      if (k != Kind::Text && k != kind) fail(name_ + ": column '" + f + "' cannot be both a list and a number field");
      k = kind;
    }
  }

  /// Items between separators, trimmed; empty items dropped, so an empty cell is an empty list.
  json split(const std::string& cell) const {
    json list = json::array();
    const std::string_view v(cell);
    for (size_t start = 0;;) {
      const size_t p = v.find(separator_, start);
      const std::string_view item = trim(v.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
      if (!item.empty()) list.push_back(std::string(item));
      if (p == std::string_view::npos) break;
      start = p + separator_.size();
    }
    return list;
  }

  /// The next row into `cells` (blank lines skipped); false at the end of the file.
  bool read_row(std::vector<std::string>& cells) {
    enum class State { Start, Plain, Quoted, Closed };
    for (;;) {
      cells.clear();
      int c = reader_.get();
      if (c < 0) return false;
      row_line_ = lines_ + 1;
      std::string cell;
      State state = State::Start;
      size_t quote_line = 0;
      bool any_quoted = false;
      for (;; c = reader_.get()) {
        if (state == State::Quoted) {
          if (c < 0)
            fail(name_ + ":" + std::to_string(quote_line) + ": unterminated quoted field (column " + std::to_string(cells.size() + 1) + ")");
          if (c == '"') {
            state = State::Closed;
            continue;
          }
          if (c == '\r' && reader_.peek() == '\n') continue;  // a line break in a cell is "\n" whatever the file uses
          if (c == '\n') ++lines_;
          cell += static_cast<char>(c);
          continue;
        }
        if (state == State::Closed && c == '"') {  // "" inside quotes
          cell += '"';
          state = State::Quoted;
          continue;
        }
        if (c < 0 || c == '\n' || c == ',') {
          cells.push_back(std::move(cell));
          cell.clear();
          if (c == ',') {
            state = State::Start;
            continue;
          }
          if (c == '\n') ++lines_;
          break;
        }
        if (c == '\r' && reader_.peek() == '\n') continue;
        if (state == State::Closed) {
          if (c == ' ' || c == '\t') continue;  // padding after the closing quote is harmless
          fail(name_ + ":" + std::to_string(lines_ + 1) + ": column " + std::to_string(cells.size() + 1) +
               ": text after the closing quote (a quote inside a quoted field is written \"\")");
        }
        if (state == State::Start && c == '"') {
          state = State::Quoted;
          any_quoted = true;
          quote_line = lines_ + 1;
          continue;
        }
        cell += static_cast<char>(c);
        state = State::Plain;
      }
      if (cells.size() == 1 && cells[0].empty() && !any_quoted) continue;  // a blank line is no record
      return true;
    }
  }

  std::string name_;
  bool utf8_;
  TextReader reader_;
  std::string separator_;
  std::vector<std::string> header_, cells_;
  std::vector<Kind> kinds_;
  size_t lines_ = 0, row_line_ = 0, count_ = 0;  // lines_: line breaks read so far
  json document_ = json::object();
};

}  // namespace

std::unique_ptr<RecordSource> make_csv_source(std::ifstream in, const std::string& name, const DataOptions& options) {
  return std::make_unique<CsvSource>(std::move(in), name, options);
}

}  // namespace gongwen::data_detail
