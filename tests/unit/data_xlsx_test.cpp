// XLSX record source: workbooks written by libxlsxwriter (types, dates, merges, line lists,
// streaming), hand-made ones (1904 dates, damaged and hostile workbooks) and committed fixtures
// saved by LibreOffice.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <map>

#include "template/format.hpp"
#include "core/error.hpp"
#include "data/cells.hpp"
#include "data/record.hpp"
#include "data_test_support.hpp"

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::error_of;
using test::TempDir;

using test::read_all;

/// A zip of the given entries (stored as given), made with libzip.
std::string make_zip(const std::map<std::string, std::string>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  zip_source_keep(buf);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buf);
  zip_source_free(buf);
  zip_error_fini(&err);
  return out;
}

constexpr const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    "</Relationships>";

/// A minimal workbook by hand: one sheet named Sheet1 with `rows` (the <sheetData> content),
/// shared strings `shared`, and style 1 a date (numFmtId 14).
std::string hand_xlsx(const std::string& rows, const std::vector<std::string>& shared = {}, bool date1904 = false,
                      const std::string& after_rows = "") {
  std::string sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
  for (const auto& s : shared) sst += "<si><t xml:space=\"preserve\">" + s + "</t></si>";
  sst += "</sst>";
  return make_zip({
      {"xl/workbook.xml", std::string("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">") +
                              (date1904 ? "<workbookPr date1904=\"1\"/>" : "") +
                              "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", kRels},
      {"xl/styles.xml", "<styleSheet><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"},
      {"xl/sharedStrings.xml", sst},
      {"xl/worksheets/sheet1.xml",
       "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData>" +
           after_rows + "</worksheet>"},
  });
}

std::string write_types_workbook(const TempDir& t) {
  const std::string path = (t.dir / "types.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "项目");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "0.000\"万元\"");
  const char* head[] = {"name", "budget", "count", "ok", "signed", "stamp", "doubled", "items"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), head[c], nullptr);
  worksheet_write_string(ws, 1, 0, "项目甲", nullptr);
  worksheet_write_number(ws, 1, 1, 20.645, money);
  worksheet_write_number(ws, 1, 2, 12, nullptr);
  worksheet_write_boolean(ws, 1, 3, 1, nullptr);
  lxw_datetime d{2018, 7, 1, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 4, &d, date);
  lxw_datetime s{2018, 7, 1, 9, 30, 0};
  worksheet_write_datetime(ws, 1, 5, &s, stamp);
  worksheet_write_formula_num(ws, 1, 6, "=B2*2", nullptr, 41.29);
  worksheet_write_string(ws, 1, 7, "第一条\n 第二条 \n\n第三条", nullptr);
  worksheet_write_string(ws, 2, 0, "项目乙", nullptr);  // the rest of the row left empty
  workbook_close(wb);
  return path;
}

TEST(DataXlsx, CellsKeepTheirTypes) {
  TempDir t;
  const auto rs = read_all(write_types_workbook(t));
  ASSERT_EQ(rs.size(), 2u);
  const json& r = rs[0];
  EXPECT_EQ(r["name"], "项目甲");
  ASSERT_TRUE(r["budget"].is_number_float());
  EXPECT_EQ(shortest_decimal(r["budget"].get<double>()), "20.645");  // no binary drift
  EXPECT_TRUE(r["count"].is_number_integer());
  EXPECT_EQ(r["count"], 12);
  EXPECT_EQ(r["ok"], true);
  EXPECT_EQ(r["signed"], "2018-07-01");
  EXPECT_EQ(r["stamp"], "2018-07-01 09:30:00");
  EXPECT_EQ(shortest_decimal(r["doubled"].get<double>()), "41.29");  // the formula's cached value
  EXPECT_EQ(r["items"], "第一条\n 第二条 \n\n第三条");                 // text unless used as a list
  // Empty cells are null, like a CSV number column's empty cell.
  EXPECT_EQ(rs[1], json({{"name", "项目乙"}, {"budget", nullptr}, {"count", nullptr}, {"ok", nullptr}, {"signed", nullptr},
                         {"stamp", nullptr}, {"doubled", nullptr}, {"items", nullptr}}));
}

