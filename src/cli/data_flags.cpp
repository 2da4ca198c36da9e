// The data flags shared by render and check: encodings and field kinds, the sheet, and the
// document fields given on the command line (--document first, then each --set in order).
#include <cstdlib>

#include "cli/commands.hpp"

namespace gongwen::cli {

DataFormatOptions data_format_options(const Options& o) {
  DataFormatOptions d;
  d.encoding = o.encoding;
  d.list_separator = o.list_separator;
  d.list_fields = o.list_fields;
  d.number_fields = o.number_fields;
  d.sheet = o.sheet;
  if (!o.document_file.empty()) d.document = load_document_file(o.document_file);
  for (const auto& s : o.sets) set_document_field(d.document, s);
  return d;
}

RendererOptions renderer_options(const Options& o) {
  RendererOptions ro;
  if (const char* env = std::getenv("GONGWEN_FONT_MAP"); env && *env) ro.font_map = env;
  if (const char* env = std::getenv("GONGWEN_FONT_PATH"); env && *env) {
    std::string_view rest = env;
    while (!rest.empty()) {
      const size_t colon = rest.find(':');
      if (colon != 0) ro.font_dirs.emplace_back(std::string(rest.substr(0, colon)));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  if (const char* env = std::getenv("TMPDIR"); env && *env) ro.temp_dir = env;
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
    char* end = nullptr;
    const long long t = std::strtoll(env, &end, 10);
    if (*end != '\0') throw Error(ErrorKind::Usage, std::string("SOURCE_DATE_EPOCH is not a number of seconds: ") + env);
    ro.creation_time = t;
  }
  for (const auto& m : o.font_maps) ro.font_maps.emplace_back(m);
  for (const auto& d : o.font_dirs) ro.font_dirs.emplace_back(d);
  return ro;
}

}  // namespace gongwen::cli
