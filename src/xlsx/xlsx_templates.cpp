#include "xlsx/xlsx_templates.hpp"

#include "core/error.hpp"

namespace gongwen {

namespace {

/// Renders `t`; a BindError becomes the writer's Error(Data) for `origin`, its message after
/// `prefix` (the writer says "sheet_name: " for sheet names).
void render_as_writer(const Template& t, const TemplateContext& ctx, const RecordOrigin& origin, const std::string& prefix) {
  try {
    (void)t.render(ctx);
  } catch (const BindError& e) {
    throw Error(ErrorKind::Data, data_error(origin, e.field, prefix + e.what()));
  }
}

}  // namespace

void check_xlsx_templates(const Layout& layout, const nlohmann::json& fields, const nlohmann::json& document,
                          const RecordOrigin& origin) {
  const XlsxSpec& x = layout.xlsx;
  const TemplateContext ctx{&fields, &document, origin.index};
  if (x.sheet_name) render_as_writer(*x.sheet_name, ctx, origin, "sheet_name: ");
  for (const XlsxSpec::SummaryColumn& col : x.summary) render_as_writer(col.value, ctx, origin, "");
  if (x.summary_title && !x.summary.empty()) {  // the 一览表 is written only with columns
    static const nlohmann::json empty = nlohmann::json::object();
    render_as_writer(*x.summary_title, TemplateContext{&empty, &document, 0}, {origin.data_name, 0}, "");
  }
}

}  // namespace gongwen
