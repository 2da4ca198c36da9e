#pragma once
// gongwen public API: load a layout once, render records to PDF (and XLSX) files or bytes.
//
//   gongwen::Renderer r("layouts/perf-eval-result.toml");
//   r.render_file("examples/2017-shanghai/records.json", "out/", {.pdf = true});
//
// Every failure throws gongwen::Error (see ErrorKind, include/gongwen/error.hpp) with a
// complete message and its location as fields; no output file is left behind when rendering
// fails. The library reads no environment variable: everything comes through the options.
// docs/embedding.md describes the API; include/gongwen/gongwen.h is the C API over it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <gongwen/error.hpp>
#include <gongwen/export.hpp>

namespace gongwen {

/// The library's version ("0.2.0").
GONGWEN_API const char* version();

struct RendererOptions {
  /// The base font map. Empty: the map installed with gongwen (share/gongwen/fonts.toml, found
  /// relative to the library itself). The CLI sets it from $GONGWEN_FONT_MAP.
  std::filesystem::path font_map;
  std::vector<std::filesystem::path> font_maps;  ///< extra font maps over the base one, in order
  /// Folders of user fonts (office fonts), scanned in order. The CLI puts $GONGWEN_FONT_PATH
  /// (colon-separated) before its --font-dir folders.
  std::vector<std::filesystem::path> font_dirs;
  /// Creation date written into the files, in Unix seconds (UTC), for layouts without `date`.
  /// Unset: 2000-01-01, so output never depends on the clock. The CLI sets it from
  /// $SOURCE_DATE_EPOCH.
  std::optional<int64_t> creation_time;
  /// Worker threads for one document and for batches whose `jobs` is 0; 0 = all cores. Output
  /// bytes never depend on it.
  unsigned threads = 0;
  /// Folder for temporary files: the XLSX writer's scratch files, the private folder of
  /// render_xlsx into a stream. Empty: /dev/shm for the scratch files when it is writable (not for
  /// workbooks over max_record_sheets), else the system's temporary folder. The CLI sets it from
  /// $TMPDIR. Output bytes never depend on it.
  std::filesystem::path temp_dir;
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

/// A document file (.json or .toml, as `gongwen render --document`) as a document object, for
/// DataFormatOptions::document. Throws Error(Data) naming the file.
GONGWEN_API nlohmann::json load_document_file(const std::filesystem::path& path);
/// Applies an assignment "a.b=value" (as `gongwen render --set`) to a document object: dotted
/// path, value a string or a list "[a, b]" (JSON array syntax, or comma-separated items). Throws
/// Error(Usage) for a malformed assignment.
GONGWEN_API void set_document_field(nlohmann::json& document, std::string_view assignment);

struct OutputFormats {
  bool pdf = true;
  bool xlsx = false;
  bool dump = false;  ///< the document dump as text (for goldens and review)
  /// The PDF as PDF/A-3u carrying its records (and the workbook, when written) as associated
  /// files; also when the layout says [document] pdfa = "3u". Needs pdf.
  bool pdfa = false;
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
  /// Called as records are done: (records done, records known so far). Calls never overlap
  /// (they may come from any worker thread); keep it short. The CLI draws its bar from it.
  std::function<void(size_t done, size_t total)> progress;
};

struct RecordFailure {
  std::string data;     ///< data file
  size_t record = 0;    ///< 1-based record number (0: the file itself)
  ErrorKind kind = ErrorKind::Data;
  std::string field;    ///< field path, when known
  int line = 0;         ///< line in the data file, when known (CSV rows, JSON syntax)
  std::string message;  ///< the complete message
  /// The failure as the Error it came from.
  Error error() const {
    ErrorLocation w;
    w.file = data;
    w.line = line;
    w.record = record;
    w.field = field;
    return Error(kind, message, std::move(w));
  }
};

struct BatchResult {
  size_t records = 0;   ///< records of this shard that were read
  size_t rendered = 0;  ///< records in written files
  size_t skipped = 0;   ///< records skipped because their files existed
  std::vector<RecordFailure> failures;
  std::vector<std::filesystem::path> files;
  double seconds = 0;
};

/// One problem found by check(): an error (what rendering would stop on) or a warning.
struct Problem {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  ErrorKind kind = ErrorKind::Data;
  ErrorLocation where;  ///< data file, record, field (line/column for syntax errors)
  std::string message;  ///< the complete message, as the CLI prints it
};

struct CheckResult {
  size_t records = 0;            ///< records read
  std::vector<Problem> problems;  ///< in the order found: data file by data file, record by record
  size_t errors() const { return count(Problem::Severity::Error); }
  size_t warnings() const { return count(Problem::Severity::Warning); }
  size_t count(Problem::Severity s) const {
    size_t n = 0;
    for (const auto& p : problems) n += p.severity == s;
    return n;
  }
};

/// Which faces a family resolves to, and how the characters of some data are covered.
struct FontFace {
  std::string postscript_name;
  std::filesystem::path file;
  unsigned index = 0;  ///< face index in a collection (.ttc)
};
struct FamilyFonts {
  std::string family;     ///< canonical name ("仿宋")
  std::string xlsx_name;  ///< the name written into workbooks ("仿宋_GB2312")
  std::vector<FontFace> regular, bold;                 ///< the fallback chains, in order
  std::vector<std::string> missing_regular, missing_bold;  ///< faces of the map whose files are absent
};
struct StyleFont {
  std::string style, family;
  bool bold = false;
  double size = 0;  ///< pt
};
struct UncoveredChar {
  char32_t codepoint = 0;
  std::string text;       ///< the character in UTF-8
  std::string name;       ///< "U+5803 CJK UNIFIED IDEOGRAPH-5803"
  std::string first_use;  ///< "data.json: record 3: name"
};
struct FamilyCoverage {
  std::string family;
  std::vector<std::pair<std::string, size_t>> per_face;    ///< face → characters it sets
  std::vector<std::pair<std::string, std::string>> fallback;  ///< face → characters set by a fallback face
  std::vector<UncoveredChar> missing;                     ///< characters no face of the chain covers
};
struct DataCoverage {
  std::string data;
  size_t distinct = 0;  ///< distinct characters in the data
  std::vector<FamilyCoverage> families;
};
struct FontReport {
  std::string layout;              ///< the layout, when the report is for one
  std::vector<StyleFont> styles;   ///< the layout's styles (empty without a layout)
  std::vector<FamilyFonts> families;  ///< the layout's families, or every family of the map
  std::vector<DataCoverage> coverage;
  bool all_covered() const {
    for (const auto& d : coverage)
      for (const auto& f : d.families)
        if (!f.missing.empty()) return false;
    return true;
  }
};

/// The font report without a layout: every family of the maps, and the coverage of `data`.
GONGWEN_API FontReport font_report(const RendererOptions& options, const std::vector<std::filesystem::path>& data = {},
                                   const DataFormatOptions& data_options = {});

/// A written file read back (`gongwen check-output`): an OFD package against the structural rules
/// of GB/T 33190 a reader relies on, a PDF against the PDF/A-3u checklist (docs/formats.md).
struct OutputCheck {
  std::vector<std::string> problems;  ///< each a complete sentence; empty when the file passes
  std::string summary;                ///< one line: "ofd: PASS pages=… problems=0" or "PDF checks: …"
  bool ok() const { return problems.empty(); }
};

/// Checks the file at `path` by its extension (.ofd or .pdf). Throws Error(Usage) for another
/// extension, Error(Io) for a file that cannot be read.
GONGWEN_API OutputCheck check_output_file(const std::filesystem::path& path);

class GONGWEN_API Renderer {
 public:
  struct Impl;  ///< opaque: fonts and layout, shared read-only by worker threads

