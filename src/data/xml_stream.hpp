#pragma once
// Expat behind a small push interface: element names without their namespace prefix, attributes
// as a lookup, character data as it comes. A document type declaration is refused (workbook
// parts never have one; entity expansion is how XML bombs work).
#include <exception>
#include <functional>
#include <string>
#include <string_view>

struct XML_ParserStruct;

namespace gongwen::data_detail {

class XmlStream {
 public:
  struct Attrs {
    const char** list;
    /// The value of attribute `name` (prefix ignored), or nullptr.
    const char* get(std::string_view name) const;
  };
  std::function<void(std::string_view name, const Attrs& attrs)> on_start;
  std::function<void(std::string_view name)> on_end;
  std::function<void(std::string_view text)> on_text;

  /// `where` names the part in messages: "book.xlsx: xl/workbook.xml".
  explicit XmlStream(std::string where);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  /// Feeds a chunk (`last` for the final one); throws Error(Data) at malformed XML, naming line
  /// and column in the part. A handler's exception passes through.
  void feed(std::string_view chunk, bool last);
  /// Stops parsing after the current callback (the rest of the part is not needed).
  void stop();

 private:
  static void start_cb(void* self, const char* name, const char** attrs);
  static void end_cb(void* self, const char* name);
  static void text_cb(void* self, const char* s, int len);
  static void doctype_cb(void* self, const char*, const char*, const char*, int);

  std::string where_;
  XML_ParserStruct* parser_;
  std::exception_ptr error_;
  bool stopped_ = false;
};

/// The local part of a qualified name: "x:row" → "row".
inline std::string_view local_name(std::string_view name) {
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace gongwen::data_detail
