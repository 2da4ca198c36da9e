// A 合计 in 万元 over records whose amounts the table shows both in 元 and in 万元: the workbook's
// live formula must sum the 万元 column (or none), never the 元 column — =SUM(B3:B5) there is
// 10,000 times the printed figure once Excel recalculates.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kLayout = R"([[back]]
type = "table"
columns = ["20mm", "40mm", "40mm"]

  [[back.rows]]
  header = true
  cells = ["序号", "支出（元）", "支出（万元）"]

  [[back.rows]]
  for_each = "{{records}}"
  cells = ["{{n}}", "{{item.spent | fixed(2)}}", "{{item.spent | wan | decimals(2, 6)}}"]

  [[back.rows]]
  cells = ["合计", "{{sum(spent) | fixed(2)}}", "{{sum(spent) | wan | decimals(2, 6)}}"]

  [[back.rows]]
  cells = ["万元", { text = "{{sum(spent) | wan | fixed(2)}}", colspan = 2 }]
)";

constexpr const char* kDump = R"PY(
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}, ensure_ascii=False))
)PY";

TEST(XlsxAggregateScale, WanTotalSumsTheWanColumn) {
  const fs::path dir = gongwen::test::scratch_path("xlsx-aggregate-scale");
  fs::create_directories(dir);
  std::ofstream(dir / "layout.toml") << kLayout;
  std::ofstream(dir / "data.json") << R"([{"spent": 1250000.5}, {"spent": 0}, {"spent": -1250.5}])";
  const auto r = gongwen::test::run_gongwen("render layout.toml data.json -o out --format xlsx", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  const auto cells = gongwen::test::python_json(kDump, dir / "out/data.xlsx");
  // Rows: 1 header, 2–4 items, 5 合计, 6 万元 line.
  EXPECT_EQ(cells.at("B2"), 1250000.5);
  EXPECT_EQ(cells.at("C2"), 125.00005);
  EXPECT_EQ(cells.at("B5"), "=SUM(B2:B4)");
  EXPECT_EQ(cells.at("C5"), "=SUM(C2:C4)");  // the 万元 column, not B
  // Any 万元 figure reads the 万元 column: 124.875 shown as 124.88.
  EXPECT_EQ(cells.at("B6"), "=SUM(C2:C4)");
}

}  // namespace