TEST(DataXlsx, LineBreaksMakeListsForListFields) {
  TempDir t;
  DataOptions o;
  o.line_list_fields = {"items", "name", "not-a-column"};
  const auto rs = read_all(write_types_workbook(t), o);
  EXPECT_EQ(rs[0]["items"], json({"第一条", "第二条", "第三条"}));
  EXPECT_EQ(rs[0]["name"], json({"项目甲"}));
  EXPECT_EQ(rs[1]["items"], json::array());  // an empty cell is an empty list
  DataOptions sep;
  sep.list_fields = {"name"};
  sep.list_separator = "目";
  EXPECT_EQ(read_all(write_types_workbook(t), sep)[0]["name"], json({"项", "甲"}));
}

TEST(DataXlsx, StoredNumbersLoseTheirBinaryNoise) {
  EXPECT_EQ(data_detail::parse_stored_number("0.30000000000000004")->dump(), "0.3");
  EXPECT_EQ(data_detail::parse_stored_number("20.645")->dump(), "20.645");
  EXPECT_EQ(data_detail::parse_stored_number("1.2345678901234567E-3")->dump(), "0.00123456789012346");
  EXPECT_EQ(*data_detail::parse_stored_number("206450"), json(206450));
  EXPECT_EQ(*data_detail::parse_stored_number("99.999999999999986"), json(100));
  EXPECT_FALSE(data_detail::parse_stored_number("1e"));
}

TEST(DataXlsx, MergedCellsSpreadAndTitleRowsAreSkipped) {
  TempDir t;
  const std::string path = (t.dir / "merged.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_merge_range(ws, 0, 0, 0, 2, "2017年度绩效评价一览表", nullptr);  // a title over the table
  worksheet_write_string(ws, 1, 0, "一级指标", nullptr);
  worksheet_write_string(ws, 1, 1, "二级指标", nullptr);
  worksheet_write_string(ws, 1, 2, "分值", nullptr);
  worksheet_merge_range(ws, 2, 0, 4, 0, "产出", nullptr);  // one group over three rows
  const char* second[] = {"数量", "质量", "时效"};
  for (int i = 0; i < 3; ++i) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(2 + i), 1, second[i], nullptr);
    worksheet_write_number(ws, static_cast<lxw_row_t>(2 + i), 2, 10 + i, nullptr);
  }
  worksheet_write_string(ws, 5, 0, "效益", nullptr);
  worksheet_merge_range(ws, 5, 1, 5, 2, "—", nullptr);  // across two fields of one record
  workbook_close(wb);
  const auto rs = read_all(path);
  ASSERT_EQ(rs.size(), 4u);
  EXPECT_EQ(rs[0], json({{"一级指标", "产出"}, {"二级指标", "数量"}, {"分值", 10}}));
  EXPECT_EQ(rs[2], json({{"一级指标", "产出"}, {"二级指标", "时效"}, {"分值", 12}}));
  EXPECT_EQ(rs[3], json({{"一级指标", "效益"}, {"二级指标", "—"}, {"分值", "—"}}));
}

TEST(DataXlsx, ALoneCellAboveTheHeaderIsATitle) {
  TempDir t;
  const std::string rows = R"(<row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c></row>)"
                           R"(<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>3</v></c></row>)";
  EXPECT_EQ(read_all(t.write("t.xlsx", hand_xlsx(rows, {"一览表", "n", "name", "甲"}))), std::vector<json>{json({{"n", 1}, {"name", "甲"}})});
  // One column: its single header cell is the header.
  EXPECT_EQ(read_all(t.write("one.xlsx", hand_xlsx(R"(<row><c t="s"><v>0</v></c></row><row><c><v>5</v></c></row>)", {"n"}))),
            std::vector<json>{json({{"n", 5}})});
}

