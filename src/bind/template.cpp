#include "bind/template.hpp"

#include <algorithm>
#include <cmath>

#include "bind/format.hpp"

namespace gongwen {

using nlohmann::json;

namespace {

struct FilterInfo {
  std::string_view name;
  size_t min_args, max_args;
};
constexpr FilterInfo kFilters[] = {
    {"fixed", 1, 1},   {"decimals", 2, 2}, {"group", 0, 0}, {"percent", 0, 1}, {"wan", 0, 0},
    {"daxie", 0, 1},   {"date", 0, 1},     {"default", 1, 1}, {"upper", 0, 0}, {"trim", 0, 0},
    {"join", 0, 1},    {"numbered", 0, 2}, {"count", 0, 0},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int int_arg(const Template::Filter& f, size_t i, size_t offset) {
  const std::string& a = f.args[i];
  if (a.empty() || a.size() > 2 || a.find_first_not_of("0123456789") != std::string::npos)
    throw TemplateParseError(offset, "filter " + f.name + ": argument " + std::to_string(i + 1) + " must be a number of decimals (0-99), got '" + a + "'");
  return std::stoi(a);
}

/// Parses "name(arg, \"arg\")" starting at `s`; `base` is its offset for errors.
Template::Filter parse_filter(std::string_view s, size_t base) {
  Template::Filter f;
  size_t paren = s.find('(');
  f.name = std::string(trim(s.substr(0, paren)));
  const FilterInfo* info = nullptr;
  for (const auto& k : kFilters)
    if (k.name == f.name) info = &k;
  if (!info) {
    std::string known;
    for (const auto& k : kFilters) known += (known.empty() ? "" : ", ") + std::string(k.name);
    throw TemplateParseError(base, "unknown filter '" + f.name + "' (known: " + known + ")");
  }
  if (paren != std::string_view::npos) {
    std::string_view rest = trim(s.substr(paren + 1));
    if (rest.empty() || rest.back() != ')') throw TemplateParseError(base + paren, "filter " + f.name + ": missing ')'");
    rest.remove_suffix(1);
    size_t i = 0;
    while (i < rest.size()) {
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      if (i >= rest.size()) break;
      std::string arg;
      if (rest[i] == '"') {
        size_t j = i + 1;
        while (j < rest.size() && rest[j] != '"') {
          if (rest[j] == '\\' && j + 1 < rest.size()) ++j;
          arg += rest[j++];
        }
        if (j >= rest.size()) throw TemplateParseError(base + paren + 1 + i, "filter " + f.name + ": unterminated string");
        i = j + 1;
      } else {
        size_t j = rest.find(',', i);
        arg = std::string(trim(rest.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i)));
        i = j == std::string_view::npos ? rest.size() : j;
      }
      f.args.push_back(arg);
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      if (i < rest.size()) {
        if (rest[i] != ',') throw TemplateParseError(base + paren + 1 + i, "filter " + f.name + ": expected ',' between arguments");
        ++i;
      }
    }
  }
  if (f.args.size() < info->min_args || f.args.size() > info->max_args)
    throw TemplateParseError(base, "filter " + f.name + " takes " +
                                       (info->min_args == info->max_args ? std::to_string(info->min_args)
                                                                         : std::to_string(info->min_args) + " to " + std::to_string(info->max_args)) +
                                       " argument(s), got " + std::to_string(f.args.size()));
  if (f.name == "fixed" || f.name == "decimals" || (f.name == "percent" && !f.args.empty()))
    for (size_t i = 0; i < f.args.size(); ++i) int_arg(f, i, base);
  return f;
}

std::string describe(const json& v) {
  std::string d = v.dump();
  if (d.size() > 40) d = d.substr(0, 37) + "...";
  return std::string(v.type_name()) + " " + d;
}

/// The value as a decimal string for numeric filters; strings holding numbers are accepted.
std::string number_text(const json& v, const std::string& field) {
  if (v.is_number()) {
    if (v.is_number_float()) return shortest_decimal(v.get<double>());
    return v.dump();
  }
  if (v.is_string()) {
    std::string s(trim(v.get<std::string>()));
    char* end = nullptr;
    std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0' && s.find_first_not_of("+-.0123456789") == std::string::npos) return s;
  }
  throw BindError(field, "expected a number, got " + describe(v));
}
double number_of(const json& v, const std::string& field) { return std::strtod(number_text(v, field).c_str(), nullptr); }

std::string to_text(const json& v, const std::string& field) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return shortest_decimal(v.get<double>());
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_null()) return "";
  throw BindError(field, "expected a text or number, got " + describe(v));
}

