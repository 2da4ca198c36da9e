#pragma once
// Text templates of layout files: literal text with {{ path | filter(args) | filter }}
// expressions. Parsed once when the layout loads (errors carry the byte offset, which the layout
// parser turns into file:line:col); rendered per record.
//
// Syntax
//   `\{{` is a literal "{{" (in a TOML basic string write "\\{{", or use a '...' literal string).
//   Paths: `field`, `a.b.c`, `list.0` (0-based item); `index` is the record's number (1-based);
//   `document.x` reads document-level data; `item` and `n` inside for_each rows, `page` and
//   `pages` in headers and footers (the binder puts those into the record). A key that itself
//   contains dots ("1.2") is found too: at each level the whole remaining path is tried first.
//   Filter arguments are numbers, bare words (rmb, cn, always) or strings in "..." or '...'
//   (backslash escapes the quote).
//
// Filters (applied left to right)
//   fixed(n)          number → n decimals, half away from zero          20.645 → 20.65
//   decimals(min,max) round to max, trim zeros down to min               20 → 20.00, 20.645
//   group             thousands separators in the integer part            1,234,567.50
//   percent(n)        fraction → percentage, n decimals (default 2)       0.8913 → 89.13%
//   wan               元 → 万元 (exact)                                    206450 → 20.645
//   daxie, daxie(rmb) 人民币大写金额, optionally prefixed "人民币"          壹拾万零伍拾元整
//   date, date(cn)    2018-07-01 → 2018年7月1日 / 二〇一八年七月一日
//   default("text")   replaces a missing, null, "" or [] value; filters before it are skipped
//                     for such values, so `x | fixed(2) | default("—")` works
//   upper, trim       ASCII upper case; trim spaces (also U+3000) — per item on a list
//   join("、")        list → one text (default separator 、)
//   numbered("1、")   list → items prefixed with the pattern, its 1 replaced by the item's
//                     number (its 一 by 一, 二, … for "（一）"); a single item is left unnumbered
//                     unless numbered("1、", always)
//   count             number of items (null → 0)
// Numeric filters take numbers and strings holding numbers ("20.645", "1,234.5": CSV cells).
// Without filters a number prints in its shortest round-trip form (20.645, 88.47, 12).
// A null value (CSV empty cell) renders as "" and passes through formatting filters; a missing
// field is an error unless `default` follows.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

class TemplateParseError : public std::runtime_error {
 public:
  TemplateParseError(size_t offset_, const std::string& message) : std::runtime_error(message), offset(offset_) {}
  size_t offset;  ///< byte offset in the template source
};

/// A record value that does not fit the template. `field` is the path ("performance[2]" for a
/// list item); what() is the problem alone ("expected a number, got string \"abc\""), since
/// callers print "<data>: record N: <field>: <problem>". message() joins both.
class BindError : public std::runtime_error {
 public:
  BindError(std::string field_, const std::string& problem) : std::runtime_error(problem), field(std::move(field_)) {}
  std::string field;
  /// "field 'budget_wan': expected a number, got string \"abc\""
  std::string message() const { return "field '" + field + "': " + what(); }
};

struct TemplateContext {
  const nlohmann::json* record = nullptr;
  const nlohmann::json* document = nullptr;
  size_t index = 0;
  /// When set, warnings found while rendering ("field: numbered inconsistently: …") for gongwen check.
  std::vector<std::string>* notes = nullptr;
};

/// A number shown by a template, for typed spreadsheet cells: value plus how it is displayed.
struct NumericCell {
  double value = 0;      ///< the number as displayed (after rounding); a fraction when `percent`
  int decimals = 0;      ///< decimals shown
  bool percent = false;  ///< shown as a percentage
  bool grouped = false;  ///< thousands separators
  int scale = 0;         ///< the data's number ÷ 10^scale (`wan`: 4), so a 合计 in 万元 never sums a column in 元
  std::string prefix, suffix;  ///< literal text around the number ("万元")
  /// The Excel number format that displays the value as the template does: 0.000"万元".
  std::string excel_format() const;
};

class Template {
 public:
  Template() = default;
  /// Throws TemplateParseError: unclosed {{, empty expression, bad path, unknown filter, bad
  /// arguments, unterminated string.
  static Template parse(std::string_view source);

  /// One string per paragraph: a template that is exactly one expression whose value is a list
  /// yields one string per item (none for an empty list); anything else yields one string (a list
  /// inside text is joined with 、). Throws BindError.
  std::vector<std::string> render(const TemplateContext& ctx) const;
  /// The typed number behind a template that is one expression (plus literal prefix/suffix)
  /// over a number; nullopt for text. With `numeric_text`, a text holding a number ("1286450.5",
  /// "1,234.5", as CSV gives) counts as that number too (a summary column that sums). Throws
  /// BindError like render().
  std::optional<NumericCell> numeric(const TemplateContext& ctx, bool numeric_text = false) const;
  /// This template with every expression whose path `keep` refuses rendered over `ctx` into
  /// literal text; the kept expressions stay to be rendered later (a footer's {{page}} once
  /// pages exist, its {{document.title}} now). Throws BindError like render().
  Template resolved(const TemplateContext& ctx, const std::function<bool(const std::string& path)>& keep) const;
  /// Field paths referenced, in order.
  std::vector<std::string> fields() const;
  /// Field paths given to a filter that needs a list (join, numbered, count) or tests one
  /// (checkbox("值"): a multiple choice, one item per line of a CSV or workbook cell).
  std::vector<std::string> list_fields() const;
  bool is_static() const;
  const std::string& source() const { return source_; }

  struct Filter {
    std::string name;
    std::vector<std::string> args;
  };
  struct Part {
    bool is_expr = false;
    std::string text;  ///< literal text, or the path of an expression
    std::vector<Filter> filters;
  };

 private:
  std::string source_;
  std::vector<Part> parts_;
};

}  // namespace gongwen
