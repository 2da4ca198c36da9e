#include "core/toml_guard.hpp"

#include <vector>

#include "core/error.hpp"

namespace gongwen {

namespace {

/// Walks the text once. Depth counts the tables and arrays a value sits in: a header's key
/// segments, a key's dotted segments, and each enclosing array or inline table.
class NestingScan {
 public:
  NestingScan(std::string_view text, const std::string& file, int limit) : t_(text), file_(file), limit_(limit) {}

  void run() {
    while (i_ < t_.size()) {
      skip_blank_and_comments(true);
      if (i_ >= t_.size()) break;
      if (t_[i_] == '[') {
        header();
      } else {
        base_ = header_depth_ + key(header_depth_);
        value_line();
      }
    }
  }

 private:
  [[noreturn]] void fail() const {
    throw Error(ErrorKind::Layout, at(file_, line_, col(), "nested deeper than " + std::to_string(limit_) +
                                                               " levels (tables, arrays and dotted keys)"));
  }
  int col() const { return static_cast<int>(i_ - line_start_) + 1; }
  void advance() {
    if (t_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
    ++i_;
  }
  bool at_text(std::string_view s) const { return t_.substr(i_, s.size()) == s; }

  /// Spaces, comments and (when `newlines`) line breaks.
  void skip_blank_and_comments(bool newlines) {
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '#') {
        while (i_ < t_.size() && t_[i_] != '\n') advance();
      } else if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        advance();
      } else {
        break;
      }
    }
  }

  /// A string at i_ (any of the four kinds); leaves i_ after it, or at the end of the text.
  void string() {
    const char q = t_[i_];
    const bool multi = at_text(q == '"' ? "\"\"\"" : "'''");
    const size_t open = multi ? 3 : 1;
    for (size_t k = 0; k < open; ++k) advance();
    while (i_ < t_.size()) {
      if (q == '"' && t_[i_] == '\\') {
        advance();
        if (i_ < t_.size()) advance();
        continue;
      }
      if (!multi && t_[i_] == '\n') return;  // unterminated: the parser reports it
      if (multi ? at_text(q == '"' ? "\"\"\"" : "'''") : t_[i_] == q) {
        for (size_t k = 0; k < open; ++k) advance();
        while (multi && i_ < t_.size() && t_[i_] == q) advance();  // up to two quotes end the content
        return;
      }
      advance();
    }
  }

  /// [a.b.c] or [[a.b.c]]: its segments become the base depth of the keys below it.
  void header() {
    int depth = 1;
    while (i_ < t_.size() && t_[i_] != '\n' && t_[i_] != ']') {
      if (t_[i_] == '"' || t_[i_] == '\'') {
        string();
        continue;
      }
      if (t_[i_] == '.' && ++depth > limit_) fail();
      advance();
    }
    header_depth_ = depth;
    while (i_ < t_.size() && t_[i_] != '\n') advance();  // "]]", a comment: nothing deeper
  }

  /// A (dotted) key up to '='; returns how many tables it opens below `base` (its dots).
  int key(int base) {
    int dots = 0;
    while (i_ < t_.size() && t_[i_] != '=' && t_[i_] != '\n' && t_[i_] != '}' && t_[i_] != ',') {
      if (t_[i_] == '"' || t_[i_] == '\'') {
        string();
        continue;
      }
      if (t_[i_] == '.' && base + ++dots > limit_) fail();
      advance();
    }
    if (i_ < t_.size() && t_[i_] == '=') advance();
    return dots;
  }

  /// The value after a top-level key: ends at the line break outside any array or inline table.
  void value_line() {
    struct Frame {
      char kind;
      int depth;
    };
    std::vector<Frame> stack;
    int depth = base_;  // depth of the value being read
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '"' || c == '\'') {
        string();
      } else if (c == '#') {
        skip_blank_and_comments(false);
      } else if (c == '\n' && stack.empty()) {
        advance();
        return;
      } else if (c == '[' || c == '{') {
        if (depth + 1 > limit_) fail();
        stack.push_back({c, depth + 1});
        advance();
        depth = stack.back().depth;
        if (c == '{') depth += key(depth);
      } else if ((c == ']' || c == '}') && !stack.empty()) {
        stack.pop_back();
        advance();
        depth = stack.empty() ? base_ : stack.back().depth;
      } else if (c == ',' && !stack.empty()) {
        advance();
        depth = stack.back().depth;
        if (stack.back().kind == '{') depth += key(depth);
      } else {
        advance();
      }
    }
  }

  std::string_view t_;
  const std::string& file_;
  int limit_;
  size_t i_ = 0, line_start_ = 0;
  int line_ = 1;
  int header_depth_ = 0, base_ = 0;
};

}  // namespace

void check_toml_nesting(std::string_view text, const std::string& file, int limit) {
  NestingScan(text, file, limit).run();
}

}  // namespace gongwen
