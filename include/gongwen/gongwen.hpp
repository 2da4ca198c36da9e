#pragma once
// gongwen public API: load a layout once, render records to PDF (and XLSX) files or bytes.
//
//   gongwen::Renderer r("layouts/perf-eval-result.toml");
//   r.render_file("examples/2017-shanghai/records.json", "out/", {.pdf = true});
//
// Every failure throws gongwen::Error (see ErrorKind) with a complete, located message; no
// output file is left behind when rendering fails.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongwen {

struct RendererOptions {
  std::vector<std::filesystem::path> font_maps;  ///< extra font maps over the shipped one
  std::vector<std::filesystem::path> font_dirs;  ///< folders of user fonts (office fonts)
};

struct DataFormatOptions {
  std::string encoding = "utf-8";  ///< CSV: utf-8 or gb18030
  std::string list_separator = "|";
  std::vector<std::string> list_fields, number_fields;
};

struct OutputFormats {
  bool pdf = true;
  bool xlsx = false;
  bool dump = false;  ///< the document dump as text (for goldens and review)
};

class Renderer {
 public:
  explicit Renderer(const std::filesystem::path& layout, const RendererOptions& options = {});
  ~Renderer();
  Renderer(Renderer&&) noexcept;
  Renderer& operator=(Renderer&&) noexcept;

  /// Renders a data file into `out_dir/<data stem>.pdf` (…xlsx). Returns the files written.
  std::vector<std::filesystem::path> render_file(const std::filesystem::path& data, const std::filesystem::path& out_dir,
                                                 const OutputFormats& formats = {}, const DataFormatOptions& data_options = {}) const;

  /// Renders in-memory data ({"document": {...}, "records": [...]} or an array) to PDF bytes.
  std::string render_pdf(const nlohmann::json& data, const std::string& data_name = "data") const;
  /// The laid-out document as text (every page, every item) — the cheapest golden for tests.
  std::string render_dump(const nlohmann::json& data, const std::string& data_name = "data") const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen
