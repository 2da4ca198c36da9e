// .csv record source (RFC 4180): a header row names the fields; quoted fields with "" escapes
// and line breaks inside; CRLF or LF. Streamed through TextReader, one row in memory at a time.
// Cells are strings; DataOptions turns chosen columns into lists or numbers.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/utf8.hpp"
#include "data/cells.hpp"
#include "data/sources.hpp"
#include "data/text_reader.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

std::string_view trim(std::string_view s) { return trim_blank(s); }

class CsvSource : public RecordSource {
 public:
  CsvSource(std::ifstream in, std::string name, const DataOptions& o)
      : name_(std::move(name)),
        utf8_(TextReader::encoding_named(o.encoding, name_) == TextReader::Encoding::Utf8),
        reader_(std::move(in), TextReader::encoding_named(o.encoding, name_), name_),
        separator_(o.list_separator) {
    if (!read_row(header_)) fail(name_ + ": empty CSV file (a header row is needed)");
    const std::string line = name_ + ":" + std::to_string(row_line_) + ": ";
    std::unordered_map<std::string_view, size_t> seen;  // name → column, for duplicates in linear time
    seen.reserve(header_.size());
    for (size_t i = 0; i < header_.size(); ++i) {
      const std::string column = "column " + std::to_string(i + 1);
      if (const size_t b = utf8_ ? utf8::first_invalid(header_[i]) : std::string::npos; b != std::string::npos)
        fail(line + column + ": invalid UTF-8 at byte " + std::to_string(b) + " (" + kGbHint + ")");
      header_[i] = std::string(trim(header_[i]));
      if (header_[i].empty()) fail(line + column + " has no name");
      if (auto [it, fresh] = seen.emplace(header_[i], i); !fresh)
        fail(line + "duplicate column '" + header_[i] + "' (columns " + std::to_string(it->second + 1) + " and " +
             std::to_string(i + 1) + ")");
    }
    kinds_.assign(header_.size(), Kind::Text);
    mark(o.list_fields, Kind::List, "list");
    mark(o.number_fields, Kind::Number, "number");
    // Fields the layout uses as lists, not named on the command line: one item per line.
    for (const auto* fields : {&o.line_list_fields, &o.paragraph_fields})
      for (const auto& f : *fields) {
        auto it = std::find(header_.begin(), header_.end(), f);
        if (it != header_.end() && kinds_[static_cast<size_t>(it - header_.begin())] == Kind::Text)
          kinds_[static_cast<size_t>(it - header_.begin())] = fields == &o.line_list_fields ? Kind::Lines : Kind::Paragraphs;
      }
    if (separator_.empty() && std::find(kinds_.begin(), kinds_.end(), Kind::List) != kinds_.end())
      fail(name_ + ": the list separator is empty");
  }

  std::optional<Record> next() override {
    if (!read_row(cells_)) return std::nullopt;
    const size_t index = ++count_;
    if (cells_.size() != header_.size()) {
      const std::string what = std::to_string(cells_.size()) + " cells, the header has " + std::to_string(header_.size());
      throw Error(ErrorKind::Data, name_ + ":" + std::to_string(row_line_) + ": record " + std::to_string(index) + ": " + what,
                  {name_, static_cast<int>(row_line_), 0, index, ""}, what);
    }
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
          out = split_items(cell, separator_);
          break;
        case Kind::Lines:
          out = split_items(cell, "\n");
          break;
        case Kind::Paragraphs:
          if (cell.find('\n') != std::string::npos) out = split_items(cell, "\n");
          else out = std::move(cell);
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
    validate_data(fields, name_ + ": record " + std::to_string(index), "", line + ")", {name_, 0, 0, index, ""});
    return Record{index, std::move(fields)};
  }
  const json& document() const override { return document_; }

 private:
  enum class Kind { Text, List, Lines, Paragraphs, Number };
  /// Columns per row: Excel's column count, far beyond any form's fields (docs/limits.md).
  static constexpr size_t kMaxColumns = 16384;
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
          if (cells.size() == kMaxColumns)
            fail(name_ + ":" + std::to_string(row_line_) + ": more than " + std::to_string(kMaxColumns) +
                 " columns (the most a row may have)");
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
