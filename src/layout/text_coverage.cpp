// The layout's own text checked against the fonts of the style that sets it, when the layout is
// read: a character of a label, a caption, a paragraph's fixed words or a filter's output text
// (choose("☑", "☐"), default("无")) that no face covers is the layout's mistake, reported at its
// key with file:line:col — never blamed on a data field when a record is rendered.
#include <cctype>
#include <string_view>

#include "layout/parser_base.hpp"
#include "text/shape.hpp"

namespace gongwen {

namespace {

/// The quoted arguments of the expression `expr` ("a | choose(\"是\", \"否\")"), except those of
/// filters that compare rather than print (equals, checkbox).
void printed_args(std::string_view expr, std::string& out) {
  size_t i = 0;
  while (i < expr.size()) {
    const size_t open = expr.find('(', i);
    if (open == std::string_view::npos) return;
    size_t name_end = open;
    while (name_end > 0 && expr[name_end - 1] == ' ') --name_end;
    size_t name_begin = name_end;
    while (name_begin > 0 && (std::isalnum(static_cast<unsigned char>(expr[name_begin - 1])) || expr[name_begin - 1] == '_')) --name_begin;
    const std::string_view name = expr.substr(name_begin, name_end - name_begin);
    const bool prints = name != "equals" && name != "checkbox";
    size_t k = open + 1;
    for (; k < expr.size() && expr[k] != ')'; ++k) {
      if (expr[k] != '"') continue;
      std::string arg;
      for (++k; k < expr.size() && expr[k] != '"'; ++k) {
        if (expr[k] == '\\' && k + 1 < expr.size()) ++k;
        arg += expr[k];
      }
      if (prints) out += arg;
    }
    i = k + 1;
  }
}

}  // namespace

std::string printed_layout_text(const Template& t) {
  const std::string& s = t.source();
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t open = s.find("{{", i);
    out += s.substr(i, open == std::string::npos ? std::string::npos : open - i);
    if (open == std::string::npos) break;
    const size_t close = s.find("}}", open + 2);
    if (close == std::string::npos) break;  // the parser has refused such a template already
    printed_args(std::string_view(s).substr(open + 2, close - open - 2), out);
    i = close + 2;
  }
  return out;
}

void ParserBase::check_layout_text(TomlReader& r, std::string_view key, const Template& t, const Style* style, int line,
                                   int column) {
  if (!style || !style->paragraph.fonts) return;
  try {
    check_covered(printed_layout_text(t), *style->paragraph.fonts);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Font) throw;
    const std::string message = std::string(e.what()) + " in the layout's own text (style '" + style->name + "')";
    if (line > 0) throw Error(ErrorKind::Layout, at(file_.string(), line, column, r.key_path(key) + ": " + message));
    r.fail_key(key, message);
  }
}

void ParserBase::check_layout_string(TomlReader& r, std::string_view key, const std::string& text, const Style* style) {
  if (!style || !style->paragraph.fonts) return;
  try {
    check_covered(text, *style->paragraph.fonts);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Font) throw;
    r.fail_key(key, std::string(e.what()) + " in the layout's own text (style '" + style->name + "')");
  }
}

}  // namespace gongwen