TEST(DataXlsx, SheetByName) {
  TempDir t;
  const std::string path = (t.dir / "two.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* a = workbook_add_worksheet(wb, "说明");
  worksheet_write_string(a, 0, 0, "note", nullptr);
  worksheet_write_string(a, 1, 0, "first sheet", nullptr);
  lxw_worksheet* b = workbook_add_worksheet(wb, "数据");
  worksheet_write_string(b, 0, 0, "x", nullptr);
  worksheet_write_number(b, 1, 0, 7, nullptr);
  workbook_close(wb);
  EXPECT_EQ(read_all(path)[0]["note"], "first sheet");
  DataOptions o;
  o.sheet = "数据";
  EXPECT_EQ(read_all(path, o), std::vector<json>{json({{"x", 7}})});
  o.sheet = "Data";
  EXPECT_EQ(error_of([&] { read_all(path, o); }), path + ": no sheet named 'Data' (the workbook has 说明, 数据)");
}

TEST(DataXlsx, DateSystems1900And1904) {
  TempDir t;
  // Serial 43282 is 2018-07-01 in the 1900 system; the 1904 system counts 1462 days fewer.
  const std::string rows = R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="1"><v>43282</v></c></row>)"
                           R"(<row r="3"><c r="A3" s="1"><v>61</v></c></row><row r="4"><c r="A4" s="1"><v>43282.5</v></c></row>)";
  const auto a = read_all(t.write("d1900.xlsx", hand_xlsx(rows, {"day"})));
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0]["day"], "2018-07-01");
  EXPECT_EQ(a[1]["day"], "1900-03-01");
  EXPECT_EQ(a[2]["day"], "2018-07-01");  // a date format shows the day only
  const auto b = read_all(t.write("d1904.xlsx", hand_xlsx(rows, {"day"}, true)));
  EXPECT_EQ(b[0]["day"], "2022-07-02");
  EXPECT_EQ(read_all(t.write("d1904b.xlsx", hand_xlsx(R"(<row r="1"><c t="s"><v>0</v></c></row><row r="2"><c s="1"><v>41820</v></c></row>)",
                                                        {"day"}, true)))[0]["day"],
            "2018-07-01");
}

TEST(DataXlsx, InlineStringsErrorsAndEscapes) {
  TempDir t;
  const std::string rows =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><r><t>b</t></r><r><t>c</t></r></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>x_x000D_
y</t></is></c><c r="B2" t="str"><f>A2</f><v>z</v></c></row>)"
      R"(<row r="3"><c r="A3" t="e"><v>#DIV/0!</v></c></row>)";
  const std::string p = t.write("inline.xlsx", hand_xlsx(rows));
  auto src = open_records(p);
  auto r = src->next();
  EXPECT_EQ(r->fields, json({{"a", "x\ny"}, {"bc", "z"}}));
  EXPECT_EQ(error_of([&] { src->next(); }), p + ": record 2: a: the cell holds the error #DIV/0! (Sheet1!A3)");
}

TEST(DataXlsx, BadWorkbooksNameFileAndPlace) {
  TempDir t;
  const std::string notzip = t.write("plain.xlsx", "name,score\n甲,1\n");
  EXPECT_EQ(error_of([&] { open_records(notzip); }), notzip + ": not an XLSX workbook (not a zip archive)");
  const std::string nosheet = t.write("nosheet.xlsx", make_zip({{"readme.txt", "hello"}}));
  EXPECT_EQ(error_of([&] { open_records(nosheet); }), nosheet + ": not an XLSX workbook (no xl/workbook.xml in the zip archive)");
  const std::string far = t.write("far.xlsx", hand_xlsx(R"(<row r="1"><c r="XFE1" t="s"><v>0</v></c></row>)", {"x"}));
  EXPECT_EQ(error_of([&] { open_records(far); }), far + ": Sheet1!XFE1: cell reference past Excel's limits (XFD1048576)");
  const std::string deep = t.write("deep.xlsx", hand_xlsx(R"(<row r="1048577"><c t="s"><v>0</v></c></row>)", {"x"}));
  EXPECT_EQ(error_of([&] { open_records(deep); }), deep + ": Sheet1!A1048577: cell reference past Excel's limits (XFD1048576)");
  const std::string sst = t.write("sst.xlsx", hand_xlsx(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
                                                        R"(<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>7</v></c></row>)",
                                                        {"name", "note"}));
  EXPECT_EQ(error_of([&] { read_all(sst); }), sst + ": Sheet1!B2: note: shared string index 7 out of range (the workbook has 2)");
  const std::string xml = t.write("xml.xlsx", hand_xlsx(R"(<row r="1"><c r="A1"><v>1</v></row>)"));
  EXPECT_EQ(error_of([&] { read_all(xml); }), xml + ": xl/worksheets/sheet1.xml:1:120: malformed XML (mismatched tag)");
  const std::string bomb = t.write("dtd.xlsx", make_zip({{"xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><workbook/>"}}));
  EXPECT_EQ(error_of([&] { open_records(bomb); }), bomb + ": xl/workbook.xml: a document type declaration is not allowed in a workbook part");
}