bool is_empty(const json* v) {
  return !v || v->is_null() || (v->is_string() && v->get<std::string>().empty()) || (v->is_array() && v->empty());
}

const json* lookup(const std::string& path, const TemplateContext& ctx, json& scratch) {
  if (path == "index") {
    scratch = ctx.index;
    return &scratch;
  }
  const json* v = ctx.record;
  std::string_view rest = path;
  if (rest.starts_with("document.") || rest == "document") {
    v = ctx.document;
    rest = rest == "document" ? std::string_view() : rest.substr(9);
  }
  while (v && !rest.empty()) {
    size_t dot = rest.find('.');
    std::string key(rest.substr(0, dot));
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    if (v->is_object()) {
      auto it = v->find(key);
      v = it == v->end() ? nullptr : &*it;
    } else if (v->is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos) {
      size_t i = std::stoul(key);
      v = i < v->size() ? &(*v)[i] : nullptr;
    } else {
      v = nullptr;
    }
  }
  return v;
}

struct Evaluated {
  json value;
  bool missing = false;
  std::optional<NumericCell> numeric;  ///< set while the value is still a displayed number
};

Evaluated evaluate(const Template::Part& part, const TemplateContext& ctx) {
  json scratch;
  const json* found = lookup(part.text, ctx, scratch);
  Evaluated e;
  e.missing = found == nullptr;
  e.value = found ? *found : json();
  const std::string& field = part.text;
  if (e.value.is_number()) {
    NumericCell n;
    n.value = e.value.get<double>();
    std::string t = number_text(e.value, field);
    size_t dot = t.find('.');
    n.decimals = dot == std::string::npos ? 0 : static_cast<int>(t.size() - dot - 1);
    e.numeric = n;
  }
  for (const auto& f : part.filters) {
    const std::string& name = f.name;
    if (name == "default") {
      if (e.missing || is_empty(&e.value)) {
        e.value = f.args[0];
        e.missing = false;
        e.numeric.reset();
      }
      continue;
    }
    if (e.missing) throw BindError(field, "missing field");
    if (e.value.is_null() && name != "count") {
      e.value = "";
      e.numeric.reset();
      continue;  // a null shows as empty; formatting filters skip it
    }
    if (name == "fixed" || name == "decimals") {
      double v = number_of(e.value, field);
      int lo = std::stoi(f.args[0]), hi = name == "fixed" ? lo : std::stoi(f.args[1]);
      std::string t = name == "fixed" ? format_fixed(v, lo) : format_decimals(v, lo, hi);
      size_t dot = t.find('.');
      NumericCell n;
      n.value = v;
      n.decimals = dot == std::string::npos ? 0 : static_cast<int>(t.size() - dot - 1);
      e.numeric = n;
      e.value = t;
    } else if (name == "group") {
      std::string t = e.value.is_string() ? e.value.get<std::string>() : number_text(e.value, field);
      number_text(json(t), field);
      e.value = group_thousands(t);
      if (e.numeric) e.numeric->grouped = true;
      else e.numeric = NumericCell{std::strtod(t.c_str(), nullptr), static_cast<int>(t.find('.') == std::string::npos ? 0 : t.size() - t.find('.') - 1), false, true, {}, {}};
    } else if (name == "percent") {
      double v = number_of(e.value, field);
      int d = f.args.empty() ? 2 : std::stoi(f.args[0]);
      e.value = format_percent(v, d);
      e.numeric = NumericCell{v, d, true, false, {}, {}};
    } else if (name == "wan") {
      std::string t = wan_from_yuan(number_text(e.value, field));
      e.value = std::strtod(t.c_str(), nullptr);
      size_t dot = t.find('.');
      e.numeric = NumericCell{e.value.get<double>(), dot == std::string::npos ? 0 : static_cast<int>(t.size() - dot - 1), false, false, {}, {}};
    } else if (name == "daxie") {
      try {
        std::string t = daxie_amount(number_text(e.value, field));
        e.value = (!f.args.empty() && f.args[0] == "rmb" ? "人民币" : "") + t;
      } catch (const std::invalid_argument& ex) {
        throw BindError(field, ex.what());
      }
      e.numeric.reset();
    } else if (name == "date") {
      if (!e.value.is_string()) throw BindError(field, "expected a date such as \"2018-07-01\", got " + describe(e.value));
      try {
        e.value = official_date(e.value.get<std::string>(), !f.args.empty() && f.args[0] == "cn");
      } catch (const std::invalid_argument& ex) {
        throw BindError(field, ex.what());
      }
      e.numeric.reset();
    } else if (name == "upper" || name == "trim") {
      std::string t = to_text(e.value, field);
      if (name == "upper") std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      else t = std::string(trim(t));
      e.value = t;
      e.numeric.reset();
    } else if (name == "join") {
      if (!e.value.is_array()) throw BindError(field, "join needs a list, got " + describe(e.value));
      std::string sep = f.args.empty() ? "、" : f.args[0], t;
      for (size_t i = 0; i < e.value.size(); ++i) t += (i ? sep : "") + to_text(e.value[i], field + "[" + std::to_string(i) + "]");
      e.value = t;
      e.numeric.reset();
    } else if (name == "numbered") {
      if (!e.value.is_array()) throw BindError(field, "numbered needs a list, got " + describe(e.value));
      std::string pattern = f.args.empty() ? "1、" : f.args[0];
      const bool always = f.args.size() > 1 && f.args[1] == "always";
      json out = json::array();
      for (size_t i = 0; i < e.value.size(); ++i) {
        std::string item = to_text(e.value[i], field + "[" + std::to_string(i) + "]");
        if (e.value.size() > 1 || always) {
          std::string prefix = pattern;
          size_t one = prefix.find('1');
          if (one != std::string::npos) prefix.replace(one, 1, std::to_string(i + 1));
          item = prefix + item;
        }
        out.push_back(item);
      }
      e.value = out;
      e.numeric.reset();
    } else if (name == "count") {
      e.value = e.value.is_array() ? e.value.size() : (e.value.is_null() ? 0u : 1u);
      e.numeric = NumericCell{static_cast<double>(e.value.get<size_t>()), 0, false, false, {}, {}};
    }
  }
  if (e.missing) throw BindError(field, "missing field");
  return e;
}

}  // namespace