  /// Loads a layout file (and the fonts). Throws Error (Layout with file/line/column, Font).
  explicit Renderer(const std::filesystem::path& layout, const RendererOptions& options = {});
  /// A layout given as TOML text; `name` stands for the file in messages, and relative paths
  /// in it (images) are resolved against the current folder.
  static Renderer from_text(std::string_view layout_toml, const std::string& name = "layout.toml",
                            const RendererOptions& options = {});
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
  /// The same PDF written to a stream (nothing is written when rendering fails).
  void render_pdf(const nlohmann::json& data, std::ostream& out, const std::string& data_name = "data") const;
  /// The same PDF handed to `sink` in pieces, in order.
  void render_pdf(const nlohmann::json& data, const std::function<void(std::string_view)>& sink,
                  const std::string& data_name = "data") const;
  /// Renders in-memory data to a workbook at `path` (written whole or not at all).
  void render_xlsx(const nlohmann::json& data, const std::filesystem::path& path, const std::string& data_name = "data") const;
  /// The same workbook written to a stream (libxlsxwriter writes files only: it is made in a
  /// private folder under the system's temporary folder, then copied and removed).
  void render_xlsx(const nlohmann::json& data, std::ostream& out, const std::string& data_name = "data") const;
  /// The same data to OFD package bytes (GB/T 33190; docs/formats.md).
  std::string render_ofd(const nlohmann::json& data, const std::string& data_name = "data") const;
  /// The laid-out document as text (every page, every item) — the cheapest golden for tests.
  std::string render_dump(const nlohmann::json& data, const std::string& data_name = "data") const;

  /// Binds and lays out every record as rendering would, and reports every problem instead of
  /// stopping at the first (also score/conclusion contradictions, and warnings). Never throws
  /// for bad data; throws Error(Usage/Io) only for bad options.
  CheckResult check(const std::vector<std::filesystem::path>& data, const DataFormatOptions& data_options = {}) const;
  CheckResult check(const nlohmann::json& data, const std::string& data_name = "data") const;

  /// The faces behind the layout's families, its styles, and the coverage of the data's text.
  FontReport fonts(const std::vector<std::filesystem::path>& data = {}, const DataFormatOptions& data_options = {}) const;

 private:
  Renderer();
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongwen
