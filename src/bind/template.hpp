#pragma once
// Text templates of layout files: literal text with {{ path | filter(args) | filter }}
// expressions. Parsed once when the layout loads (errors carry the byte offset, which the layout
// parser turns into file:line:col); rendered per record.
//
// Paths: `field`, `a.b.c`, `list.0`; `index` is the record's number (1-based); `document.x`
// reads document-level data; `item` and `n` inside for_each rows, `page` and `pages` in headers
// and footers. Write `\{{` for a literal "{{".
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

/// A record value that does not fit the template: names the field path.
class BindError : public std::runtime_error {
 public:
  BindError(std::string field_, const std::string& message) : std::runtime_error(message), field(std::move(field_)) {}
  std::string field;
};

struct TemplateContext {
  const nlohmann::json* record = nullptr;
  const nlohmann::json* document = nullptr;
  size_t index = 0;
};

/// A number shown by a template, for typed spreadsheet cells: value plus how it is displayed.
struct NumericCell {
  double value = 0;
  int decimals = 0;
  bool percent = false;  ///< shown as a percentage (value is the fraction)
  bool grouped = false;  ///< thousands separators
  std::string prefix, suffix;  ///< literal text around the number ("万元")
  /// The Excel number format that displays the value as the template does: 0.000"万元".
  std::string excel_format() const;
};

class Template {
 public:
  Template() = default;
  /// Throws TemplateParseError: unclosed {{, empty expression, unknown filter, bad arguments.
  static Template parse(std::string_view source);

  /// One string per paragraph: a template that is exactly one expression whose value is a list
  /// yields one string per item; anything else yields one string. Throws BindError.
  std::vector<std::string> render(const TemplateContext& ctx) const;
  /// The typed number behind a single-expression numeric template, else nullopt.
  std::optional<NumericCell> numeric(const TemplateContext& ctx) const;
  /// Field paths referenced, in order.
  std::vector<std::string> fields() const;
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
