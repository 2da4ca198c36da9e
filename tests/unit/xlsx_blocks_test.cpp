// Workbooks mirror every block: the GB/T 9704 notice's 附件说明, 署名, 成文日期 (with the seal
// picture anchored over them) and 版记, read back with openpyxl and from the drawing XML; the
// front matter's title at the top of the first sheet; the title property.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <unistd.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kScript = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"title": wb.properties.title, "sheets": []}
for ws in wb.worksheets:
    cells = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells.append({"row": c.row, "col": c.column, "value": str(c.value), "h": c.alignment.horizontal,
                              "top": c.border.top.style, "bottom": c.border.bottom.style})
    out["sheets"].append({"name": ws.title, "cells": cells})
print(json.dumps(out, ensure_ascii=False))
)PY";

std::string run_ok(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int st = pclose(p);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << cmd << "\n" << out;
  return out;
}

fs::path xlsx_of(const std::string& name, const std::string& stem) {
  return fs::temp_directory_path() / ("gongwen-" + std::to_string(::getpid()) + "-" + name) / (stem + ".xlsx");
}

json render_and_read(const std::string& layout, const std::string& data, const std::string& name) {
  const fs::path out = gongwen::test::scratch_path(name);
  run_ok("cd '" + gongwen::test::source_dir().string() + "' && '" + GONGWEN_CLI + "' render " + layout + " " + data + " -o '" +
         out.string() + "' --format xlsx -q 2>&1");
  const fs::path script = out / "read.py";
  std::ofstream(script) << kScript;
  const fs::path xlsx = out / (fs::path(data).stem().string() + ".xlsx");
  return json::parse(run_ok("/usr/bin/python3 '" + script.string() + "' '" + xlsx.string() + "'"));
}

const json* cell_with(const json& sheet, const std::string& text) {
  for (const auto& c : sheet["cells"])
    if (c["value"].get<std::string>().find(text) != std::string::npos) return &c;
  return nullptr;
}

TEST(XlsxBlocks, NoticeSheetHasAttachmentsSignatureSealAndBanji) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP();
  const json wb = render_and_read("layouts/gbt9704-notice.toml", "examples/gbt9704-notice/records.json", "xlsx-notice");
  ASSERT_EQ(wb["sheets"].size(), 1u);
  const json& s = wb["sheets"][0];
  const json* att = cell_with(s, "附件：1.2018年度财政支出项目绩效评价工作方案");
  const json* att2 = cell_with(s, "2.财政支出项目绩效自评表");
  const json* name = cell_with(s, "示例市财政局\u3000");
  const json* date = cell_with(s, "2018年7月1日\u3000");
  const json* copy = cell_with(s, "抄送：市人大财政经济委员会，市审计局。");
  // 印发机关 左空一字 and 印发日期 右空一字 on one row (one cell when the sheet has one column).
  const json* printed_by = cell_with(s, "\u3000示例市财政局办公室");
  const json* printed_on = cell_with(s, "2018年7月2日印发\u3000");
  for (const json* c : {att, att2, name, date, copy, printed_by, printed_on}) ASSERT_NE(c, nullptr) << s.dump(1);
  // In the order of the PDF, the 署名 and date right-aligned, the 印发 line's parts on one row.
  EXPECT_LT((*att)["row"], (*att2)["row"]);
  EXPECT_LT((*att2)["row"], (*name)["row"]);
  EXPECT_EQ((*date)["row"].get<int>(), (*name)["row"].get<int>() + 1);
  EXPECT_EQ((*name)["h"], "right");
  EXPECT_EQ((*date)["h"], "right");
  EXPECT_LT((*date)["row"], (*copy)["row"]);
  EXPECT_EQ((*printed_by)["row"], (*printed_on)["row"]);
  // 版记 rules: above 抄送 and below 印发.
  EXPECT_NE((*copy)["top"], nullptr);
  EXPECT_NE((*printed_on)["bottom"], nullptr);
  // The seal: one picture 42 mm across, from a row above the 署名 to one at or below the date
  // (drawing anchors are 0-based), so it lies over both.
  const std::string drawing = gongwen::test::run("unzip -p '" + xlsx_of("xlsx-notice", "records").string() + "' xl/drawings/drawing1.xml");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(drawing, m, std::regex("<xdr:from><xdr:col>\\d+</xdr:col><xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row>"
                                                      ".*<xdr:to><xdr:col>\\d+</xdr:col><xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row>")))
      << drawing;
  EXPECT_LT(std::stoi(m[1]) + 1, (*name)["row"].get<int>());
  EXPECT_GE(std::stoi(m[2]) + 1, (*date)["row"].get<int>());
  EXPECT_NE(drawing.find("<a:ext cx=\"1512000\" cy=\"1512000\"/>"), std::string::npos) << drawing;  // 42 mm = 1512000 EMU
  EXPECT_EQ(drawing.find("<xdr:twoCellAnchor", drawing.find("<xdr:twoCellAnchor") + 1), std::string::npos);  // one picture
  EXPECT_EQ(wb["title"], "示例市财政局关于开展2018年度财政支出项目绩效评价工作的通知");
}

TEST(XlsxBlocks, FrontMatterOpensTheFirstSheet) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP();
  const json wb = render_and_read("layouts/perf-eval-result.toml", "examples/2017-shanghai/records.json", "xlsx-front");
  const json* first = nullptr;
  for (const auto& s : wb["sheets"])
    if (s["name"] == "表1") first = &s;
  ASSERT_NE(first, nullptr);
  const json* title = cell_with(*first, "上海市人民政府合作交流办公室2017年度");
  ASSERT_NE(title, nullptr) << first->dump(1);
  const json* caption = cell_with(*first, "绩效评价结果信息表 1");
  ASSERT_NE(caption, nullptr);
  EXPECT_LT((*title)["row"], (*caption)["row"]);
  // Only the first sheet has it.
  for (const auto& s : wb["sheets"])
    if (s["name"] == "表2") {
      EXPECT_EQ(cell_with(s, "上海市人民政府合作交流办公室2017年度"), nullptr);
    }
}

}  // namespace
