// Templates: parse, then render against a record. The input is the template source, optionally
// followed by a NUL byte and the record as JSON (an object; its "document" member, if any, is
// the document data). Without a valid record a fixed one with every kind of value is used.
#include <nlohmann/json.hpp>

#include "template/template.hpp"
#include "core/error.hpp"
#include "fuzz_support.hpp"

namespace {

const nlohmann::json& default_record() {
  static const nlohmann::json r = nlohmann::json::parse(R"({
    "s": "文本 text", "n": 20.645, "i": 206450, "neg": -1234567.5, "zero": 0, "null": null,
    "empty": "", "date": "2018-07-01", "numtext": "1,234.5", "big": 1e300, "tiny": 1e-300,
    "list": ["一", "二", " 三 "], "nums": [1, 2.5, "3"], "none": [], "flag": true,
    "a": {"b": {"c": "深"}}, "1.2": "dotted",
    "document": {"title": ["标题", "副标题"], "year": 2017}
  })");
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen;
  const auto input = fuzz::as_text(data, size);
  const size_t nul = input.find('\0');
  const std::string_view source = input.substr(0, nul);
  nlohmann::json record = default_record();
  if (nul != std::string_view::npos) {
    const auto json_text = input.substr(nul + 1);
    if (fuzz::bracket_depth(json_text) > 256) return -1;  // issue #14 item 3 (fixed separately)
    auto parsed = nlohmann::json::parse(json_text, nullptr, false);
    if (parsed.is_object()) record = std::move(parsed);
  }
  const nlohmann::json empty = nlohmann::json::object();
  auto doc_it = record.find("document");
  TemplateContext ctx{&record, doc_it != record.end() ? &*doc_it : &empty, 7};

  Template t;
  try {
    t = Template::parse(source);
  } catch (const TemplateParseError& e) {
    if (e.offset > source.size() || std::string_view(e.what()).empty()) __builtin_trap();
    return 0;
  }
  if (t.source() != source) __builtin_trap();
  (void)t.fields();
  (void)t.is_static();
  try {
    const auto paragraphs = t.render(ctx);
    if (t.is_static() && paragraphs.size() != 1) __builtin_trap();
  } catch (const BindError& e) {
    (void)e.message();
  } catch (const Error&) {
  }
  try {
    if (auto cell = t.numeric(ctx)) (void)cell->excel_format();
  } catch (const BindError& e) {
    (void)e.message();
  } catch (const Error&) {
  }
  return 0;
}
