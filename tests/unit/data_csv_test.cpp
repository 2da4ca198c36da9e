// CSV record source: RFC 4180 quoting, BOM, CRLF, list and number columns, GB18030 through ICU,
// streaming in bounded memory, and the exact message of every failure.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

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

using test::read_all;

std::string to_gb18030(const std::string& utf8) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  EXPECT_FALSE(U_FAILURE(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(DataCsv, QuotingBomAndLineEnds) {
  TempDir t;
  const std::string p = t.write("x.csv",
                                "\xEF\xBB\xBFname, note ,tag\r\n"
                                "\"项目, 甲\",\"第一行\r\n第二行 \"\"引\"\"\",a\r\n"
                                "\r\n"
                                "乙,,\"\"\r\n"
                                "丙,\"x\" ,\"\n\"\n"
                                "\"\",\" \",c");  // no final line break
  const auto rs = read_all(p);
  ASSERT_EQ(rs.size(), 4u);
  EXPECT_EQ(rs[0], json({{"name", "项目, 甲"}, {"note", "第一行\n第二行 \"引\""}, {"tag", "a"}}));
  EXPECT_EQ(rs[1], json({{"name", "乙"}, {"note", ""}, {"tag", ""}}));
  EXPECT_EQ(rs[2], json({{"name", "丙"}, {"note", "x"}, {"tag", "\n"}}));
  EXPECT_EQ(rs[3], json({{"name", ""}, {"note", " "}, {"tag", "c"}}));
  EXPECT_EQ(open_records(p)->document(), json::object());
}

TEST(DataCsv, ListAndNumberFields) {
  TempDir t;
  const std::string p = t.write("x.csv",
                                "name,performance,score,budget\n"
                                "甲, a | b |c ,88,\"1,234.5\"\n"
                                "乙,,-0.25,\n"
                                "丙,only, +7 ,1e3\n"
                                "丁,x||y|,12345678901234567890,.5\n");
  DataOptions o;
  o.list_fields = {"performance"};
  o.number_fields = {"score", "budget"};
  const auto rs = read_all(p, o);
  ASSERT_EQ(rs.size(), 4u);
  EXPECT_EQ(rs[0]["performance"], json({"a", "b", "c"}));
  EXPECT_TRUE(rs[0]["score"].is_number_integer());
  EXPECT_EQ(rs[0]["score"], 88);
  EXPECT_DOUBLE_EQ(rs[0]["budget"].get<double>(), 1234.5);
  EXPECT_EQ(rs[1]["performance"], json::array());  // empty cell: empty list
  EXPECT_DOUBLE_EQ(rs[1]["score"].get<double>(), -0.25);
  EXPECT_TRUE(rs[1]["budget"].is_null());  // empty number cell: no value
  EXPECT_EQ(rs[2]["performance"], json({"only"}));
  EXPECT_EQ(rs[2]["score"], 7);
  EXPECT_DOUBLE_EQ(rs[2]["budget"].get<double>(), 1000.0);
  EXPECT_EQ(rs[3]["performance"], json({"x", "y"}));
  EXPECT_TRUE(rs[3]["score"].is_number_float());  // beyond int64: a double, as a JSON file gives
  EXPECT_DOUBLE_EQ(rs[3]["budget"].get<double>(), 0.5);

  o.number_fields.clear();
  o.list_separator = "；";
  const std::string q = t.write("q.csv", "performance\n第一；第二 ； \n");
  EXPECT_EQ(read_all(q, o).at(0)["performance"], json({"第一", "第二"}));
}

TEST(DataCsv, Gb18030) {
  EXPECT_EQ(to_gb18030("项目"), "\xCF\xEE\xC4\xBF");  // 项 U+9879 = CF EE, 目 U+76EE = C4 BF
  TempDir t;
  // Enough rows to cross the 64 KiB read chunks, with four-byte sequences (U+20000, outside the
  // BMP: a surrogate pair inside ICU) at every possible chunk offset.
  std::string text = "项目名称,内容\r\n";
  std::vector<std::string> names;
  for (int i = 0; i < 8000; ++i) {
    names.push_back("项目𠀀" + std::to_string(i) + std::string(static_cast<size_t>(i % 7), 'x'));
    text += names.back() + ",\"中文，引号\"\"与\r\n换行\"\r\n";
  }
  const std::string p = t.write("gb.csv", to_gb18030(text));
  ASSERT_GT(fs::file_size(p), 3u * 65536);
  DataOptions o;
  o.encoding = "GB18030";
  const auto rs = read_all(p, o);
  ASSERT_EQ(rs.size(), names.size());
  for (size_t i = 0; i < rs.size(); ++i) {
    ASSERT_EQ(rs[i]["项目名称"], names[i]) << i;
    ASSERT_EQ(rs[i]["内容"], "中文，引号\"与\n换行") << i;
  }
  // GBK is a subset, and a GB18030 BOM (84 31 95 33) is dropped like a UTF-8 one.
  o.encoding = "gbk";
  const std::string b = t.write("bom.csv", "\x84\x31\x95\x33" + to_gb18030("名称\n项目\n"));
  EXPECT_EQ(read_all(b, o), std::vector<json>{json({{"名称", "项目"}})});
}

TEST(DataCsv, Gb18030Errors) {
  TempDir t;
  DataOptions o;
  o.encoding = "gb18030";
  const std::string p = t.write("x.csv", "a,b\n" + to_gb18030("项目") + ",\xFF\n");
  EXPECT_EQ(error_of([&] { read_all(p, o); }), p + ":2: invalid GB18030 byte sequence FF at file offset 9");
  const std::string q = t.write("q.csv", "a,b\n\n1,\xD7");
  EXPECT_EQ(error_of([&] { read_all(q, o); }), q + ":3: incomplete GB18030 byte sequence D7 at file offset 7");
  o.encoding = "latin1";
  EXPECT_EQ(error_of([&] { open_records(p, o); }), p + ": unknown encoding 'latin1' (expected utf-8 or gb18030)");
}

TEST(DataCsv, RowErrors) {
  TempDir t;
  const std::string p = t.write("x.csv",
                                "name,score,note\n"
                                "甲,1,a\n"
                                "乙,2\n"
                                "丙,3,c,d\n"
                                "丁,x,\"multi\nline\"\n"
                                "戊,\xCF\xEE,e\n"
                                "己,5,f\n");
  DataOptions o;
  o.number_fields = {"score"};
  auto src = open_records(p, o);
  EXPECT_EQ(src->next()->index, 1u);
  EXPECT_EQ(error_of([&] { src->next(); }), p + ":3: record 2: 2 cells, the header has 3");
  EXPECT_EQ(error_of([&] { src->next(); }), p + ":4: record 3: 4 cells, the header has 3");
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 4: score: expected a number, got \"x\" (line 5)");
  EXPECT_EQ(error_of([&] { src->next(); }),
            p + ": record 5: score: invalid UTF-8 at byte 0 (line 7; a GB18030/GBK file needs encoding gb18030)");
  auto last = src->next();  // every error above ended one record only
  ASSERT_TRUE(last);
  EXPECT_EQ(last->index, 6u);
  EXPECT_EQ(last->fields["score"], 5);
}

TEST(DataCsv, SyntaxAndHeaderErrors) {
  TempDir t;
  auto err = [&](const std::string& bytes, const DataOptions& o = {}) {
    const std::string f = t.write("e.csv", bytes);
    return error_of([&] { read_all(f, o); }).substr(f.size());
  };
  EXPECT_EQ(err("a,b\n1,\"abc\n2,3\n"), ":2: unterminated quoted field (column 2)");
  EXPECT_EQ(err("a,b\n1,2\n\"x\"y,3\n"), ":3: column 1: text after the closing quote (a quote inside a quoted field is written \"\")");
  EXPECT_EQ(err(""), ": empty CSV file (a header row is needed)");
  EXPECT_EQ(err("\n\n"), ": empty CSV file (a header row is needed)");
  EXPECT_EQ(err("\na,b,a\n"), ":2: duplicate column 'a' (columns 1 and 3)");
  EXPECT_EQ(err("a,,b\n"), ":1: column 2 has no name");
  EXPECT_EQ(err("\xCF\xEE\xC4\xBF,b\n"), ":1: column 1: invalid UTF-8 at byte 0 (a GB18030/GBK file needs encoding gb18030)");
  DataOptions o;
  o.list_fields = {"c"};
  EXPECT_EQ(err("a,b\n", o), ": list field 'c' is not a column of the header");
  o.list_fields = {"a"};
  o.number_fields = {"a"};
  EXPECT_EQ(err("a,b\n", o), ": column 'a' cannot be both a list and a number field");
  o.number_fields.clear();
  o.list_separator = "";
  EXPECT_EQ(err("a,b\n", o), ": the list separator is empty");
}

TEST(DataCsv, LargeFileInBoundedMemory) {
  if (kAddressSanitizer) GTEST_SKIP() << "ASan keeps freed memory in quarantine: resident size says nothing";
  TempDir t;
  const fs::path p = t.dir / "big.csv";
  constexpr size_t kRows = 150000;
  {
    std::ofstream out(p, std::ios::binary);
    out << "id,name,performance\r\n";
    for (size_t i = 1; i <= kRows; ++i)
      out << i << ",\"项目名称第" << i << "号\",完成年度目标|按计划推进\r\n";
  }
  ASSERT_GT(fs::file_size(p), 8u << 20);
  DataOptions o;
  o.list_fields = {"performance"};
  o.number_fields = {"id"};
  const size_t before = resident_bytes();
  size_t peak = before, n = 0;
  auto src = open_records(p, o);
  while (auto r = src->next()) {
    ++n;
    ASSERT_EQ(r->fields["id"], n);
    if (n % 20000 == 0) peak = std::max(peak, resident_bytes());
  }
  EXPECT_EQ(n, kRows);
  EXPECT_LT(peak - before, size_t{20} << 20) << "resident memory grew by " << ((peak - before) >> 20) << " MiB";
}

}  // namespace
}  // namespace gongwen
