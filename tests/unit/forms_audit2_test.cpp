// Second round of the issue #12 hidden-form audit (tests/forms/README.md): forms written against
// docs/layout-format.md and docs/data.md alone, kept as regression tests and read back from
// outside — pdftotext, pdfimages and openpyxl.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// One page's text (all pages for 0) in reading order of its lines, without white space or U+3000.
std::string text_of(const fs::path& pdf, int page = 0) {
  const std::string range = page ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  const std::string t = gongwen::test::run("pdftotext -layout -enc UTF-8" + range + " '" + pdf.string() + "' - 2>/dev/null");
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    if (t[i] != ' ' && t[i] != '\n' && t[i] != '\f' && t[i] != '\t') out += t[i];
  }
  return out;
}

/// The first sheet: every cell's value (formulas as written), cached value, number format.
constexpr const char* kDump = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
ws = wb.worksheets[0]
print(json.dumps({"sheets": wb.sheetnames, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
  "cells": {c.coordinate: [c.value, cached[ws.title][c.coordinate].value, c.number_format]
            for row in ws.iter_rows() for c in row if c.value is not None}}, ensure_ascii=False, default=str))
)PY";

json read_workbook(const fs::path& xlsx) { return gongwen::test::python_json(kDump, xlsx); }

fs::path render(const std::string& name, const std::string& data, const std::string& args, const std::string& out_name) {
  const fs::path form = gongwen::test::source_dir() / "tests/forms" / name;
  const fs::path out = gongwen::test::scratch_path("audit2-" + out_name);
  const auto r = gongwen::test::run_gongwen("render '" + (form / "layout.toml").string() + "' '" + (form / data).string() +
                                            "' -o '" + out.string() + "' " + args);
  EXPECT_EQ(r.status, 0) << r.output;
  const auto check = gongwen::test::run_gongwen("check '" + (form / "layout.toml").string() + "' '" + (form / data).string() + "' " +
                                                (args.find("gb18030") != std::string::npos ? "--encoding gb18030" : ""));
  EXPECT_EQ(check.status, 0) << check.output;
  return out / fs::path(data).stem();
}

}  // namespace

// 季度执行情况表: landscape, 66 records over four pages (two header rows with spans repeated on
// each), group_by 主管部门 with 小计, 合计 with sum/count/count(field)/avg/min/max, percent, group,
// wan, daxie, 0 and negative amounts, 0.1 + 0.2, a null remark with default.
TEST(AuditForms2, QuarterlyExecutionTotals) {
  const fs::path stem = render("quarterly-execution", "records.json", "--format pdf,xlsx", "quarterly");
  const fs::path pdf = stem.string() + ".pdf";
  const std::string all = text_of(pdf);
  for (const char* s : {"合计（66项，有备注2项）", "161,667,516.67", "158,110,223.27", "80,668,855.70", "51.0%", "8066.88557",
                        "103.91%", "-0.12%", "人民币捌仟零陆拾陆万捌仟捌佰伍拾伍元柒角", "0.1+0.20.3", "区教育局小计（14项）",
                        "36,788,361.67", "-1,250.50-0.1%-0.12505", "退回以前年度多", "填表人：李娜"})
    EXPECT_NE(all.find(s), std::string::npos) << s;
  EXPECT_EQ(gongwen::test::occurrences(all, "小计（"), 5u);
  for (int page = 1; page <= 4; ++page) {
    const std::string p = text_of(pdf, page);
    EXPECT_NE(p.find("预算安排执行情况序号项目名称主管部门备注年初预算调整后预算累计支出执行率支出（万元）"), std::string::npos) << page;
    EXPECT_NE(p.find("第" + std::to_string(page) + "页共4页"), std::string::npos) << page;
  }
  EXPECT_EQ(text_of(pdf, 5), "");

  const json wb = read_workbook(stem.string() + ".xlsx");
  const json& c = wb.at("cells");
  EXPECT_TRUE(std::count(wb.at("merged").begin(), wb.at("merged").end(), "D3:E3")) << wb.at("merged");
  EXPECT_TRUE(std::count(wb.at("merged").begin(), wb.at("merged").end(), "A3:A4"));
  // The first 小计 and the 合计: live formulas over their own columns, the 万元 one included.
  EXPECT_EQ(c.at("A19")[0], "区教育局小计（14项）");
  EXPECT_EQ(c.at("D19")[0], "=SUBTOTAL(9,D5:D18)");
  EXPECT_EQ(c.at("H19")[0], "=SUBTOTAL(9,H5:H18)");
  EXPECT_NEAR(c.at("H19")[1].get<double>(), 1570.489274, 1e-9);
  EXPECT_EQ(c.at("A76")[0], "合计（66项，有备注2项）");
  EXPECT_EQ(c.at("F76")[0], "=SUBTOTAL(9,F5:F75)");
  EXPECT_NEAR(c.at("F76")[1].get<double>(), 80668855.70, 1e-6);
  EXPECT_EQ(c.at("H76")[0], "=SUBTOTAL(9,H5:H75)");
  EXPECT_NEAR(c.at("H76")[1].get<double>(), 8066.88557, 1e-9);
  EXPECT_EQ(c.at("G5")[2], "0.0%");
  EXPECT_EQ(c.at("D79")[0], 0.3);  // 0.1 + 0.2, exact
}

