// The public Renderer: wires font book, layout, composition and the writers.
#include <gongwen/gongwen.hpp>

#include "api/renderer_impl.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "ofd/ofd_writer.hpp"
#include "pdf/pdf_writer.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {
Document compose_json(const Renderer::Impl& impl, const nlohmann::json& data, const std::string& name) {
  static const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json* document = &empty;
  const nlohmann::json* records = &data;
  if (data.is_object()) {
    if (auto it = data.find("document"); it != data.end()) document = &*it;
    auto it = data.find("records");
    if (it == data.end()) throw Error(ErrorKind::Data, name + ": expected {\"records\": [...]} or an array of records");
    records = &*it;
  }
  if (!records->is_array()) throw Error(ErrorKind::Data, name + ": records must be an array");
  // JSON built in code never went through a reader: the same content rule applies to it.
  validate_data(*document, name + ": document");
  ComposeInput in;
  in.document = document;
  in.data_name = name;
  in.creation_time = creation_time(*impl.layout);
  for (size_t i = 0; i < records->size(); ++i) {
    if (!(*records)[i].is_object()) throw Error(ErrorKind::Data, name + ": record " + std::to_string(i + 1) + ": not an object");
    validate_data((*records)[i], name + ": record " + std::to_string(i + 1));
    in.records.push_back(&(*records)[i]);
    in.indices.push_back(i + 1);
  }
  return compose(*impl.layout, in);
}
}  // namespace

Renderer::Renderer(const fs::path& layout, const RendererOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->fonts = FontBook::load(FontBook::default_map_path());
  for (const auto& m : options.font_maps) impl_->fonts.add_map(m);
  for (const auto& d : options.font_dirs) impl_->fonts.add_font_dir(d);
  impl_->layout = load_layout(layout, impl_->fonts);
}

Renderer::~Renderer() = default;
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;

std::string Renderer::render_pdf(const nlohmann::json& data, const std::string& data_name) const {
  return gongwen::render_pdf(compose_json(*impl_, data, data_name));
}

std::string Renderer::render_ofd(const nlohmann::json& data, const std::string& data_name) const {
  return gongwen::render_ofd(compose_json(*impl_, data, data_name));
}

std::string Renderer::render_dump(const nlohmann::json& data, const std::string& data_name) const {
  return dump(compose_json(*impl_, data, data_name));
}

std::vector<fs::path> Renderer::render_file(const fs::path& data, const fs::path& out_dir, const OutputFormats& formats,
                                            const DataFormatOptions& data_options) const {
  BatchOptions o;
  o.data = {data};
  o.out_dir = out_dir;
  o.formats = formats;
  o.data_options = data_options;
  o.jobs = 1;
  return render_batch(o).files;
}

}  // namespace gongwen
