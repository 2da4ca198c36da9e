// open_records failures that come before any format (missing file, unknown extension, ...) and
// the shared helpers validate_data / field_path_*.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include <gongwen/gongwen.hpp>

#include "core/error.hpp"
#include "data/record.hpp"
#include "data_test_support.hpp"
#include "test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::error_of;
using nlohmann::json;

TEST(DataOpen, Failures) {
  TempDir t;
  EXPECT_EQ(error_of([] { open_records("nowhere.json"); }), "nowhere.json: cannot open data file: no such file");
  EXPECT_EQ(error_of([] { open_records("no/such/dir/x.csv"); }), "no/such/dir/x.csv: cannot open data file: no such file");
  EXPECT_EQ(error_of([] { open_records("data.xml"); }),
            "data.xml: unknown data format '.xml' (expected .json, .jsonl, .ndjson, .csv or .xlsx)");
  EXPECT_EQ(error_of([] { open_records("records"); }),
            "records: no file extension to tell the data format (expected .json, .jsonl, .ndjson, .csv or .xlsx)");
  const fs::path dir = t.dir / "folder.json";
  fs::create_directory(dir);
  EXPECT_EQ(error_of([&] { open_records(dir); }), dir.string() + ": cannot open data file: is a directory");
  if (geteuid() != 0) {  // root reads anything
    const fs::path locked = t.dir / "locked.jsonl";
    std::ofstream(locked) << "{}\n";
    fs::permissions(locked, fs::perms::none);
    EXPECT_EQ(error_of([&] { open_records(locked); }), locked.string() + ": cannot open data file: permission denied");
  }
}

TEST(DataOpen, ValidateUtf8NamesThePath) {
  const json ok = {{"a", {"x", "项目"}}, {"n", 1}};
  EXPECT_NO_THROW(validate_data(ok, "x.json: record 1"));
  json bad = {{"name", "ok"}, {"performance", {"a", "b", "ab\xC3("}}};
  EXPECT_EQ(error_of([&] { validate_data(bad, "x.json: record 3"); }), "x.json: record 3: performance[2]: invalid UTF-8 at byte 2");
  json deep = {{"a", {{"b", {json::object(), {{"c", "\xFF"}}}}}}};
  EXPECT_EQ(error_of([&] { validate_data(deep, "data"); }), "data: a.b[1].c: invalid UTF-8 at byte 0");
  json key = {{"a", {{"k\xFF", 1}}}};
  EXPECT_EQ(error_of([&] { validate_data(key, "data: record 1"); }), "data: record 1: a: invalid UTF-8 in a key at byte 1");
  EXPECT_EQ(error_of([&] { validate_data(json("\xFF"), "data: document", "title"); }), "data: document: title: invalid UTF-8 at byte 0");
  EXPECT_EQ(error_of([&] { validate_data(json("\xFF"), "data"); }), "data: invalid UTF-8 at byte 0");
}

TEST(DataOpen, InMemoryRecordsAreCheckedForUtf8Too) {
  // JSON built in code skips the parsers' checks: the API validates it before laying it out.
  const Renderer r(test::source_dir() / "layouts/perf-eval-result.toml");
  json data = test::example_records();
  data["records"][2]["conclusion"] = std::string("良\xE5\xA5");  // 好 cut short
  EXPECT_EQ(error_of([&] { r.render_pdf(data, "api"); }), "api: record 3: conclusion: invalid UTF-8 at byte 3");
  data = test::example_records();
  data["document"]["title"] = json::array({std::string("\xC0\x80")});
  EXPECT_EQ(error_of([&] { r.render_pdf(data, "api"); }), "api: document: title[0]: invalid UTF-8 at byte 0");
}

TEST(DataOpen, FieldPaths) {
  EXPECT_EQ(field_path_key("", "a"), "a");
  EXPECT_EQ(field_path_key("a", "b"), "a.b");
  EXPECT_EQ(field_path_index("a.b", 2), "a.b[2]");
  EXPECT_EQ(field_path_key(field_path_index("p", 0), "c"), "p[0].c");
}

}  // namespace
}  // namespace gongwen
