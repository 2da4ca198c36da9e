#pragma once
// PDF/A-3u runs: the data a PDF was made from, attached to it (pdf/pdfa.hpp). The records JSON
// is built record by record as records are placed — {"document": {...}, "records": [...]}, one
// record per line, the same shape gongwen reads — and compressed as it grows, so a combined
// batch never holds it whole.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pdf/pdfa.hpp"

namespace gongwen {

class RecordsAttachment {
 public:
  /// `document`: the document fields the records were rendered with. With a `spool_dir` the
  /// compressed JSON goes to an unnamed temporary file there, else it is kept in memory.
  explicit RecordsAttachment(const nlohmann::json& document, const std::filesystem::path* spool_dir = nullptr);
  void add(const nlohmann::json& record);
  /// The attachment "<stem>.json" (AFRelationship /Source).
  pdf::AttachedFile finish(const std::string& stem);

 private:
  std::shared_ptr<pdf::DeflatedData> data_;
  size_t count_ = 0;
};

/// The workbook written beside a PDF/A file, attached to it as "<stem>.xlsx" (/Alternative: the
/// same content in another form). Throws Error(Io).
pdf::AttachedFile workbook_attachment(const std::filesystem::path& written, const std::string& stem);

}  // namespace gongwen
