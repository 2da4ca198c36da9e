// validate_data: the content rule every data value meets before it is bound (record.hpp).
// The walk keeps its own stack: data nested 100,000 deep must give an error, not a stack overflow.
#include <cstdio>
#include <vector>

#include "core/utf8.hpp"
#include "data/sources.hpp"

namespace gongwen {

using nlohmann::json;
using data_detail::fail;

namespace {

/// Byte offset of the first control character other than TAB, LF and CR (C0, DEL, or C1 as
/// its UTF-8 form C2 80..C2 9F) in valid UTF-8; npos when there is none.
size_t first_control(std::string_view s, char32_t& cp) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
      cp = b;
      return i;
    }
    if (b == 0xC2 && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x80 && n <= 0x9F) {
        cp = n;
        return i;
      }
    }
  }
  return std::string_view::npos;
}

/// What is wrong with a string, or "" when it is fine.
std::string string_problem(std::string_view s, bool key) {
  const char* in_key = key ? " in a key" : "";
  if (const size_t b = utf8::first_invalid(s); b != std::string_view::npos)
    return std::string("invalid UTF-8") + in_key + " at byte " + std::to_string(b);
  char32_t cp = 0;
  if (const size_t b = first_control(s, cp); b != std::string_view::npos)
    return "control character " + utf8::codepoint_name(cp) + in_key + " at byte " + std::to_string(b) +
           " (only tab and line breaks are allowed in text)";
  return {};
}

struct Frame {
  const json* v;
  json::const_iterator next, current;
  size_t index = 0;  ///< array: the index of `current`
};

class Walk {
 public:
  Walk(const std::string& where, const std::string& path, const std::string& note, const ErrorLocation& base)
      : where_(where), path_(path), note_(note), base_(base) {}

  void run(const json& root) {
    check_scalar(root);
    if (!root.is_structured()) return;
    stack_.push_back(Frame{&root, root.cbegin(), root.cend(), 0});
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.next == f.v->cend()) {
        stack_.pop_back();
        continue;
      }
      if (f.current != f.v->cend()) ++f.index;
      f.current = f.next++;
      if (f.v->is_object())
        if (std::string p = string_problem(f.current.key(), true); !p.empty()) report(stack_.size() - 1, p);
      const json& child = *f.current;
      if (!child.is_structured()) {
        check_scalar(child);
        continue;
      }
      // The root is level 1; a container child of the deepest frame would be one more.
      if (stack_.size() + 1 > kMaxDataDepth)
        report(stack_.size(), "nested deeper than " + std::to_string(kMaxDataDepth) + " levels (arrays and objects inside each other)");
      stack_.push_back(Frame{&child, child.cbegin(), child.cend(), 0});
    }
  }

 private:
  void check_scalar(const json& v) {
    if (!v.is_string()) return;
    if (std::string p = string_problem(v.get_ref<const std::string&>(), false); !p.empty()) report(stack_.size(), p);
  }

  /// Fails naming the path through the first `frames` frames' current members.
  [[noreturn]] void report(size_t frames, const std::string& what) {
    std::string path = path_;
    for (size_t i = 0; i < frames; ++i) {
      const Frame& f = stack_[i];
      path = f.v->is_object() ? field_path_key(path, data_detail::printable(f.current.key())) : field_path_index(path, f.index);
    }
    ErrorLocation w = base_;
    w.field = path;
    throw Error(ErrorKind::Data, where_ + ": " + (path.empty() ? "" : path + ": ") + what + note_, std::move(w), what + note_);
  }

  const std::string& where_;
  const std::string& path_;
  const std::string& note_;
  const ErrorLocation& base_;
  std::vector<Frame> stack_;
};

}  // namespace

void validate_data(const json& v, const std::string& where, const std::string& path, const std::string& note,
                   const ErrorLocation& base) {
  Walk(where, path, note, base).run(v);
}

}  // namespace gongwen
