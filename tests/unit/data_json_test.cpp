// Record sources over JSON and JSON Lines: both shapes of a .json file, JSON Lines streaming in
// bounded memory, and the exact message of every failure.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/error.hpp"
#include "data/record.hpp"
#include "data_test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::error_of;
using test::kAddressSanitizer;
using test::resident_bytes;
using nlohmann::json;

std::vector<Record> read_all(const std::string& path) {
  auto src = open_records(path);
  std::vector<Record> out;
  while (auto r = src->next()) out.push_back(std::move(*r));
  return out;
}

TEST(DataJson, ArrayOfRecords) {
  TempDir t;
  const std::string p = t.write("a.json", R"([{"name": "项目", "n": 1}, {"name": "乙", "list": ["x", "y"]}])");
  auto src = open_records(p);
  EXPECT_EQ(src->size_hint(), std::optional<size_t>(2));
  EXPECT_EQ(src->document(), json::object());
  auto r1 = src->next();
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->index, 1u);
  EXPECT_EQ(r1->fields, json({{"name", "项目"}, {"n", 1}}));
  auto r2 = src->next();
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->index, 2u);
  EXPECT_EQ(r2->fields["list"], json({"x", "y"}));
  EXPECT_FALSE(src->next());
  EXPECT_FALSE(src->next());
}

TEST(DataJson, DocumentForm) {
  TempDir t;
  const std::string p = t.write("d.JSON", "\xEF\xBB\xBF{\"document\": {\"title\": [\"标题\"]}, \"records\": [{\"a\": 1}]}");
  auto src = open_records(p);
  EXPECT_EQ(src->document(), json({{"title", {"标题"}}}));
  auto r = src->next();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fields, json({{"a", 1}}));
  EXPECT_FALSE(src->next());

  const std::string q = t.write("r.json", R"({"records": []})");
  auto empty = open_records(q);
  EXPECT_EQ(empty->document(), json::object());
  EXPECT_FALSE(empty->next());
}

TEST(DataJson, TruncatedFile) {
  TempDir t;
  const std::string p = t.write("x.json", "[\n  {\"a\": 1},\n  {\"b\": ");
  EXPECT_EQ(error_of([&] { open_records(p); }), p + ":3:9: JSON syntax error: unexpected end of input (truncated file?)");
  const std::string s = t.write("s.json", "[{\"a\": \"unterminated");
  EXPECT_EQ(error_of([&] { open_records(s); }), s + ":1:21: JSON syntax error: unexpected end of input (truncated file?)");
}

TEST(DataJson, SyntaxErrors) {
  TempDir t;
  const std::string p = t.write("x.json", "[\n {\"a\": tru}]");
  EXPECT_EQ(error_of([&] { open_records(p); }), p + ":2:11: JSON syntax error: invalid literal; last read: '\"a\": tru}'");
  const std::string c = t.write("c.json", "[{\"a\": 1} {\"b\": 2}]");
  EXPECT_EQ(error_of([&] { open_records(c); }), c + ":1:11: JSON syntax error: unexpected '{'; expected ']'");
  // A raw line break inside a long string: only the tail of nlohmann's "last read" is kept.
  const std::string l = t.write("l.json", "[{\"a\": \"" + std::string(60, 'x') + "\n\"}]");
  EXPECT_EQ(error_of([&] { open_records(l); }),
            l + ":1:69: JSON syntax error: invalid string: control character U+000A (LF) must be escaped to \\u000A or "
                "\\n; last read: '…" + std::string(32, 'x') + "<U+000A>'");
  // Columns count characters, not bytes.
  const std::string u = t.write("u.json", "[{\"项目\": 1,}]");
  EXPECT_EQ(error_of([&] { open_records(u); }), u + ":1:11: JSON syntax error: unexpected '}'; expected string literal");
}

