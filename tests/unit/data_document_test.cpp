// Document fields from outside the data (--set, --document, the layout's defaults) merged with
// the data's own for every format; CSV list fields from line breaks.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "data/record.hpp"
#include "data_test_support.hpp"

namespace gongwen {
namespace {

using nlohmann::json;
using test::error_of;
using test::TempDir;

std::string usage_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    return e.what();
  }
  return "(no error)";
}

TEST(DataDocument, SetAssignments) {
  json d = json::object();
  set_document_field(d, "document.title=绩效评价结果");
  set_document_field(d, "document.issuer.name=示例市财政局");
  set_document_field(d, "document.lines=[甲, 乙 ,,丙]");
  set_document_field(d, R"(document.json=["a, b", 2])");
  set_document_field(d, "document.eq=a=b");
  EXPECT_EQ(d, json({{"title", "绩效评价结果"}, {"issuer", {{"name", "示例市财政局"}}}, {"lines", {"甲", "乙", "丙"}},
                     {"json", {"a, b", 2}}, {"eq", "a=b"}}));
  set_document_field(d, "document.issuer=x");  // a later --set replaces
  EXPECT_EQ(d["issuer"], "x");
  EXPECT_EQ(usage_error([&] { set_document_field(d, "title=x"); }), "--set needs document.FIELD=VALUE, got 'title=x'");
  EXPECT_EQ(usage_error([&] { set_document_field(d, "document.a..b=x"); }), "--set: empty field name in 'document.a..b=x'");
  EXPECT_EQ(usage_error([&] { set_document_field(d, "document.=x"); }), "--set needs document.FIELD=VALUE, got 'document.=x'");
}

TEST(DataDocument, FilesJsonAndToml) {
  TempDir t;
  EXPECT_EQ(load_document_file(t.write("d.json", R"({"document": {"title": ["a", "b"]}})")), json({{"title", {"a", "b"}}}));
  EXPECT_EQ(load_document_file(t.write("e.json", R"({"title": "x", "n": 2})")), json({{"title", "x"}, {"n", 2}}));
  EXPECT_EQ(load_document_file(t.write("d.toml", "title = [\"a\", \"b\"]\ndate = 2018-07-01\n[issuer]\nname = \"局\"\n")),
            json({{"title", {"a", "b"}}, {"date", "2018-07-01"}, {"issuer", {{"name", "局"}}}}));
  const std::string bad = t.write("bad.toml", "title = \n");
  EXPECT_TRUE(error_of([&] { load_document_file(bad); }).starts_with(bad + ":1:")) << error_of([&] { load_document_file(bad); });
  const std::string arr = t.write("arr.json", "[1]");
  EXPECT_EQ(error_of([&] { load_document_file(arr); }), arr + ": expected an object of document fields, got array");
  const std::string txt = t.write("d.txt", "x");
  EXPECT_EQ(error_of([&] { load_document_file(txt); }), txt + ": a document file is .json or .toml");
}

TEST(DataDocument, DefaultsDataAndOverridesMerge) {
  TempDir t;
  DataOptions o;
  o.document_defaults = {{"title", "默认"}, {"issuer", {{"name", "甲"}, {"code", "1"}}}, {"year", 2017}};
  o.document_overrides = {{"issuer", {{"name", "乙"}}}};
  const std::string jsonl = t.write("r.jsonl", "{\"document\": {\"year\": 2018, \"issuer\": {\"code\": \"9\"}}}\n{\"a\": 1}\n");
  auto s = open_records(jsonl, o);
  EXPECT_EQ(s->document(), json({{"title", "默认"}, {"issuer", {{"name", "乙"}, {"code", "9"}}}, {"year", 2018}}));
  EXPECT_EQ(s->next()->fields, json({{"a", 1}}));
  // CSV has no document of its own: defaults and overrides alone.
  auto c = open_records(t.write("r.csv", "a\n1\n"), o);
  EXPECT_EQ(c->document(), json({{"title", "默认"}, {"issuer", {{"name", "乙"}, {"code", "1"}}}, {"year", 2017}}));
  // A document field the layout uses as a list, given as text, is its lines.
  o.line_list_fields = {"document.title"};
  o.document_overrides = {{"title", "第一行\n第二行"}};
  EXPECT_EQ(open_records(t.write("s.csv", "a\n1\n"), o)->document()["title"], json({"第一行", "第二行"}));
}

TEST(DataDocument, CsvListFieldsFromLineBreaks) {
  TempDir t;
  DataOptions o;
  o.line_list_fields = {"items"};
  o.paragraph_fields = {"body", "title"};
  const auto p = t.write("l.csv", "title,items,body,tags\n标题,\"一\r\n 二 \n\",\"第一段\n第二段\",\"x\ny\"\n,,,\n");
  auto s = open_records(p, o);
  EXPECT_EQ(s->next()->fields, json({{"title", "标题"}, {"items", {"一", "二"}}, {"body", {"第一段", "第二段"}}, {"tags", "x\ny"}}));
  EXPECT_EQ(s->next()->fields, json({{"title", ""}, {"items", json::array()}, {"body", ""}, {"tags", ""}}));
  // --list-fields wins over the layout's line lists: split at its separator only.
  o.list_fields = {"items"};
  EXPECT_EQ(open_records(p, o)->next()->fields["items"], json({"一\n 二 \n"}));
}

}  // namespace
}  // namespace gongwen
