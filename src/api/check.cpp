// Renderer::check: binds and lays out every record (as rendering would) and reports every
// problem instead of stopping at the first; also score-band contradictions and warnings.
#include <set>
#include <string>

#include "api/band_check.hpp"
#include "api/renderer_impl.hpp"
#include "batch/data_options.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "xlsx/record_plan.hpp"

namespace gongwen {


namespace {

Problem problem_of(const Error& e) { return Problem{Problem::Severity::Error, e.kind(), e.where(), e.what()}; }

class Checker {
 public:
  Checker(const Layout& layout, const FontBook& fonts, CheckResult& result) : layout_(layout), fonts_(fonts), result_(result) {}

  /// One record of `name`: composed as rendering would, then its warnings and score bands.
  void record(const nlohmann::json& fields, size_t index, const nlohmann::json& document, const std::string& name) {
    ++result_.records;
    DocumentInput in;
    in.document = &document;
    in.records = {&fields};
    in.indices = {index};
    in.data_name = name;
    in.warnings = true;
    try {
      // Binds every block and lays it out as rendering does — pages, and the record's sheet of
      // a workbook (its own limits: text per cell) — then reports the binder's warnings.
      const BoundDocument bound = bind_document(layout_, in);
      paginate(layout_, bound);
      for (const BoundRecord& r : bound.records) xlsx::plan_record_sheet(layout_, r, fonts_, name);
      for (const BoundRecord& r : bound.records)
        for (const Located& w : r.warnings)
          result_.problems.push_back(Problem{Problem::Severity::Warning, ErrorKind::Data, w.where, w.text});
    } catch (const Error& e) {
      // A problem of the document-level data comes back with every record: say it once,
      // whether it surfaced in the front matter or in a record's block (keyed without the
      // record).
      const bool document_field = e.record() > 0 && e.field().starts_with("document.");
      const std::string key = document_field ? e.file() + '\x1f' + e.field() + '\x1f' + e.detail() : e.what();
      if ((e.record() > 0 && !document_field) || reported_.insert(key).second) result_.problems.push_back(problem_of(e));
    }
    check_bands(layout_, fields, name, index, result_.problems);
  }

 private:
  const Layout& layout_;
  const FontBook& fonts_;
  CheckResult& result_;
  std::set<std::string> reported_;
};

}  // namespace

CheckResult Renderer::check(const std::vector<std::filesystem::path>& data, const DataFormatOptions& data_options) const {
  CheckResult result;
  Checker checker(*impl_->layout, impl_->fonts, result);
  const DataOptions dopt = data_options_for(data_options, *impl_->layout);
  for (const auto& path : data) {
    const std::string name = path.string();
    try {
      auto source = open_records(path, dopt);
      while (true) {
        std::optional<Record> rec;
        try {
          rec = source->next();
        } catch (const Error& e) {
          result.problems.push_back(problem_of(e));
          if (e.record() == 0) break;  // a syntax error ends the file; a bad record does not
          continue;
        }
        if (!rec) break;
        checker.record(rec->fields, rec->index, source->document(), name);
      }
    } catch (const Error& e) {
      result.problems.push_back(problem_of(e));
    }
  }
  return result;
}

CheckResult Renderer::check(const nlohmann::json& data, const std::string& data_name) const {
  CheckResult result;
  Checker checker(*impl_->layout, impl_->fonts, result);
  const nlohmann::json* records = &data;
  static const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json* document = &empty;
  try {
    if (data.is_object()) {
      auto it = data.find("records");
      if (it == data.end()) throw Error(ErrorKind::Data, data_name + ": expected {\"records\": [...]} or an array of records", in_file(data_name));
      records = &*it;
      if (auto d = data.find("document"); d != data.end()) document = &*d;
    }
    if (!records->is_array()) throw Error(ErrorKind::Data, data_name + ": records must be an array", in_file(data_name));
    validate_data(*document, data_name + ": document", "", "", in_file(data_name));
  } catch (const Error& e) {
    result.problems.push_back(problem_of(e));
    return result;
  }
  for (size_t i = 0; i < records->size(); ++i) {
    const nlohmann::json& r = (*records)[i];
    try {
      if (!r.is_object()) throw Error(ErrorKind::Data, record_error(data_name, i + 1, "", "not an object"));
      validate_data(r, data_name + ": record " + std::to_string(i + 1), "", "", {data_name, 0, 0, i + 1, ""});
    } catch (const Error& e) {
      result.problems.push_back(problem_of(e));
      continue;
    }
    checker.record(r, i + 1, *document, data_name);
  }
  return result;
}

}  // namespace gongwen