std::string NumericCell::excel_format() const {
  std::string f = grouped ? "#,##0" : "0";
  if (decimals > 0) f += "." + std::string(static_cast<size_t>(decimals), '0');
  if (percent) f += "%";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\\\"") : std::string(1, c);
    return q + "\"";
  };
  if (!prefix.empty()) f = quote(prefix) + f;
  if (!suffix.empty()) f += quote(suffix);
  return f;
}

Template Template::parse(std::string_view src) {
  Template t;
  t.source_ = std::string(src);
  std::string literal;
  size_t i = 0;
  while (i < src.size()) {
    if (src.compare(i, 3, "\\{{") == 0) {
      literal += "{{";
      i += 3;
      continue;
    }
    if (src.compare(i, 2, "{{") != 0) {
      literal += src[i++];
      continue;
    }
    size_t close = src.find("}}", i + 2);
    if (close == std::string_view::npos) throw TemplateParseError(i, "unclosed '{{' (missing '}}')");
    if (!literal.empty()) t.parts_.push_back({false, std::move(literal), {}});
    literal.clear();
    std::string_view body = src.substr(i + 2, close - i - 2);
    // Split on '|' outside quotes.
    std::vector<std::pair<size_t, std::string_view>> pieces;
    size_t start = 0;
    bool quoted = false;
    for (size_t k = 0; k <= body.size(); ++k) {
      if (k < body.size() && body[k] == '"' && (k == 0 || body[k - 1] != '\\')) quoted = !quoted;
      if (k == body.size() || (body[k] == '|' && !quoted)) {
        pieces.emplace_back(i + 2 + start, body.substr(start, k - start));
        start = k + 1;
      }
    }
    Part expr;
    expr.is_expr = true;
    expr.text = std::string(trim(pieces[0].second));
    if (expr.text.empty()) throw TemplateParseError(i, "empty expression '{{}}': name a field, e.g. {{project_name}}");
    for (char c : expr.text)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || static_cast<unsigned char>(c) >= 0x80))
        throw TemplateParseError(pieces[0].first, "bad field path '" + expr.text + "'");
    for (size_t k = 1; k < pieces.size(); ++k) {
      std::string_view ftext = trim(pieces[k].second);
      size_t lead = pieces[k].second.find_first_not_of(" \t");
      if (ftext.empty()) throw TemplateParseError(pieces[k].first, "empty filter after '|'");
      expr.filters.push_back(parse_filter(ftext, pieces[k].first + (lead == std::string_view::npos ? 0 : lead)));
    }
    t.parts_.push_back(std::move(expr));
    i = close + 2;
  }
  if (!literal.empty()) t.parts_.push_back({false, std::move(literal), {}});
  return t;
}

