// Rendering parsed templates against a record: path lookup, filters, typed numbers.
#include "template/template.hpp"

#include <algorithm>
#include <charconv>

#include "template/format.hpp"
#include "template/numbering.hpp"

namespace gongwen {

using nlohmann::json;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Trims ASCII white space and the ideographic space U+3000, which Chinese text uses for indents.
std::string trim_text(std::string_view s) {
  constexpr std::string_view kIdeo = "\u3000";
  for (size_t before = 0; before != s.size();) {
    before = s.size();
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (s.starts_with(kIdeo)) s.remove_prefix(kIdeo.size());
    if (s.ends_with(kIdeo)) s.remove_suffix(kIdeo.size());
  }
  return std::string(s);
}

/// JSON text of a value; bytes that are not UTF-8 (possible only in values the program did not
/// read through its own checked readers) become U+FFFD rather than an exception of the library.
std::string safe_dump(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string describe(const json& v) {
  std::string d = safe_dump(v);
  if (d.size() > 40) {
    size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(d[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    d = d.substr(0, cut) + "...";
  }
  const char* type = v.is_array() ? "list" : v.type_name();
  return std::string(type) + " " + d;
}

std::string item_path(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

double to_double(const std::string& decimal) {
  double d = 0;
  std::from_chars(decimal.data(), decimal.data() + decimal.size(), d);  // locale-independent
  return d;
}

/// The value as canonical decimal text, for numeric filters; strings holding numbers count.
std::string number_text(const json& v, const std::string& field) {
  if (v.is_number_float()) {
    try {
      return shortest_decimal(v.get<double>());
    } catch (const std::invalid_argument& e) {
      throw BindError(field, e.what());
    }
  }
  if (v.is_number()) return v.dump();
  if (v.is_string())
    if (auto d = decimal_from_text(v.get_ref<const std::string&>())) return *d;
  throw BindError(field, "expected a number, got " + describe(v));
}

std::string to_text(const json& v, const std::string& field) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return number_text(v, field);
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_null()) return "";
  throw BindError(field, "expected a text or number, got " + describe(v));
}

NumericCell cell_of(const std::string& shown) {
  NumericCell n;
  n.value = to_double(shown);
  const size_t dot = shown.find('.');
  n.decimals = dot == std::string::npos ? 0 : static_cast<int>(shown.size() - dot - 1);
  return n;
}

const json* lookup(const std::string& path, const TemplateContext& ctx, json& scratch) {
  if (path == "index") {
    scratch = ctx.index;
    return &scratch;
  }
  const json* v = ctx.record;
  std::string_view rest = path;
  if (rest == "document" || rest.starts_with("document.")) {
    v = ctx.document;
    rest.remove_prefix(std::min(rest.size(), std::string_view("document.").size()));
  }
  while (v && !rest.empty()) {
    if (v->is_object()) {
      if (auto whole = v->find(rest); whole != v->end()) return &*whole;  // a key with dots in it
    }
    const size_t dot = rest.find('.');
    const std::string_view key = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    if (v->is_object()) {
      auto it = v->find(key);
      v = it == v->end() ? nullptr : &*it;
    } else if (v->is_array() && key.find_first_not_of("0123456789") == std::string_view::npos && key.size() < 10) {
      const size_t i = std::stoul(std::string(key));
      v = i < v->size() ? &(*v)[i] : nullptr;
    } else {
      v = nullptr;
    }
  }
  return v;
}

/// ☑ and ☐ (fonts/fonts.toml maps them to a face that has them).
constexpr const char* kChecked = "\u2611";
constexpr const char* kUnchecked = "\u2610";

struct Value {
  json v;
  bool missing = false;
  std::optional<NumericCell> num;  ///< set while the value is a displayed number
};

bool is_blank(const Value& x) {
  return x.missing || x.v.is_null() || (x.v.is_string() && x.v.get_ref<const std::string&>().empty()) || (x.v.is_array() && x.v.empty());
}

/// Applies `f` to a present, non-blank value.
void apply(const Template::Filter& f, Value& x, const std::string& field, const TemplateContext& ctx) {
  const std::string& name = f.name;
  auto int_arg = [&](size_t i, int fallback) { return i < f.args.size() ? std::stoi(f.args[i]) : fallback; };
  auto per_item = [&](auto fn) {
    if (!x.v.is_array()) {
      x.v = fn(to_text(x.v, field));
      return;
    }
    for (size_t i = 0; i < x.v.size(); ++i) x.v[i] = fn(to_text(x.v[i], item_path(field, i)));
  };
  auto need_list = [&] {
    if (!x.v.is_array()) throw BindError(field, name + " needs a list, got " + describe(x.v));
  };
  std::optional<NumericCell> num;  // the new displayed number, if any
  try {
    if (name == "fixed" || name == "decimals") {
      const int lo = int_arg(0, 0), hi = name == "fixed" ? lo : int_arg(1, lo);
      const std::string t = format_decimals(number_text(x.v, field), lo, hi);
      x.v = t;
      num = cell_of(t);
    } else if (name == "group") {
      const std::string t = number_text(x.v, field);
      x.v = group_thousands(t);
      num = x.num && !x.num->percent ? *x.num : cell_of(t);
      num->grouped = true;
    } else if (name == "percent") {
      const std::string t = format_percent(number_text(x.v, field), int_arg(0, 2));
      x.v = t;
      num = cell_of(t.substr(0, t.size() - 1) + "e-2");
      num->decimals = int_arg(0, 2);
      num->percent = true;
    } else if (name == "wan") {
      const std::string t = wan_from_yuan(number_text(x.v, field));
      x.v = t;
      num = cell_of(t);
      num->scale = (x.num ? x.num->scale : 0) + 4;
    } else if (name == "daxie") {
      x.v = daxie_amount(number_text(x.v, field), !f.args.empty());
    } else if (name == "date") {
      if (!x.v.is_string() && !x.v.is_number_integer())
        throw BindError(field, "expected a date such as \"2018-07-01\", got " + describe(x.v));
      const std::string text = x.v.is_string() ? x.v.get<std::string>() : safe_dump(x.v);
      x.v = !f.args.empty() && f.args[0] == "ym" ? year_month(text) : official_date(text, !f.args.empty());
    } else if (name == "upper") {
      per_item([](std::string t) {
        std::transform(t.begin(), t.end(), t.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
        return t;
      });
    } else if (name == "trim") {
      per_item([](const std::string& t) { return trim_text(t); });
    } else if (name == "join") {
      need_list();
      const std::string sep = f.args.empty() ? "、" : f.args[0];
      std::string t;
      for (size_t i = 0; i < x.v.size(); ++i) t += (i ? sep : "") + to_text(x.v[i], item_path(field, i));
      x.v = t;
    } else if (name == "numbered") {
      need_list();
      const std::string pattern = f.args.empty() ? "1、" : f.args[0];
      const bool number_them = x.v.size() > 1 || f.args.size() > 1;  // the only 2nd argument is `always`
      std::vector<std::string> items;
      for (size_t i = 0; i < x.v.size(); ++i) items.push_back(to_text(x.v[i], item_path(field, i)));
      if (ctx.notes)
        if (auto problem = numbering_problem(items, pattern)) ctx.notes->push_back(field + ": " + *problem);
      x.v = number_them ? number_items(items, pattern) : items;
    } else if (name == "choose") {
      // choose("合格", "不合格"): true → the first, false → the second (CSV's "true"/"false", 1/0 too).
      const std::string t = x.v.is_string() ? x.v.get<std::string>() : safe_dump(x.v);
      if (t != "true" && t != "false" && t != "1" && t != "0")
        throw BindError(field, "choose needs true or false, got " + describe(x.v));
      x.v = f.args[t == "true" || t == "1" ? 0 : 1];
    } else if (name == "equals" || (name == "checkbox" && !f.args.empty())) {
      // equals("财务类"): true when the value (or any item of a list) is that text or number.
      bool hit = false;
      auto same = [&](const json& v) { return (v.is_string() ? v.get<std::string>() : safe_dump(v)) == f.args[0]; };
      if (x.v.is_array()) hit = std::any_of(x.v.begin(), x.v.end(), same);
      else hit = same(x.v);
      x.v = name == "checkbox" ? json(hit ? kChecked : kUnchecked) : json(hit);
    } else if (name == "checkbox") {
      const std::string t = x.v.is_string() ? x.v.get<std::string>() : safe_dump(x.v);
      if (t != "true" && t != "false" && t != "1" && t != "0")
        throw BindError(field, "checkbox needs true or false (or checkbox(\"value\") for a choice), got " + describe(x.v));
      x.v = t == "true" || t == "1" ? kChecked : kUnchecked;
    } else if (name == "count") {
      need_list();
      x.v = x.v.size();
      num = cell_of(x.v.dump());
    }
  } catch (const std::invalid_argument& e) {
    throw BindError(field, e.what());  // from the formatting functions: bad date, 大写 range...
  }
  if (num && x.num && name != "wan") num->scale = x.num->scale;  // fixed() after wan stays in 万元
  x.num = num;
}

Value evaluate(const Template::Part& part, const TemplateContext& ctx) {
  const std::string& field = part.text;
  json scratch;
  const json* found = lookup(field, ctx, scratch);
  Value x;
  x.missing = found == nullptr;
  if (found) x.v = *found;
  if (x.v.is_number()) x.num = cell_of(number_text(x.v, field));
  const auto& fs = part.filters;
  for (size_t k = 0; k < fs.size(); ++k) {
    if (fs[k].name == "default") {
      if (is_blank(x)) x = Value{fs[k].args[0], false, std::nullopt};
      continue;
    }
    if (is_blank(x)) {
      // A later default supplies the value, so formatting a blank value is moot.
      if (std::any_of(fs.begin() + static_cast<long>(k), fs.end(), [](const auto& f) { return f.name == "default"; })) continue;
      if (x.missing) throw BindError(field, "missing field");
      if (fs[k].name == "count") {
        x.v = 0;
        x.num = cell_of("0");
        continue;
      }
      if (fs[k].name == "equals" || (fs[k].name == "checkbox" && !fs[k].args.empty())) {  // nothing chosen
        x.v = fs[k].name == "checkbox" ? json(kUnchecked) : json(false);
        x.num.reset();
        continue;
      }
      if (!x.v.is_array()) continue;  // null and "" render as "" whatever the formatting
    }
    apply(fs[k], x, field, ctx);
  }
  if (x.missing) throw BindError(field, "missing field");
  return x;
}

}  // namespace

std::string NumericCell::excel_format() const {
  // Literal text is quoted; '"' cannot be inside quotes, so it is written as \" between them.
  auto literal = [](const std::string& s) {
    std::string out;
    bool open = false;
    for (char c : s) {
      if (c == '"') {
        if (open) out += '"', open = false;
        out += "\\\"";
        continue;
      }
      if (!open) out += '"', open = true;
      out += c;
    }
    return open ? out + '"' : out;
  };
  std::string f = literal(prefix) + (grouped ? "#,##0" : "0");
  if (decimals > 0) f += "." + std::string(static_cast<size_t>(decimals), '0');
  if (percent) f += "%";
  return f + literal(suffix);
}

std::vector<std::string> Template::render(const TemplateContext& ctx) const {
  if (parts_.size() == 1 && parts_[0].is_expr) {
    const std::string& field = parts_[0].text;
    Value x = evaluate(parts_[0], ctx);
    if (!x.v.is_array()) return {to_text(x.v, field)};
    std::vector<std::string> out;
    for (size_t i = 0; i < x.v.size(); ++i) out.push_back(to_text(x.v[i], item_path(field, i)));
    return out;
  }
  std::string s;
  for (const Part& p : parts_) {
    if (!p.is_expr) {
      s += p.text;
      continue;
    }
    const Value x = evaluate(p, ctx);
    if (!x.v.is_array()) s += to_text(x.v, p.text);
    for (size_t i = 0; x.v.is_array() && i < x.v.size(); ++i) s += (i ? "、" : "") + to_text(x.v[i], item_path(p.text, i));
  }
  return {s};
}

Template Template::resolved(const TemplateContext& ctx, const std::function<bool(const std::string&)>& keep) const {
  Template out;
  out.source_ = source_;
  auto literal = [&out](const std::string& text) {
    if (!out.parts_.empty() && !out.parts_.back().is_expr) out.parts_.back().text += text;
    else out.parts_.push_back(Part{false, text, {}});
  };
  for (const Part& p : parts_) {
    if (!p.is_expr) {
      literal(p.text);
    } else if (keep(p.text)) {
      out.parts_.push_back(p);
    } else {
      const Value x = evaluate(p, ctx);
      std::string s;
      if (!x.v.is_array()) s = to_text(x.v, p.text);
      for (size_t i = 0; x.v.is_array() && i < x.v.size(); ++i) s += (i ? "、" : "") + to_text(x.v[i], item_path(p.text, i));
      literal(s);
    }
  }
  return out;
}

std::optional<NumericCell> Template::numeric(const TemplateContext& ctx, bool numeric_text) const {
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
  Value x = evaluate(*expr, ctx);
  if (!x.num && numeric_text && x.v.is_string()) {
    const std::string& text = x.v.get_ref<const std::string&>();
    if (auto d = decimal_from_text(text)) {
      x.num = cell_of(*d);
      x.num->grouped = text.find(',') != std::string::npos;
    }
  }
  if (!x.num) return std::nullopt;
  x.num->prefix = std::move(prefix);
  x.num->suffix = std::move(suffix);
  return x.num;
}

}  // namespace gongwen
