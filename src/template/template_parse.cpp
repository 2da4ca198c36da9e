// Parsing template sources: literal text and {{ path | filter(args) }} expressions, checked
// (known filters, argument counts and kinds, path syntax) with byte offsets for errors.
#include <algorithm>
#include <charconv>

#include "template/aggregate_call.hpp"
#include "template/template.hpp"

namespace gongwen {

namespace {

struct FilterInfo {
  std::string_view name;
  size_t min_args, max_args;
};
// The order is the one error messages list them in.
constexpr FilterInfo kFilters[] = {
    {"fixed", 1, 1}, {"decimals", 2, 2}, {"group", 0, 0},   {"percent", 0, 1}, {"wan", 0, 0},
    {"daxie", 0, 1}, {"date", 0, 1},     {"default", 1, 1}, {"upper", 0, 0},   {"trim", 0, 0},
    {"join", 0, 1},  {"numbered", 0, 2}, {"count", 0, 0},   {"choose", 2, 2},  {"equals", 1, 1},
    {"checkbox", 0, 1},
};
constexpr int kMaxDecimals = 20;

const FilterInfo* find_filter(std::string_view name) {
  for (const auto& k : kFilters)
    if (k.name == name) return &k;
  return nullptr;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// One argument's text and where it starts in the template source.
struct Arg {
  std::string text;
  size_t offset;
};

int decimals_arg(const std::string& filter, const Arg& a) {
  int v = -1;
  auto [p, ec] = std::from_chars(a.text.data(), a.text.data() + a.text.size(), v);
  if (ec != std::errc() || p != a.text.data() + a.text.size() || v < 0 || v > kMaxDecimals)
    throw TemplateParseError(a.offset, "filter " + filter + ": expected a number of decimals (0-" +
                                           std::to_string(kMaxDecimals) + "), got '" + a.text + "'");
  return v;
}

void keyword_arg(const std::string& filter, const Arg& a, std::string_view keyword) {
  if (a.text != keyword)
    throw TemplateParseError(a.offset, "filter " + filter + ": the only option is '" + std::string(keyword) + "', got '" + a.text + "'");
}

/// Parses `name` or `name(arg, "arg", 'arg')`; `base` is the offset of `s` in the source.
Template::Filter parse_filter(std::string_view s, size_t base) {
  Template::Filter f;
  size_t i = 0;
  while (i < s.size() && s[i] != '(' && !is_space(s[i])) ++i;
  f.name = std::string(s.substr(0, i));
  const FilterInfo* info = find_filter(f.name);
  if (!info) {
    std::string known;
    for (const auto& k : kFilters) known += (known.empty() ? "" : ", ") + std::string(k.name);
    throw TemplateParseError(base, "unknown filter '" + f.name + "' (known: " + known + ")");
  }
  while (i < s.size() && is_space(s[i])) ++i;
  std::vector<Arg> args;
  if (i < s.size() && s[i] == '(') {
    const size_t open = i++;
    for (bool done = false; !done;) {
      while (i < s.size() && is_space(s[i])) ++i;
      if (i >= s.size()) throw TemplateParseError(base + open, "filter " + f.name + ": missing ')'");
      if (s[i] == ')' && args.empty()) {
        ++i;
        break;
      }
      Arg a{"", base + i};
      if (s[i] == '"' || s[i] == '\'') {
        const char q = s[i++];
        while (i < s.size() && s[i] != q) {
          if (s[i] == '\\' && i + 1 < s.size()) ++i;
          a.text += s[i++];
        }
        if (i >= s.size()) throw TemplateParseError(a.offset, "filter " + f.name + ": unterminated string");
        ++i;
      } else {
        const size_t start = i;
        while (i < s.size() && s[i] != ',' && s[i] != ')' && !is_space(s[i]) && s[i] != '"' && s[i] != '\'') ++i;
        a.text = std::string(s.substr(start, i - start));
        if (a.text.empty()) throw TemplateParseError(a.offset, "filter " + f.name + ": empty argument");
      }
      args.push_back(std::move(a));
      while (i < s.size() && is_space(s[i])) ++i;
      if (i >= s.size()) throw TemplateParseError(base + open, "filter " + f.name + ": missing ')'");
      if (s[i] != ',' && s[i] != ')') throw TemplateParseError(base + i, "filter " + f.name + ": expected ',' or ')' after an argument");
      done = s[i++] == ')';
    }
  }
  while (i < s.size() && is_space(s[i])) ++i;
  if (i < s.size()) throw TemplateParseError(base + i, "filter " + f.name + ": unexpected '" + std::string(s.substr(i)) + "'");
  if (args.size() < info->min_args || args.size() > info->max_args) {
    const std::string n = info->min_args == info->max_args ? std::to_string(info->min_args)
                                                           : std::to_string(info->min_args) + " to " + std::to_string(info->max_args);
    throw TemplateParseError(base, "filter " + f.name + " takes " + n + " argument(s), got " + std::to_string(args.size()));
  }
  // Arguments are checked here so that a bad layout fails when it loads, not on some record.
  if (f.name == "fixed" || f.name == "percent") {
    for (const Arg& a : args) decimals_arg(f.name, a);
  } else if (f.name == "decimals") {
    if (decimals_arg(f.name, args[0]) > decimals_arg(f.name, args[1]))
      throw TemplateParseError(args[0].offset, "filter decimals: min (" + args[0].text + ") is greater than max (" + args[1].text + ")");
  } else if (f.name == "daxie" && !args.empty()) {
    keyword_arg(f.name, args[0], "rmb");
  } else if (f.name == "date" && !args.empty()) {
    if (args[0].text != "cn" && args[0].text != "ym")
      throw TemplateParseError(args[0].offset, "filter date: the options are 'cn' (二〇一八年七月一日) and 'ym' (2018.07), got '" + args[0].text + "'");
  } else if (f.name == "numbered") {
    if (args.size() == 1 && args[0].text == "always") args.insert(args.begin(), Arg{"1、", args[0].offset});
    if (!args.empty() && args[0].text.find('1') == std::string::npos && args[0].text.find("一") == std::string::npos)
      throw TemplateParseError(args[0].offset, "filter numbered: the pattern needs a 1 (or 一) where the number goes, got '" + args[0].text + "'");
    if (args.size() > 1) keyword_arg(f.name, args[1], "always");
  }
  for (Arg& a : args) f.args.push_back(std::move(a.text));
  return f;
}

void check_path(std::string_view path, size_t offset) {
  if (size_t paren = path.find('('); paren != std::string_view::npos && path.substr(0, paren) != "count" &&
                                         find_filter(path.substr(0, paren)))
    throw TemplateParseError(offset, "'" + std::string(path) + "' is a filter: filters follow the field, as in {{field | " + std::string(path) + "}}");
  try {
    if (parse_aggregate(path)) return;  // sum(budget_wan): the binder supplies its value
  } catch (const std::invalid_argument& e) {
    throw TemplateParseError(offset, e.what());
  }
  bool bad = path.front() == '.' || path.back() == '.' || path.find("..") != std::string_view::npos;
  for (char c : path)
    if (is_space(c) || c == '{' || c == '}' || c == '"' || c == '\'' || c == '\\') bad = true;
  if (bad) throw TemplateParseError(offset, "bad field path '" + std::string(path) + "'");
}

/// Parses the expression whose "{{" is at `open`; returns it and sets `end` past its "}}".
Template::Part parse_expr(std::string_view src, size_t open, size_t& end) {
  // Find "}}" and the '|' separators outside quoted arguments.
  std::vector<size_t> bars;
  size_t i = open + 2, quote_at = 0;
  char quote = 0;
  for (; i < src.size(); ++i) {
    const char c = src[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
      quote_at = i;
    } else if (c == '|') {
      bars.push_back(i);
    } else if (c == '}' && i + 1 < src.size() && src[i + 1] == '}') {
      break;
    }
  }
  if (quote) throw TemplateParseError(quote_at, "unterminated string in '{{ ... }}'");
  if (i >= src.size()) throw TemplateParseError(open, "unclosed '{{' (missing '}}')");
  end = i + 2;
  bars.push_back(i);  // the piece boundaries: [open+2, bar0), (bar0, bar1), ...

  Template::Part part;
  part.is_expr = true;
  size_t start = open + 2;
  for (size_t k = 0; k < bars.size(); ++k) {
    std::string_view raw = src.substr(start, bars[k] - start);
    const size_t lead = std::min(raw.size(), raw.find_first_not_of(" \t\r\n"));
    const std::string_view piece = trim_ascii(raw);
    const size_t at = start + lead;
    if (k == 0) {
      if (piece.empty())
        throw TemplateParseError(open, bars.size() == 1 ? "empty expression '{{}}': name a field, e.g. {{project_name}}"
                                                        : "missing field before '|'");
      check_path(piece, at);
      part.text = std::string(piece);
    } else {
      if (piece.empty()) throw TemplateParseError(bars[k - 1], "empty filter after '|'");
      part.filters.push_back(parse_filter(piece, at));
    }
    start = bars[k] + 1;
  }
  return part;
}

}  // namespace

Template Template::parse(std::string_view src) {
  Template t;
  t.source_ = std::string(src);
  std::string literal;
  size_t i = 0;
  while (i < src.size()) {
    if (src.compare(i, 3, "\\{{") == 0) {
      literal += "{{";
      i += 3;
    } else if (src.compare(i, 2, "{{") == 0) {
      if (!literal.empty()) t.parts_.push_back({false, std::move(literal), {}});
      literal.clear();
      t.parts_.push_back(parse_expr(src, i, i));
    } else {
      literal += src[i++];
    }
  }
  if (!literal.empty()) t.parts_.push_back({false, std::move(literal), {}});
  return t;
}

std::vector<std::string> Template::fields() const {
  std::vector<std::string> out;
  for (const Part& p : parts_)
    if (p.is_expr) out.push_back(p.text);
  return out;
}

std::vector<std::string> Template::list_fields() const {
  std::vector<std::string> out;
  for (const Part& p : parts_)
    if (p.is_expr && !p.filters.empty() &&
        (p.filters[0].name == "join" || p.filters[0].name == "numbered" || p.filters[0].name == "count" ||
         (p.filters[0].name == "checkbox" && !p.filters[0].args.empty())))  // a multiple choice
      out.push_back(p.text);
  return out;
}

bool Template::is_static() const {
  return std::none_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.is_expr; });
}

}  // namespace gongwen
