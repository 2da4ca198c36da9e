// Renderer::check: binds and lays out every record (as rendering would) and reports every
// problem instead of stopping at the first; also score-band contradictions and warnings.
#include <set>
#include <string>

#include "api/band_check.hpp"
#include "api/renderer_impl.hpp"
#include "batch/data_options.hpp"
#include "bind/bind.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "xlsx/xlsx_templates.hpp"

namespace gongwen {


namespace {

Problem problem_of(const Error& e) { return Problem{Problem::Severity::Error, e.kind(), e.where(), e.what()}; }

class Checker {
 public:
  Checker(const Layout& layout, CheckResult& result) : layout_(layout), result_(result) {}

  /// One record of `name`: composed as rendering would, then its warnings and score bands.
  void record(const nlohmann::json& fields, size_t index, const nlohmann::json& document, const std::string& name) {
    ++result_.records;
    ComposeInput in;
    in.document = &document;
    in.records = {&fields};
    in.indices = {index};
    in.data_name = name;
    try {
      // Binds and lays out every block as rendering does — tables, paragraphs, sign-off and
      // the official blocks (附件说明, 署名, 版记), which are bound during pagination.
      compose(layout_, in);
      check_xlsx_templates(layout_, fields, document, {name, index});  // sheet names, the 一览表
      notes(fields, index, document, name);
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
  /// Warnings that do not stop rendering (a list numbered inconsistently).
  void notes(const nlohmann::json& fields, size_t index, const nlohmann::json& document, const std::string& name) {
    std::vector<std::string> notes;
    bind_blocks(layout_, layout_.record, &fields, document, {name, index}, nullptr, &notes);
    for (auto& n : notes) {
      ErrorLocation w;
      w.file = name;
      w.record = index;
      result_.problems.push_back(Problem{Problem::Severity::Warning, ErrorKind::Data, std::move(w), std::move(n)});
    }
  }

  const Layout& layout_;
  CheckResult& result_;
  std::set<std::string> reported_;
};

}  // namespace

CheckResult Renderer::check(const std::vector<std::filesystem::path>& data, const DataFormatOptions& data_options) const {
  CheckResult result;
  Checker checker(*impl_->layout, result);
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
  Checker checker(*impl_->layout, result);
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