TEST(DataJson, InvalidUtf8NamesRecordAndField) {
  TempDir t;
  const std::string p = t.write("x.json",
                                "{\"document\": {\"title\": \"t\"},\n"
                                " \"records\": [\n"
                                "  {\"name\": \"ok\"},\n"
                                "  {\"name\": \"x\", \"performance\": [\"a\", \"b\", \"bad\xFF byte\"]}\n"
                                " ]}\n");
  EXPECT_EQ(error_of([&] { open_records(p); }), p + ": record 2: performance[2]: invalid UTF-8 (line 4)");

  const std::string a = t.write("a.json", "[{\"a\": 1}, {\"a\": {\"b\": [{\"c\": \"\xC3(\"}]}}]");
  EXPECT_EQ(error_of([&] { open_records(a); }), a + ": record 2: a.b[0].c: invalid UTF-8 (line 1)");

  const std::string k = t.write("k.json", "[{\"ok\": 1, \"info\": {\"k\xFF\": 2}}]");
  EXPECT_EQ(error_of([&] { open_records(k); }), k + ": record 1: info: invalid UTF-8 in a key (line 1)");

  const std::string d = t.write("d.json", "{\"document\": {\"title\": [\"x\",\n \"\xED\xA0\x80\"]}, \"records\": []}");
  EXPECT_EQ(error_of([&] { open_records(d); }), d + ": document: title[1]: invalid UTF-8 (line 2)");

  const std::string s = t.write("s.json", "[\"\xFF\"]");
  EXPECT_EQ(error_of([&] { open_records(s); }), s + ": record 1: invalid UTF-8 (line 1)");
}

TEST(DataJson, ShapeErrors) {
  TempDir t;
  const std::string p = t.write("x.json", R"([{"a": 1}, ["not", "an", "object"], 5, {"a": 4}])");
  auto src = open_records(p);
  EXPECT_TRUE(src->next());
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 2: not an object (got array)");
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 3: not an object (got number)");
  auto r4 = src->next();  // a bad record does not end the file
  ASSERT_TRUE(r4);
  EXPECT_EQ(r4->index, 4u);

  auto err = [&](const std::string& bytes) {
    const std::string f = t.write("e.json", bytes);
    return error_of([&] { open_records(f); }).substr(f.size());
  };
  EXPECT_EQ(err(""), ": empty data file (expected an array of records or {\"document\": {...}, \"records\": [...]})");
  EXPECT_EQ(err(" \n "), ": empty data file (expected an array of records or {\"document\": {...}, \"records\": [...]})");
  EXPECT_EQ(err("{\"a\": 1}"), ": expected an array of records or {\"document\": {...}, \"records\": [...]}, got an object without \"records\"");
  EXPECT_EQ(err("\"text\""), ": expected an array of records or {\"document\": {...}, \"records\": [...]}, got string");
  EXPECT_EQ(err("{\"records\": {}}"), ": records: expected an array, got object");
  EXPECT_EQ(err("{\"records\": [], \"document\": []}"), ": document: expected an object, got array");
  EXPECT_EQ(err("{\"records\": [], \"extra\": 1}"), ": unknown top-level key 'extra' (expected records, document)");
  EXPECT_EQ(err("[1e400]"), ":1:6: JSON syntax error: number overflow parsing '1e400'");
  EXPECT_EQ(err(std::string("\xFF\xFE[\0]\0", 6)), ": UTF-16 text is not supported (save the file as UTF-8)");
}