/// A sheet part of `size` bytes: a valid start, then zeros, compressed as it is written.
std::string zero_bomb(uint64_t size) {
  struct Zeros {
    uint64_t size, pos = 0;
  };
  static const std::string head = "<worksheet><sheetData>";
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* z = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  zip_source_keep(buf);
  std::string book = "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, book.data(), book.size(), 0), 0);
  zip_file_add(z, "xl/_rels/workbook.xml.rels", zip_source_buffer(z, kRels, strlen(kRels), 0), 0);
  auto* state = new Zeros{size};
  zip_source_t* zeros = zip_source_function(
      z,
      [](void* ud, void* data, zip_uint64_t len, zip_source_cmd_t cmd) -> zip_int64_t {
        auto* s = static_cast<Zeros*>(ud);
        switch (cmd) {
          case ZIP_SOURCE_OPEN: s->pos = 0; return 0;
          case ZIP_SOURCE_READ: {
            const uint64_t n = std::min<uint64_t>(len, s->size - s->pos);
            char* out = static_cast<char*>(data);
            for (uint64_t i = 0; i < n; ++i) out[i] = s->pos + i < head.size() ? head[s->pos + i] : ' ';
            s->pos += n;
            return static_cast<zip_int64_t>(n);
          }
          case ZIP_SOURCE_CLOSE: return 0;
          case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = s->size;
            st->valid |= ZIP_STAT_SIZE;
            return sizeof(zip_stat_t);
          }
          case ZIP_SOURCE_FREE: delete s; return 0;
          case ZIP_SOURCE_SUPPORTS: return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_FREE, -1);
          default: return 0;
        }
      },
      state);
  const zip_int64_t i = zip_file_add(z, "xl/worksheets/sheet1.xml", zeros, 0);
  zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_DEFLATE, 1);
  zip_close(z);
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t n = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<size_t>(n), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(n));
  zip_source_close(buf);
  zip_source_free(buf);
  zip_error_fini(&err);
  return out;
}

TEST(DataXlsx, ZipBombsAreRefused) {
  TempDir t;
  // 1 GiB of spaces in about a megabyte: refused by its declared size, before any inflating.
  const std::string big = zero_bomb(1ull << 30);
  EXPECT_LT(big.size(), 8u << 20);
  const std::string p = t.write("bomb.xlsx", big);
  EXPECT_EQ(error_of([&] { read_all(p); }),
            p + ": xl/worksheets/sheet1.xml: 1073741824 bytes uncompressed, over the limit of 536870912 bytes per workbook part (a zip bomb?)");
  // A header that lies about the size is caught by counting what inflates.
  std::string small = zero_bomb(4u << 20);
  const std::string sheet = "xl/worksheets/sheet1.xml";
  size_t patched = 0;
  // Uncompressed size field: local header offset 22, central directory offset 24 from the signature.
  for (size_t at = small.find(sheet); at != std::string::npos; at = small.find(sheet, at + 1)) {
    const bool central = at >= 46 && small.compare(at - 46, 4, "PK\x01\x02") == 0;
    const bool local = at >= 30 && small.compare(at - 30, 4, "PK\x03\x04") == 0;
    if (!central && !local) continue;
    const size_t field = central ? at - 46 + 24 : at - 30 + 22;
    small[field] = 100, small[field + 1] = small[field + 2] = small[field + 3] = 0;
    ++patched;
  }
  ASSERT_EQ(patched, 2u);
  const std::string q = t.write("liar.xlsx", small);
  DataOptions o;
  o.part_limit = 1u << 20;
  const std::string e = error_of([&] { read_all(q, o); });
  // Refused one way or another — by the count, or by libzip's own size and CRC checks — and
  // always naming the part; never 4 MiB read as a sheet.
  EXPECT_TRUE(e.starts_with(q + ": xl/worksheets/sheet1.xml")) << e;
  EXPECT_TRUE(e.find("over the limit of 1048576 bytes") != std::string::npos || e.find("damaged entry") != std::string::npos ||
              e.find("malformed XML") != std::string::npos)
      << e;
}

