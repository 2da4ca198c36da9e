// The public Renderer: wires font book, layout, composition and the writers.
#include <gongwen/gongwen.hpp>

#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <ostream>

#include "api/renderer_impl.hpp"
#include "batch/records_attachment.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "ofd/ofd_writer.hpp"
#include "pdf/pdf_writer.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace gongwen {

namespace fs = std::filesystem;

const char* version() { return GONGWEN_VERSION; }

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Layout: return "layout";
    case ErrorKind::Data: return "data";
    case ErrorKind::Font: return "font";
    case ErrorKind::Io: return "io";
    case ErrorKind::Render: return "render";
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Unknown: break;
  }
  return "unknown";
}

FontBook load_font_book(const RendererOptions& options) {
  FontBook fonts = FontBook::load(options.font_map.empty() ? FontBook::default_map_path() : options.font_map);
  for (const auto& m : options.font_maps) fonts.add_map(m);
  for (const auto& d : options.font_dirs) fonts.add_font_dir(d);
  return fonts;
}

DocumentInput json_input(const Renderer::Impl& impl, const nlohmann::json& data, const std::string& name) {
  static const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json* document = &empty;
  const nlohmann::json* records = &data;
  if (data.is_object()) {
    if (auto it = data.find("document"); it != data.end()) document = &*it;
    auto it = data.find("records");
    if (it == data.end()) throw Error(ErrorKind::Data, name + ": expected {\"records\": [...]} or an array of records", in_file(name));
    records = &*it;
  }
  if (!records->is_array()) throw Error(ErrorKind::Data, name + ": records must be an array", in_file(name));
  // JSON built in code never went through a reader: the same content rule applies to it.
  validate_data(*document, name + ": document", "", "", in_file(name));
  DocumentInput in;
  in.document = document;
  in.data_name = name;
  in.creation_time = creation_time(*impl.layout, impl.options.creation_time);
  for (size_t i = 0; i < records->size(); ++i) {
    if (!(*records)[i].is_object()) throw Error(ErrorKind::Data, record_error(name, i + 1, "", "not an object"));
    validate_data((*records)[i], name + ": record " + std::to_string(i + 1), "", "", {name, 0, 0, i + 1, ""});
    in.records.push_back(&(*records)[i]);
    in.indices.push_back(i + 1);
  }
  return in;
}

Renderer::Renderer(const fs::path& layout, const RendererOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->fonts = load_font_book(options);
  impl_->layout = load_layout(layout, impl_->fonts);
  impl_->layout_name = layout.string();
}

Renderer Renderer::from_text(std::string_view layout_toml, const std::string& name, const RendererOptions& options) {
  Renderer r;
  r.impl_ = std::make_unique<Impl>();
  r.impl_->options = options;
  r.impl_->fonts = load_font_book(options);
  r.impl_->layout = load_layout_text(layout_toml, name, r.impl_->fonts);
  r.impl_->layout_name = name;
  return r;
}

Renderer::Renderer() = default;
Renderer::~Renderer() = default;
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;

std::string Renderer::render_pdf(const nlohmann::json& data, const std::string& data_name) const {
  Document doc = compose(*impl_->layout, json_input(*impl_, data, data_name));
  pdf::PdfArchive archive;
  if (impl_->layout->pdfa) {  // PDF/A-3u: the data attached as given
    const nlohmann::json* records = &data;
    nlohmann::json document = nlohmann::json::object();
    if (data.is_object()) {
      records = &data.at("records");
      if (auto it = data.find("document"); it != data.end()) document = *it;
    }
    RecordsAttachment attached(document);
    for (const nlohmann::json& r : *records) attached.add(r);
    const std::string stem = fs::path(data_name).stem().string();
    archive = {true, {attached.finish(stem.empty() ? "data" : stem)}};
  }
  return gongwen::render_pdf(std::move(doc), impl_->options.threads, archive);
}

void Renderer::render_pdf(const nlohmann::json& data, std::ostream& out, const std::string& data_name) const {
  const std::string pdf = render_pdf(data, data_name);
  out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  if (!out) throw Error(ErrorKind::Io, data_name + ": cannot write the PDF to the stream");
}

void Renderer::render_pdf(const nlohmann::json& data, const std::function<void(std::string_view)>& sink,
                          const std::string& data_name) const {
  const std::string pdf = render_pdf(data, data_name);
  constexpr size_t kPiece = 1 << 16;
  for (size_t at = 0; at < pdf.size(); at += kPiece) sink(std::string_view(pdf).substr(at, kPiece));
}

void Renderer::render_xlsx(const nlohmann::json& data, const fs::path& path, const std::string& data_name) const {
  const BoundDocument bound = bind_document(*impl_->layout, json_input(*impl_, data, data_name));
  write_xlsx(*impl_->layout, bound, impl_->fonts, path, impl_->options.threads == 0 ? default_jobs() : impl_->options.threads, {},
             false, impl_->options.temp_dir);
}

namespace {
/// A private folder under `base` (empty: the system's temporary folder, P_tmpdir — not $TMPDIR,
/// which is the caller's to pass), removed with everything in it.
class TempFolder {
 public:
  explicit TempFolder(fs::path base) {
    if (base.empty()) base = P_tmpdir;
    std::string pattern = (base / "gongwen-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw Error(ErrorKind::Io, pattern + ": cannot create a temporary folder", in_file(pattern));
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};
}  // namespace

void Renderer::render_xlsx(const nlohmann::json& data, std::ostream& out, const std::string& data_name) const {
  const TempFolder dir(impl_->options.temp_dir);
  const fs::path file = dir.path() / "workbook.xlsx";
  render_xlsx(data, file, data_name);
  std::ifstream in(file, std::ios::binary);
  out << in.rdbuf();
  if (!in || !out) throw Error(ErrorKind::Io, data_name + ": cannot copy the workbook to the stream");
}

std::string Renderer::render_ofd(const nlohmann::json& data, const std::string& data_name) const {
  return gongwen::render_ofd(compose(*impl_->layout, json_input(*impl_, data, data_name)), impl_->options.threads);
}

std::string Renderer::render_dump(const nlohmann::json& data, const std::string& data_name) const {
  return dump(compose(*impl_->layout, json_input(*impl_, data, data_name)));
}

BatchResult Renderer::render_batch(const BatchOptions& options) const {
  return run_batch(BatchContext{impl_->fonts, impl_->layout.get(), impl_->options}, options);
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