TEST(DataJsonl, StreamsRecordsAndDocument) {
  TempDir t;
  const std::string p = t.write("x.jsonl",
                                "\xEF\xBB\xBF{\"document\": {\"title\": \"T\"}}\n"
                                "{\"a\": 1}\r\n"
                                "\n"
                                "   \n"
                                "{\"a\": 2, \"document\": 3}\n"
                                "{\"document\": {}}");  // only the first line can be the document
  auto src = open_records(p);
  EXPECT_EQ(src->document(), json({{"title", "T"}}));  // known before the first record
  EXPECT_FALSE(src->size_hint());
  std::vector<Record> rs;
  while (auto r = src->next()) rs.push_back(std::move(*r));
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].index, 1u);
  EXPECT_EQ(rs[0].fields, json({{"a", 1}}));
  EXPECT_EQ(rs[1].index, 2u);
  EXPECT_EQ(rs[2].fields, json({{"document", json::object()}}));

  const std::string n = t.write("n.ndjson", "{\"a\": 1}\n{\"a\": 2}\n");
  auto plain = open_records(n);
  EXPECT_EQ(plain->document(), json::object());
  EXPECT_EQ(read_all(n).size(), 2u);
}

TEST(DataJsonl, ErrorsNameThePhysicalLineAndGoOn) {
  TempDir t;
  const std::string p = t.write("x.jsonl",
                                "{\"a\": 1}\n"
                                "\n"
                                "[1, 2]\n"
                                "{\"p\": [\"x\", \"\xFF\"]}\n"
                                "{\"a\": tru}\n"
                                "{\n"
                                "{\"a\": 7}\n");
  auto src = open_records(p);
  EXPECT_EQ(src->next()->index, 1u);
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 2: not an object (got array) (line 3)");
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 3: p[1]: invalid UTF-8 (line 4)");
  EXPECT_EQ(error_of([&] { src->next(); }), p + ":5:10: JSON syntax error: invalid literal; last read: '\"a\": tru}'");
  EXPECT_EQ(error_of([&] { src->next(); }),
            p + ":6:2: JSON syntax error: unexpected end of line (JSON Lines needs each record on one line)");
  auto last = src->next();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->index, 6u);
  EXPECT_EQ(last->fields, json({{"a", 7}}));
  EXPECT_FALSE(src->next());

  const std::string d = t.write("d.jsonl", "{\"document\": [1]}\n{\"a\": 1}\n");
  EXPECT_EQ(error_of([&] { open_records(d); }), d + ": document: expected an object, got array (line 1)");
  const std::string u = t.write("u.jsonl", "\n{\"document\": {\"t\": \"\xFF\"}}\n");
  EXPECT_EQ(error_of([&] { open_records(u); }), u + ": document: t: invalid UTF-8 (line 2)");
}

TEST(DataJsonl, LargeFileInBoundedMemory) {
  if (kAddressSanitizer) GTEST_SKIP() << "ASan keeps freed memory in quarantine: resident size says nothing";
  TempDir t;
  const fs::path p = t.dir / "big.jsonl";
  constexpr size_t kRecords = 200000;
  {
    std::ofstream out(p, std::ios::binary);
    out << "{\"document\": {\"title\": \"批量\"}}\n";
    for (size_t i = 1; i <= kRecords; ++i)
      out << "{\"id\": " << i << ", \"name\": \"项目名称第" << i
          << "号\", \"performance\": [\"完成年度目标\", \"按计划推进\"], \"score\": 88.5}\n";
  }
  ASSERT_GT(fs::file_size(p), 20u << 20);  // bigger than the allowed growth: holding it would show
  const size_t before = resident_bytes();
  size_t peak = before, n = 0, id_sum = 0;
  auto src = open_records(p);
  while (auto r = src->next()) {
    ++n;
    id_sum += r->fields["id"].get<size_t>();
    ASSERT_EQ(r->index, n);
    if (n % 20000 == 0) peak = std::max(peak, resident_bytes());
  }
  peak = std::max(peak, resident_bytes());
  EXPECT_EQ(n, kRecords);
  EXPECT_EQ(id_sum, kRecords * (kRecords + 1) / 2);
  EXPECT_EQ(src->document()["title"], "批量");
  EXPECT_LT(peak - before, size_t{20} << 20) << "resident memory grew by " << ((peak - before) >> 20) << " MiB";
}

}  // namespace
}  // namespace gongwen
