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
  std::string sheet;  ///< XLSX: the worksheet to read (default: the first)
  /// Document fields over the data's own (--document, --set); the layout's [document.defaults]
  /// lie under both.
  nlohmann::json document = nlohmann::json::object();
};

struct OutputFormats {
  bool pdf = true;
  bool xlsx = false;
  bool dump = false;  ///< the document dump as text (for goldens and review)
  bool ofd = false;   ///< OFD (GB/T 33190-2016) from the same pages as the PDF
};

/// A batch run: many records, combined into one document per data file or split one per record.
struct BatchOptions {
  std::vector<std::filesystem::path> data;
  std::filesystem::path out_dir = "out";
  OutputFormats formats;
  DataFormatOptions data_options;
  bool split = false;          ///< one file per record instead of one per data file
  std::string name_template;   ///< split: file name template over the record ("{{index}}-{{project_name}}")
  unsigned jobs = 0;           ///< worker threads; 0 = all cores. Output bytes never depend on it.
  unsigned shard = 1, shards = 1;  ///< render only records with (index − 1) mod shards = shard − 1
  bool keep_going = false;     ///< render the good records, report the bad ones (OUT/errors.json)
  bool skip_existing = false;  ///< resume: records whose files exist are not rendered again
  bool progress = false;       ///< a live progress line on stderr (for terminals)
};

struct RecordFailure {
  std::string data;     ///< data file
  size_t record = 0;    ///< 1-based record number (0: the file itself)
  std::string field;    ///< field path, when known
  std::string message;  ///< the complete message
};

struct BatchResult {
  size_t records = 0;   ///< records of this shard that were read
  size_t rendered = 0;  ///< records in written files
  size_t skipped = 0;   ///< records skipped because their files existed
  std::vector<RecordFailure> failures;
  std::vector<std::filesystem::path> files;
  double seconds = 0;
};

class Renderer {
 public:
  struct Impl;  ///< opaque: fonts and layout, shared read-only by worker threads

  explicit Renderer(const std::filesystem::path& layout, const RendererOptions& options = {});
  ~Renderer();
  Renderer(Renderer&&) noexcept;
  Renderer& operator=(Renderer&&) noexcept;

  /// Renders a data file into `out_dir/<data stem>.pdf` (…xlsx). Returns the files written.
  std::vector<std::filesystem::path> render_file(const std::filesystem::path& data, const std::filesystem::path& out_dir,
                                                 const OutputFormats& formats = {}, const DataFormatOptions& data_options = {}) const;

  /// Renders a batch. Without keep_going the first bad record stops the run (Error thrown; files
  /// already complete stay, nothing is ever half-written); with it, failures are listed in the
  /// result and in OUT/errors.json.
  BatchResult render_batch(const BatchOptions& options) const;

  /// Renders in-memory data ({"document": {...}, "records": [...]} or an array) to PDF bytes.
  std::string render_pdf(const nlohmann::json& data, const std::string& data_name = "data") const;
  /// The same data to OFD package bytes (GB/T 33190; docs/formats.md).
  std::string render_ofd(const nlohmann::json& data, const std::string& data_name = "data") const;
  /// The laid-out document as text (every page, every item) — the cheapest golden for tests.
  std::string render_dump(const nlohmann::json& data, const std::string& data_name = "data") const;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen
