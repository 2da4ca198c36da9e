#include "batch/data_options.hpp"

namespace gongwen {

DataOptions data_options_for(const DataFormatOptions& o, const Layout& layout) {
  DataOptions d;
  d.encoding = o.encoding;
  d.list_separator = o.list_separator;
  d.list_fields = o.list_fields;
  d.number_fields = o.number_fields;
  d.sheet = o.sheet;
  d.document_overrides = o.document;
  d.document_defaults = layout.document_defaults;
  d.line_list_fields = layout.list_fields;
  d.paragraph_fields = layout.paragraph_fields;
  return d;
}

}  // namespace gongwen
