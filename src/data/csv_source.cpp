// CSV records (RFC 4180): a header row names the fields; UTF-8 with or without BOM, or GB18030
// converted with ICU. Read in chunks, so a large file is never held in memory.
#include <unicode/ucnv.h>

#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/record.hpp"

namespace gongwen {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Bytes of the file as UTF-8, chunk by chunk (GB18030 converted on the fly).
class Utf8Reader {
 public:
  Utf8Reader(const fs::path& path, const std::string& encoding) : name_(path.string()), in_(path, std::ios::binary) {
    std::string enc = encoding;
    for (char& c : enc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (enc == "gb18030" || enc == "gbk" || enc == "gb2312") {
      UErrorCode status = U_ZERO_ERROR;
      conv_ = ucnv_open("GB18030", &status);
      if (U_FAILURE(status)) throw Error(ErrorKind::Data, name_ + ": GB18030 converter unavailable");
      ucnv_setToUCallBack(conv_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    } else if (enc != "utf-8" && enc != "utf8") {
      throw Error(ErrorKind::Data, name_ + ": unknown encoding '" + encoding + "' (utf-8 or gb18030)");
    }
  }
  ~Utf8Reader() {
    if (conv_) ucnv_close(conv_);
  }
  Utf8Reader(const Utf8Reader&) = delete;
  Utf8Reader& operator=(const Utf8Reader&) = delete;

  /// Next byte, or -1 at the end.
  int get() {
    if (pos_ >= buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }

 private:
  bool fill() {
    buf_.clear();
    pos_ = 0;
    while (buf_.empty()) {
      char raw[65536];
      in_.read(raw, sizeof raw);
      const std::streamsize n = in_.gcount();
      const bool end = n <= 0;
      if (!conv_) {
        if (end) return false;
        buf_.assign(raw, static_cast<size_t>(n));
        if (first_ && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) buf_.erase(0, 3);
        first_ = false;
        continue;
      }
      UChar out[65536];
      UChar* target = out;
      const char* source = raw;
      UErrorCode status = U_ZERO_ERROR;
      ucnv_toUnicode(conv_, &target, out + 65536, &source, raw + (end ? 0 : n), nullptr, end, &status);
      if (U_FAILURE(status))
        throw Error(ErrorKind::Data, name_ + ": bytes that are not GB18030 near byte " + std::to_string(consumed_ + static_cast<size_t>(source - raw) + 1));
      consumed_ += static_cast<size_t>(end ? 0 : n);
      for (UChar* p = out; p < target; ++p) {
        char32_t cp = *p;
        if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < target) cp = 0x10000 + ((cp - 0xD800) << 10) + (*++p - 0xDC00);
        if (first_ && cp == 0xFEFF) { first_ = false; continue; }
        first_ = false;
        utf8::append(buf_, cp);
      }
      if (end) return !buf_.empty();
    }
    return true;
  }

  std::string name_;
  std::ifstream in_;
  UConverter* conv_ = nullptr;
  std::string buf_;
  size_t pos_ = 0, consumed_ = 0;
  bool first_ = true;
};

class CsvSource : public RecordSource {
 public:
  CsvSource(const fs::path& path, const DataOptions& options) : name_(path.string()), reader_(path, options.encoding), options_(options) {
    auto header = read_row();
    if (!header) throw Error(ErrorKind::Data, name_ + ": empty CSV file (a header row is needed)");
    header_ = *header;
    for (const auto& f : options_.list_fields) require_column(f);
    for (const auto& f : options_.number_fields) require_column(f);
  }

  std::optional<Record> next() override {
    const size_t line = line_ + 1;
    auto row = read_row();
    if (!row) return std::nullopt;
    const size_t index = ++count_;
    if (row->size() != header_.size())
      throw Error(ErrorKind::Data, name_ + ":" + std::to_string(line) + ": record " + std::to_string(index) + ": " +
                                       std::to_string(row->size()) + " cells, the header has " + std::to_string(header_.size()));
    json fields = json::object();
    for (size_t i = 0; i < header_.size(); ++i) {
      const std::string& key = header_[i];
      std::string& cell = (*row)[i];
      if (utf8::first_invalid(cell) != std::string::npos)
        throw Error(ErrorKind::Data, name_ + ": record " + std::to_string(index) + ": " + key + ": invalid UTF-8");
      if (contains(options_.list_fields, key)) {
        json list = json::array();
        size_t start = 0;
        while (!cell.empty() && start <= cell.size()) {
          size_t p = cell.find(options_.list_separator, start);
          std::string item = trim(cell.substr(start, p == std::string::npos ? std::string::npos : p - start));
          if (!item.empty()) list.push_back(item);
          if (p == std::string::npos) break;
          start = p + options_.list_separator.size();
        }
        fields[key] = list;
      } else if (contains(options_.number_fields, key)) {
        std::string t = trim(cell);
        char* end = nullptr;
        double v = std::strtod(t.c_str(), &end);
        if (t.empty() || *end != '\0')
          throw Error(ErrorKind::Data, name_ + ": record " + std::to_string(index) + ": " + key + ": expected a number, got \"" + cell + "\"");
        fields[key] = v;
      } else {
        fields[key] = std::move(cell);
      }
    }
    return Record{index, std::move(fields)};
  }
  const json& document() const override { return document_; }

 private:
  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v) if (x == s) return true;
    return false;
  }
  static std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
  }
  void require_column(const std::string& f) {
    if (!contains(header_, f)) throw Error(ErrorKind::Data, name_ + ": no column '" + f + "' in the header");
  }

  /// One row of cells, or nullopt at the end of the file.
  std::optional<std::vector<std::string>> read_row() {
    std::vector<std::string> cells;
    std::string cell;
    int c = reader_.get();
    if (c < 0) return std::nullopt;
    ++line_;
    const size_t start_line = line_;
    bool quoted = false, was_quoted = false;
    for (;; c = reader_.get()) {
      if (c < 0) {
        if (quoted) throw Error(ErrorKind::Data, name_ + ":" + std::to_string(start_line) + ": unterminated quoted field");
        break;
      }
      if (quoted) {
        if (c == '"') {
          int d = reader_.get();
          if (d == '"') { cell += '"'; continue; }
          quoted = false;
          if (d < 0) break;
          c = d;
        } else {
          if (c == '\n') ++line_;
          cell += static_cast<char>(c);
          continue;
        }
      }
      if (c == '"' && cell.empty() && !was_quoted) { quoted = was_quoted = true; continue; }
      if (c == ',') { cells.push_back(std::move(cell)); cell.clear(); was_quoted = false; continue; }
      if (c == '\r') continue;
      if (c == '\n') break;
      cell += static_cast<char>(c);
    }
    cells.push_back(std::move(cell));
    if (cells.size() == 1 && cells[0].empty()) return read_row();  // blank line
    return cells;
  }

  std::string name_;
  Utf8Reader reader_;
  DataOptions options_;
  std::vector<std::string> header_;
  size_t line_ = 0, count_ = 0;
  json document_ = json::object();
};

}  // namespace

std::unique_ptr<RecordSource> make_csv_source(const fs::path& path, const DataOptions& options) {
  return std::make_unique<CsvSource>(path, options);
}

}  // namespace gongwen
