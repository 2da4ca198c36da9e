#include "capi/reports_json.hpp"

#include <set>

#include "core/error.hpp"

namespace gongwen::capi {

using nlohmann::json;

json to_json(const ErrorLocation& w) {
  return {{"file", w.file}, {"line", w.line}, {"column", w.column}, {"record", w.record}, {"field", w.field}};
}

json to_json(const CheckResult& r) {
  json problems = json::array();
  for (const Problem& p : r.problems) {
    json j = to_json(p.where);
    j["severity"] = p.severity == Problem::Severity::Error ? "error" : "warning";
    j["kind"] = to_string(p.kind);
    j["message"] = p.message;
    problems.push_back(std::move(j));
  }
  return {{"records", r.records}, {"errors", r.errors()}, {"warnings", r.warnings()}, {"problems", std::move(problems)}};
}

namespace {
json faces_json(const std::vector<FontFace>& faces) {
  json a = json::array();
  for (const auto& f : faces) a.push_back({{"postscript_name", f.postscript_name}, {"file", f.file.string()}, {"index", f.index}});
  return a;
}
}  // namespace

json to_json(const FontReport& r) {
  json styles = json::array(), families = json::array(), coverage = json::array();
  for (const auto& s : r.styles) styles.push_back({{"style", s.style}, {"family", s.family}, {"bold", s.bold}, {"size", s.size}});
  for (const auto& f : r.families)
    families.push_back({{"family", f.family}, {"xlsx_name", f.xlsx_name}, {"regular", faces_json(f.regular)},
                        {"bold", faces_json(f.bold)}, {"missing_regular", f.missing_regular}, {"missing_bold", f.missing_bold}});
  for (const auto& d : r.coverage) {
    json fams = json::array();
    for (const auto& f : d.families) {
      json per_face = json::object(), fallback = json::object(), missing = json::array();
      for (const auto& [face, n] : f.per_face) per_face[face] = n;
      for (const auto& [face, text] : f.fallback) fallback[face] = text;
      for (const auto& u : f.missing)
        missing.push_back({{"codepoint", static_cast<uint32_t>(u.codepoint)}, {"text", u.text}, {"name", u.name}, {"first_use", u.first_use}});
      fams.push_back({{"family", f.family}, {"per_face", per_face}, {"fallback", fallback}, {"missing", missing}});
    }
    coverage.push_back({{"data", d.data}, {"distinct", d.distinct}, {"families", std::move(fams)}});
  }
  return {{"layout", r.layout}, {"styles", styles}, {"families", families}, {"coverage", coverage}, {"all_covered", r.all_covered()}};
}

json to_json(const BatchResult& r) {
  json files = json::array(), failures = json::array();
  for (const auto& f : r.files) files.push_back(f.string());
  for (const auto& f : r.failures)
    failures.push_back({{"data", f.data}, {"record", f.record}, {"kind", to_string(f.kind)}, {"field", f.field},
                        {"line", f.line}, {"message", f.message}});
  return {{"records", r.records}, {"rendered", r.rendered}, {"skipped", r.skipped}, {"files", files}, {"failures", failures}};
}

namespace {
/// Refuses keys outside `known`, naming the first.
void only_keys(const json& j, const std::set<std::string>& known, const std::string& what) {
  if (!j.is_object()) throw Error(ErrorKind::Usage, what + ": expected a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key())) throw Error(ErrorKind::Usage, what + ": unknown key '" + it.key() + "'");
}

template <class T>
void read(const json& j, const char* key, T& out, const std::string& what) {
  auto it = j.find(key);
  if (it == j.end()) return;
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    throw Error(ErrorKind::Usage, what + ": " + key + ": wrong type (" + it->type_name() + ")");
  }
}
}  // namespace

DataFormatOptions data_options_from_json(const json& j) {
  DataFormatOptions d;
  if (j.is_null()) return d;
  const std::string what = "data options";
  only_keys(j, {"encoding", "sheet", "list_separator", "list_fields", "number_fields", "document"}, what);
  read(j, "encoding", d.encoding, what);
  read(j, "sheet", d.sheet, what);
  read(j, "list_separator", d.list_separator, what);
  read(j, "list_fields", d.list_fields, what);
  read(j, "number_fields", d.number_fields, what);
  if (auto it = j.find("document"); it != j.end()) {
    if (!it->is_object()) throw Error(ErrorKind::Usage, what + ": document: expected an object");
    d.document = *it;
  }
  return d;
}

BatchOptions batch_options_from_json(const json& j) {
  BatchOptions b;
  const std::string what = "batch options";
  only_keys(j, {"data", "out_dir", "formats", "split", "name", "jobs", "shard", "shards", "keep_going", "skip_existing",
                "data_options"},
            what);
  std::vector<std::string> data, formats{"pdf"};
  std::string out_dir = "out";
  read(j, "data", data, what);
  read(j, "out_dir", out_dir, what);
  read(j, "formats", formats, what);
  read(j, "split", b.split, what);
  read(j, "name", b.name_template, what);
  read(j, "jobs", b.jobs, what);
  read(j, "shard", b.shard, what);
  read(j, "shards", b.shards, what);
  read(j, "keep_going", b.keep_going, what);
  read(j, "skip_existing", b.skip_existing, what);
  b.data.assign(data.begin(), data.end());
  b.out_dir = out_dir;
  b.formats = {false, false, false};
  for (const auto& f : formats) {
    if (f == "pdf") b.formats.pdf = true;
    else if (f == "xlsx") b.formats.xlsx = true;
    else if (f == "dump") b.formats.dump = true;
    else throw Error(ErrorKind::Usage, what + ": formats: unknown format '" + f + "' (pdf, xlsx, dump)");
  }
  if (auto it = j.find("data_options"); it != j.end()) b.data_options = data_options_from_json(*it);
  return b;
}

}  // namespace gongwen::capi