TEST(DataXlsx, FromBytesInMemory) {
  const auto src = open_xlsx_bytes(hand_xlsx(R"(<row><c t="s"><v>0</v></c></row><row><c><v>1.5</v></c></row>)", {"v"}), "mem.xlsx");
  auto r = src->next();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fields, json({{"v", 1.5}}));
  EXPECT_FALSE(src->next());
  EXPECT_EQ(error_of([] { open_xlsx_bytes("PK\x03\x04garbage", "mem.xlsx"); }).substr(0, 32), "mem.xlsx: not an XLSX workbook (");
}

TEST(DataXlsx, StreamsInBoundedMemory) {
  if (test::kAddressSanitizer) GTEST_SKIP() << "RSS is meaningless under ASan";
  TempDir t;
  const std::string path = (t.dir / "big.xlsx").string();
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const char* head[] = {"n", "name", "amount", "note"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), head[c], nullptr);
  const lxw_row_t rows = 200000;
  for (lxw_row_t r = 1; r <= rows; ++r) {
    worksheet_write_number(ws, r, 0, r, nullptr);
    worksheet_write_string(ws, r, 1, ("项目" + std::to_string(r)).c_str(), nullptr);
    worksheet_write_number(ws, r, 2, r * 0.25, nullptr);
    worksheet_write_string(ws, r, 3, "一段说明文字，用来把每一行撑得大一些。", nullptr);
  }
  workbook_close(wb);
  auto src = open_records(path);
  size_t n = 0, before = 0;
  while (auto r = src->next()) {
    if (++n == 1000) before = test::resident_bytes();
    ASSERT_EQ(r->fields["n"], n);
  }
  EXPECT_EQ(n, rows);
  EXPECT_LT(test::resident_bytes(), before + (16u << 20));  // rows pass through, they are not kept
}

TEST(DataXlsx, LibreOfficeFixtures) {
  const fs::path dir = fs::path(GONGWEN_TEST_DIR) / "fixtures" / "xlsx";
  DataOptions o;
  o.line_list_fields = {"performance"};
  const auto rs = read_all((dir / "libreoffice-types.xlsx").string(), o);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0]["project_name"], "信息系统运维");
  EXPECT_EQ(shortest_decimal(rs[0]["budget_wan"].get<double>()), "20.645");
  EXPECT_EQ(rs[0]["signed"], "2018-07-01");
  EXPECT_EQ(rs[0]["performance"], json({"按计划开展运维；", "系统运行稳定。"}));
  EXPECT_EQ(rs[1]["budget_wan"], 12);
  EXPECT_EQ(rs[1]["signed"], "2018-12-31");
  EXPECT_EQ(rs[1]["performance"], json({"无"}));

  // Title row merged across, a cell merged down, a two-line cell, 1904 dates.
  DataOptions p;
  p.paragraph_fields = {"二级指标"};
  const auto ms = read_all((dir / "libreoffice-merged-1904.xlsx").string(), p);
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0], json({{"一级指标", "产出"}, {"二级指标", "数量"}, {"分值", 20.645}, {"完成日期", "2018-07-01"}}));
  EXPECT_EQ(ms[1], json({{"一级指标", "产出"}, {"二级指标", {"质量", "时效"}}, {"分值", 10}, {"完成日期", "2018-12-31"}}));
  // LibreOffice saves this TRUE as the number 1 in a General cell: read as stored.
  EXPECT_EQ(ms[2], json({{"一级指标", "效益"}, {"二级指标", 1}, {"分值", 5}, {"完成日期", nullptr}}));
}

}  // namespace
}  // namespace gongwen