// 人才引进资格审查登记表 from a GB18030 CSV (BOM-less header) and the same records in an .xlsx
// whose amount is a number stored as text: checkboxes over an enumeration and a multi-line list,
// equals + choose, a boolean checkbox and its negation, photos from a column (one empty), a row
// shown by `when`, an omit_if_empty row, a cell with `when`, default on empty values, date(ym),
// 0 and negative 大写.
TEST(AuditForms2, TalentRegistrationFromCsvAndWorkbook) {
  const fs::path csv = render("talent-registration", "records.csv", "--encoding gb18030 --format pdf,xlsx", "talent-csv");
  const fs::path pdf = csv.string() + ".pdf";
  const std::string p1 = text_of(pdf, 1), p2 = text_of(pdf, 2), p3 = text_of(pdf, 3);
  for (const char* s : {"1988.05", "☑博士研究生☐硕士研究生", "■A类（领军人才）□B类", "☑注册会计师☐法律职业资格☑高级工程师☐一级建造师",
                        "☑有☐无", "200,000.00（贰拾万元整）", "境外学习工", "备注无审核结论通过", "注：A类人才须另附代表性成果材料。"})
    EXPECT_NE(p1.find(s), std::string::npos) << s << "\n" << p1;
  for (const char* s : {"1995.11", "汉族", "籍贯—", "☑硕士研究生", "□A类", "■C类", "☐注册会计师☐法律职业资格☐高级工程师☐一级建造师",
                        "☐有☑无", "0.00（零元整）", "☑本人承诺"})
    EXPECT_NE(p2.find(s), std::string::npos) << s << "\n" << p2;
  for (const char* s : {"-1,500.50（负壹仟伍佰元伍角）", "☑其他", "☐本人承诺", "违纪违法", "审核结论不通过"})
    EXPECT_NE(p3.find(s), std::string::npos) << s << "\n" << p3;
  EXPECT_EQ(p2.find("境外学习"), std::string::npos);     // when = overseas
  EXPECT_EQ(p1.find("违纪违法"), std::string::npos);     // omit_if_empty
  EXPECT_EQ(p2.find("通过"), std::string::npos);         // the cell's when = reviewed (false)
  EXPECT_EQ(p2.find("代表性成果"), std::string::npos);   // paragraph when = category equals A
  // Two photos (李娜 has none).
  const std::string images = gongwen::test::run("pdfimages -list '" + pdf.string() + "'");
  const std::regex image(R"(\n\s*\d+\s+\d+\s+image\s)");
  EXPECT_EQ(std::distance(std::sregex_iterator(images.begin(), images.end(), image), std::sregex_iterator()), 2) << images;

  // The workbook input reads the same: the number stored as text, TRUE/FALSE cells, a phone number.
  const fs::path xlsx = render("talent-registration", "records.xlsx", "--format pdf,xlsx", "talent-xlsx");
  EXPECT_EQ(text_of(xlsx.string() + ".pdf"), text_of(pdf));

  const json wb = read_workbook(csv.string() + ".xlsx");
  EXPECT_EQ(wb.at("sheets"), json({"表1", "表2", "表3"}));
  bool found = false;
  for (const auto& [coord, v] : wb.at("cells").items())
    if (v[0] == "200,000.00（贰拾万元整）") found = true;
  EXPECT_TRUE(found);
}
