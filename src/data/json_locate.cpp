// Locating JSON parse failures: a SAX pass that tracks the open containers, plus byte → line:col.
#include "data/json_locate.hpp"

#include <nlohmann/json.hpp>

#include "data/sources.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

/// SAX handler that builds nothing: it only follows the path, and keeps the first failure.
class Locator {
 public:
  explicit Locator(size_t size) : size_(size) {}

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const std::string&) { return value(); }
  bool string(std::string&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool start_object(size_t) {
    any_ = true;
    steps_.push_back(JsonStep{});
    return true;
  }
  bool key(std::string& k) {
    steps_.back().key = k;
    steps_.back().has_key = true;
    return true;
  }
  bool end_object() {
    steps_.pop_back();
    return value();
  }
  bool start_array(size_t) {
    any_ = true;
    steps_.push_back(JsonStep{true, 0, "", false});
    return true;
  }
  bool end_array() {
    steps_.pop_back();
    return value();
  }
  bool parse_error(size_t position, const std::string&, const json::exception& ex) {
    JsonFailure f;
    // `position` counts bytes read, the offending one included; reading past the end counts too.
    f.at_end = position > size_;
    f.offset = std::min(position > 0 ? position - 1 : 0, size_);
    f.empty = !any_ && f.at_end;
    const std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while
    // parsing value - invalid literal; last read: 'tru'" → the part after " - ".
    const size_t dash = what.find(" - ");
    const size_t bracket = what.find("] ");
    if (what.find("syntax error") != std::string::npos && dash != std::string::npos) f.detail = what.substr(dash + 3);
    else f.detail = bracket == std::string::npos ? what : what.substr(bracket + 2);
    f.bad_utf8 = f.detail.find("ill-formed UTF-8") != std::string::npos;
    f.path = std::move(steps_);
    failure_ = std::move(f);
    return false;
  }

  std::optional<JsonFailure> take() { return std::move(failure_); }

 private:
  bool value() {
    any_ = true;
    if (!steps_.empty()) {
      JsonStep& s = steps_.back();
      if (s.array) ++s.index;
      else s.has_key = false;
    }
    return true;
  }

  size_t size_;
  bool any_ = false;
  std::vector<JsonStep> steps_;
  std::optional<JsonFailure> failure_;
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

std::optional<JsonFailure> locate_json_failure(std::string_view text) {
  Locator loc(text.size());
  json::sax_parse(text, &loc);
  return loc.take();
}

std::string json_path(const std::vector<JsonStep>& steps, size_t from, bool& in_key) {
  std::string path;
  in_key = false;
  for (size_t i = from; i < steps.size(); ++i) {
    const JsonStep& s = steps[i];
    if (s.array) {
      path = field_path_index(path, s.index);
    } else if (s.has_key) {
      path = field_path_key(path, s.key);
    } else {
      in_key = true;
      break;
    }
  }
  return path;
}

std::string json_syntax_message(const JsonFailure& f, std::string_view at_end_text) {
  if (f.at_end) return "JSON syntax error: " + std::string(at_end_text);
  std::string detail = f.detail;
  // The "last read" token can be a whole long string; its tail is what points at the problem.
  const std::string marker = "; last read: '";
  const size_t m = detail.find(marker);
  if (m != std::string::npos && detail.size() >= m + marker.size() + 1 && detail.back() == '\'') {
    std::string token = detail.substr(m + marker.size(), detail.size() - m - marker.size() - 1);
    constexpr size_t kKeep = 40;
    size_t cps = 0, cut = token.size();
    while (cut > 0 && cps < kKeep) {
      --cut;
      if ((static_cast<unsigned char>(token[cut]) & 0xC0) != 0x80) ++cps;
    }
    if (cut > 0) token = "…" + token.substr(cut);
    detail = detail.substr(0, m) + marker + token + "'";
  }
  return "JSON syntax error: " + printable(detail);
}

LineCol line_col(std::string_view text, size_t offset) {
  LineCol at;
  offset = std::min(offset, text.size());
  for (size_t i = text.starts_with(kBom) ? std::min(kBom.size(), offset) : 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a continuation byte
      ++at.col;
    }
  }
  return at;
}

}  // namespace gongwen::data_detail
