#include "batch/records_attachment.hpp"

namespace gongwen {

namespace {
std::string compact(const nlohmann::json& j) {
  // Records were validated as UTF-8 when read; replace keeps a stray byte from ever throwing here.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

RecordsAttachment::RecordsAttachment(const nlohmann::json& document, const std::filesystem::path* spool_dir)
    : data_(spool_dir ? std::make_shared<pdf::DeflatedData>(*spool_dir) : std::make_shared<pdf::DeflatedData>()) {
  data_->append("{\"document\":" + compact(document.is_null() ? nlohmann::json::object() : document) + ",\"records\":[");
}

void RecordsAttachment::add(const nlohmann::json& record) {
  data_->append(count_++ == 0 ? "\n" : ",\n");
  data_->append(compact(record));
}

pdf::AttachedFile RecordsAttachment::finish(const std::string& stem) {
  data_->append("\n]}\n");
  data_->finish();
  return {stem + ".json", "application/json", "Source",
          "the " + std::to_string(count_) + " record(s) this document was made from ({\"document\": ..., \"records\": [...]})",
          data_};
}

pdf::AttachedFile workbook_attachment(const std::filesystem::path& written, const std::string& stem) {
  return {stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Alternative",
          "the same document as an Excel workbook", pdf::deflate_file(written)};
}

}  // namespace gongwen