std::vector<std::string> Template::render(const TemplateContext& ctx) const {
  if (parts_.size() == 1 && parts_[0].is_expr) {
    Evaluated e = evaluate(parts_[0], ctx);
    if (e.value.is_array()) {
      std::vector<std::string> out;
      for (size_t i = 0; i < e.value.size(); ++i) out.push_back(to_text(e.value[i], parts_[0].text + "[" + std::to_string(i) + "]"));
      return out;
    }
    return {to_text(e.value, parts_[0].text)};
  }
  std::string s;
  for (const Part& p : parts_) {
    if (!p.is_expr) {
      s += p.text;
      continue;
    }
    Evaluated e = evaluate(p, ctx);
    if (e.value.is_array()) {
      std::string joined;
      for (size_t i = 0; i < e.value.size(); ++i) joined += (i ? "、" : "") + to_text(e.value[i], p.text);
      s += joined;
    } else {
      s += to_text(e.value, p.text);
    }
  }
  return {s};
}

std::optional<NumericCell> Template::numeric(const TemplateContext& ctx) const {
  const Part* expr = nullptr;
  std::string prefix, suffix;
  for (const Part& p : parts_) {
    if (p.is_expr) {
      if (expr) return std::nullopt;
      expr = &p;
    } else {
      (expr ? suffix : prefix) += p.text;
    }
  }
  if (!expr) return std::nullopt;
  Evaluated e = evaluate(*expr, ctx);
  if (!e.numeric) return std::nullopt;
  e.numeric->prefix = prefix;
  e.numeric->suffix = suffix;
  return e.numeric;
}

std::vector<std::string> Template::fields() const {
  std::vector<std::string> out;
  for (const Part& p : parts_)
    if (p.is_expr) out.push_back(p.text);
  return out;
}

bool Template::is_static() const {
  return std::none_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.is_expr; });
}

}  // namespace gongwen
