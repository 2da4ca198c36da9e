// The data flags shared by render and check: encodings and field kinds, the sheet, and the
// document fields given on the command line (--document first, then each --set in order).
#include "cli/commands.hpp"
#include "data/record.hpp"

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

}  // namespace gongwen::cli
