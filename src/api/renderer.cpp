// The public Renderer: wires font book, layout, record readers, composition and the writers.
#include <gongwen/gongwen.hpp>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"

namespace gongwen {

namespace fs = std::filesystem;

struct Renderer::Impl {
  FontBook fonts;
  std::shared_ptr<const Layout> layout;

  Document compose_json(const nlohmann::json& data, const std::string& name) const {
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json* document = &empty;
    const nlohmann::json* records = &data;
    if (data.is_object()) {
      if (auto it = data.find("document"); it != data.end()) document = &*it;
      auto it = data.find("records");
      if (it == data.end()) throw Error(ErrorKind::Data, name + ": expected {\"records\": [...]} or an array of records");
      records = &*it;
    }
    if (!records->is_array()) throw Error(ErrorKind::Data, name + ": records must be an array");
    ComposeInput in;
    in.document = document;
    in.data_name = name;
    in.creation_time = creation_time(*layout);
    for (size_t i = 0; i < records->size(); ++i) {
      if (!(*records)[i].is_object())
        throw Error(ErrorKind::Data, name + ": record " + std::to_string(i + 1) + ": not an object");
      in.records.push_back(&(*records)[i]);
      in.indices.push_back(i + 1);
    }
    return compose(*layout, in);
  }
};

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
  return gongwen::render_pdf(impl_->compose_json(data, data_name));
}

std::string Renderer::render_dump(const nlohmann::json& data, const std::string& data_name) const {
  return dump(impl_->compose_json(data, data_name));
}

std::vector<fs::path> Renderer::render_file(const fs::path& data, const fs::path& out_dir, const OutputFormats& formats,
                                            const DataFormatOptions& data_options) const {
  DataOptions dopt;
  dopt.encoding = data_options.encoding;
  dopt.list_separator = data_options.list_separator;
  dopt.list_fields = data_options.list_fields;
  dopt.number_fields = data_options.number_fields;
  auto source = open_records(data, dopt);
  std::vector<Record> records;
  while (auto r = source->next()) records.push_back(std::move(*r));

  const std::string name = data.string();
  ComposeInput in;
  in.document = &source->document();
  in.data_name = name;
  in.creation_time = creation_time(*impl_->layout);
  for (const Record& r : records) {
    in.records.push_back(&r.fields);
    in.indices.push_back(r.index);
  }
  // Everything is laid out and serialized before the first file is written: a bad record
  // leaves no output at all.
  Document doc = compose(*impl_->layout, in);
  std::string pdf_bytes;
  if (formats.pdf) pdf_bytes = gongwen::render_pdf(doc);
  if (formats.xlsx) throw Error(ErrorKind::Usage, "XLSX output is not available in this build yet");

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw Error(ErrorKind::Io, out_dir.string() + ": cannot create output folder: " + ec.message());
  std::vector<fs::path> written;
  const std::string stem = data.stem().string();
  if (formats.pdf) {
    fs::path p = out_dir / (stem + ".pdf");
    write_file_atomic(p, pdf_bytes);
    written.push_back(p);
  }
  if (formats.dump) {
    fs::path p = out_dir / (stem + ".dump.txt");
    write_file_atomic(p, dump(doc));
    written.push_back(p);
  }
  return written;
}

}  // namespace gongwen
