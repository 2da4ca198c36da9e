// open_records (format by extension, open errors) and the validation helpers every source shares.
#include <cerrno>
#include <cstdio>

#include "core/utf8.hpp"
#include "data/sources.hpp"

namespace gongwen {

namespace fs = std::filesystem;
using nlohmann::json;
using data_detail::fail;

std::string field_path_key(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

std::string field_path_index(const std::string& base, size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

namespace data_detail {

std::string printable(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t bad = utf8::first_invalid(s.substr(pos));
    if (bad == std::string_view::npos) {
      out.append(s.substr(pos));
      break;
    }
    out.append(s.substr(pos, bad));
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(s[pos + bad]));
    out += hex;
    pos += bad + 1;
  }
  return out;
}

}  // namespace data_detail

namespace {

/// Why a file could not be opened, in the words the messages use ("no such file" is what
/// users search for; strerror's capitalised sentence reads oddly after a colon).
std::string open_failure(const fs::path& path, int err) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "is a directory";
  if (err == ENOENT || err == ENOTDIR) return "no such file";
  if (err == EACCES || err == EPERM) return "permission denied";
  if (err == 0) return "unreadable";
  std::string reason = std::generic_category().message(err);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

}  // namespace

std::unique_ptr<RecordSource> open_records(const fs::path& path, const DataOptions& options) {
  const std::string name = path.string();
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  enum class Format { Json, JsonLines, Csv, Xlsx } format;
  constexpr const char* kKnown = " (expected .json, .jsonl, .ndjson, .csv or .xlsx)";
  if (ext == ".json") format = Format::Json;
  else if (ext == ".jsonl" || ext == ".ndjson") format = Format::JsonLines;
  else if (ext == ".csv") format = Format::Csv;
  else if (ext == ".xlsx" || ext == ".xlsm") format = Format::Xlsx;
  else if (ext == ".xls") fail(name + ": the old binary Excel format (.xls) is not read; save the workbook as .xlsx");
  else if (ext.empty()) fail(name + ": no file extension to tell the data format" + std::string(kKnown));
  else fail(name + ": unknown data format '" + data_detail::printable(ext) + "'" + kKnown);

  errno = 0;
  std::ifstream in(path, std::ios::binary);
  // A directory opens fine on Linux and only fails on the first read, so it is checked here.
  std::error_code ec;
  if (!in || fs::is_directory(path, ec)) fail(name + ": cannot open data file: " + open_failure(path, errno));

  // UTF-16 (Windows "Unicode" exports) would otherwise surface as a baffling first-byte error.
  char bom[2] = {0, 0};
  in.read(bom, 2);
  const bool utf16 = in.gcount() == 2 && ((bom[0] == '\xFF' && bom[1] == '\xFE') || (bom[0] == '\xFE' && bom[1] == '\xFF'));
  if (utf16) fail(name + ": UTF-16 text is not supported (save the file as UTF-8)");
  in.clear();
  in.seekg(0);

  std::unique_ptr<RecordSource> source;
  switch (format) {
    case Format::Json: source = data_detail::make_json_source(std::move(in), name); break;
    case Format::JsonLines: source = data_detail::make_jsonl_source(std::move(in), name); break;
    case Format::Csv: source = data_detail::make_csv_source(std::move(in), name, options); break;
    case Format::Xlsx:
      in.close();
      source = data_detail::make_xlsx_source(name, name, options);
      break;
  }
  return data_detail::with_document(std::move(source), options);
}

std::unique_ptr<RecordSource> open_xlsx_bytes(std::string bytes, const std::string& name, const DataOptions& options) {
  return data_detail::with_document(data_detail::make_xlsx_source_from_bytes(std::move(bytes), name, options), options);
}

}  // namespace gongwen
