// Two forms of the issue #12 hidden-form audit, written against docs/layout-format.md alone and
// kept as regression tests (tests/forms/): a 干部任免审批表 per cadre from JSON (photo beside four
// rows, tall merged labels, row spans over a for_each list, a seal behind the text, a row and a
// cell shown only when the record calls for them) and a landscape 固定资产清单 over all records
// of an Excel workbook (two header rows with spans, groups with 小计, 合计 with sum/count/avg/
// min/max, front and back matter). Checked from outside: pdftotext, pdfimages and openpyxl.
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

/// The PDF's text without any white space (pdftotext's line breaks and CJK–Latin gaps vary).
std::string squashed_text(const fs::path& pdf) {
  std::string t = gongwen::test::run("pdftotext -enc UTF-8 '" + pdf.string() + "' - 2>/dev/null"), out;
  for (char c : t)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\t') out += c;
  return out;
}

size_t occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

/// Per sheet: every cell (value, cached value of formulas, type) and the merged ranges.
constexpr const char* kDump = R"PY(
import json, sys, zipfile, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
names = zipfile.ZipFile(path).namelist()
out = {"sheets": wb.sheetnames, "media": sum(n.startswith("xl/media/") for n in names),
       "drawings": sum(n.startswith("xl/drawings/drawing") for n in names)}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells[c.coordinate] = {"value": c.value, "cached": cached[ws.title][c.coordinate].value, "type": c.data_type}
    out[ws.title] = {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
print(json.dumps(out, ensure_ascii=False, default=str))
)PY";

json read_workbook(const fs::path& xlsx) {
  const fs::path script = xlsx.parent_path() / "dump.py";
  std::ofstream(script) << kDump;
  return json::parse(gongwen::test::run("/usr/bin/python3 '" + script.string() + "' '" + xlsx.string() + "'"));
}

/// The coordinate of the cell whose value is `text` (first in row order), or "".
std::string find_cell(const json& sheet, const std::string& text) {
  std::string best;
  int best_row = 1 << 30;
  for (const auto& [coord, c] : sheet.at("cells").items())
    if (c.at("value").is_string() && c.at("value").get<std::string>() == text) {
      const int row = std::stoi(coord.substr(coord.find_first_of("0123456789")));
      if (row < best_row) best = coord, best_row = row;
    }
  return best;
}

int row_of(const std::string& coord) { return std::stoi(coord.substr(coord.find_first_of("0123456789"))); }

bool merged(const json& sheet, const std::string& range) {
  for (const auto& r : sheet.at("merged"))
    if (r == range) return true;
  return false;
}

/// Renders tests/forms/NAME/layout.toml with DATA into a scratch folder; the output stem.
fs::path render_form(const std::string& name, const std::string& data, const std::string& formats = "pdf,xlsx") {
  const fs::path form = gongwen::test::source_dir() / "tests/forms" / name;
  const fs::path out = gongwen::test::scratch_path("audit-form-" + name);
  const auto r = gongwen::test::run_gongwen("render '" + (form / "layout.toml").string() + "' '" + (form / data).string() +
                                            "' -o '" + out.string() + "' --format " + formats);
  EXPECT_EQ(r.status, 0) << r.output;
  return out / fs::path(data).stem();
}

}  // namespace

TEST(AuditForms, CadreAppointmentTextImagesAndSpans) {
  const fs::path stem = render_form("cadre-appointment", "records.json");
  const std::string text = squashed_text(stem.string() + ".pdf");
  // Values as the filters print them: dates, date(cn), default, join, for_each items.
  for (const char* s : {"王建华", "2001年6月", "二〇二四年三月二十六日", "高级经济师", "（45岁）", "无",
                        "2021年度考核优秀；2022年度考核称职；2023年度考核优秀", "陈丽娟", "示例市第一人民医院主任医师",
                        "2019.12—", "示例市税务局第一分局科员", "填表人：张晓明", "2024年3月18日"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // 拟免职务 (omit_if_empty) and 审批机关意见 (when = approved) only for the first cadre.
  EXPECT_EQ(occurrences(text, "拟免职务"), 1u);
  EXPECT_EQ(occurrences(text, "同意。"), 1u);
  EXPECT_EQ(occurrences(text, "干部任免审批表"), 2u);

  // Two photos and one seal (the second record's seal path is empty): pdfimages counts them.
  const std::string images = gongwen::test::run("pdfimages -list '" + stem.string() + ".pdf'");
  const std::regex kind(R"(\n\s*\d+\s+\d+\s+(image|smask)\s)");
  int pictures = 0, masks = 0;
  for (auto it = std::sregex_iterator(images.begin(), images.end(), kind); it != std::sregex_iterator(); ++it)
    ++((*it)[1] == "image" ? pictures : masks);
  EXPECT_EQ(pictures, 3) << images;
  EXPECT_EQ(masks, 1) << images;  // the seal's transparency

  const json wb = read_workbook(stem.string() + ".xlsx");
  ASSERT_EQ(wb.at("sheets"), json({"表1", "表2"}));
  const int family_rows[] = {4, 1};
  for (int i = 0; i < 2; ++i) {
    const json& s = wb.at(wb.at("sheets")[i].get<std::string>());
    // The photo spans the first four rows of the table, in the seventh column.
    const int first = row_of(find_cell(s, "姓\u3000名"));
    EXPECT_TRUE(merged(s, "G" + std::to_string(first) + ":G" + std::to_string(first + 3))) << s.at("merged");
    // 学历学位 spans its two rows; the family label spans the column heads and every member.
    const int edu = row_of(find_cell(s, "学\u3000历\n学\u3000位"));
    EXPECT_TRUE(merged(s, "A" + std::to_string(edu) + ":A" + std::to_string(edu + 1)));
    const int fam = row_of(find_cell(s, "家庭主要\n成员及\n重要社会\n关\u3000\u3000系"));
    EXPECT_TRUE(merged(s, "A" + std::to_string(fam) + ":A" + std::to_string(fam + family_rows[i]))) << s.at("merged");
    // 工作单位及职务 spans two columns in the head row and in every member's row.
    for (int r = fam; r <= fam + family_rows[i]; ++r) EXPECT_TRUE(merged(s, "F" + std::to_string(r) + ":G" + std::to_string(r)));
  }
  // Pictures anchored on both sheets: two photos and the first cadre's seal.
  EXPECT_EQ(wb.at("media"), 3);
  EXPECT_EQ(wb.at("drawings"), 2);
  // Ages from the list are numbers in the workbook.
  const json& first = wb.at("表1");
  const int fam = row_of(find_cell(first, "称\u3000谓"));
  EXPECT_EQ(first.at("cells").at("D" + std::to_string(fam + 1)).at("value"), 44);
  EXPECT_EQ(first.at("cells").at("D" + std::to_string(fam + 1)).at("type"), "n");
  EXPECT_EQ(first.at("cells").at("C" + std::to_string(fam + 4)).at("value"), "李秀英");
  // The date filter, read back from the cell (the PDF wraps it in its narrow cell).
  EXPECT_EQ(first.at("cells").at("B" + std::to_string(row_of(find_cell(first, "入\u3000党\n时\u3000间")))).at("value"),
            "2001年6月18日");
}

TEST(AuditForms, AssetRegisterGroupsAndTotalsFromAWorkbook) {
  const fs::path stem = render_form("asset-register", "assets.xlsx");
  const std::string text = squashed_text(stem.string() + ".pdf");
  // The workbook's title row and its =SUM() totals row are not records: 7 assets.
  // (pdftotext may read a right-aligned 小计 label after the figures beside it.)
  for (const char* s : {"示例市档案馆2024年度固定资产清单", "保管部小计（2项）", "444400.50", "技术部小计（2项）", "193349.99",
                        "利用部小计（2项）", "54400.30", "办公室小计（1项）", "189900.00", "合计（7项，其中有折旧6项）882050.79",
                        "单项原值最高286,400.00元，最低8,600.20元", "捌拾捌万贰仟零伍拾元柒角玖分", "2016年3月12日",
                        "编制日期：2024年12月31日", "本清单由资产管理科编制"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // Groups in the order they first appear, records in data order within a group; n counts on.
  const size_t a = text.find("GDZC-2016-001"), b = text.find("GDZC-2019-014"), c = text.find("GDZC-2021-003"),
               d = text.find("GDZC-2024-002");
  EXPECT_TRUE(a < b && b < c && c < d);
  // 8.3: avg(life) over the 7 assets (58 / 7), one decimal.
  EXPECT_NE(text.find("882050.798.3340279.49541771.30"), std::string::npos);

  const json wb = read_workbook(stem.string() + ".xlsx");
  ASSERT_EQ(wb.at("sheets").size(), 1u);
  const json& s = wb.at(wb.at("sheets")[0].get<std::string>());
  // Two header rows: 序号 … 使用年限 span both, 价值情况 spans two columns above 累计折旧 / 净值.
  const int head = row_of(find_cell(s, "序号"));
  const std::string h = std::to_string(head), h2 = std::to_string(head + 1);
  for (const char* col : {"A", "B", "C", "D", "E", "F", "G"}) EXPECT_TRUE(merged(s, std::string(col) + h + ":" + col + h2));
  EXPECT_TRUE(merged(s, "H" + h + ":I" + h));
  // 合计: live formulas over the rows with 小计 rows (SUBTOTAL counts each item once), cached
  // values equal to the printed figures.
  const int total = row_of(find_cell(s, "合计（7项，其中有折旧6项）"));
  const json& cells = s.at("cells");
  const std::string t = std::to_string(total);
  EXPECT_EQ(cells.at("F" + t).at("value"), "=SUBTOTAL(9,F" + std::to_string(head + 2) + ":F" + std::to_string(total - 1) + ")");
  EXPECT_NEAR(cells.at("F" + t).at("cached").get<double>(), 882050.79, 1e-6);
  EXPECT_NEAR(cells.at("I" + t).at("cached").get<double>(), 541771.30, 1e-6);
  EXPECT_EQ(cells.at("G" + t).at("value").get<std::string>().rfind("=SUBTOTAL(1,", 0), 0u);  // avg
  // Every asset row: cost and net are numbers; the asset without depreciation has none.
  int assets = 0;
  for (const auto& [coord, cell] : cells.items())
    if (coord[0] == 'B' && cell.at("value").is_string() && cell.at("value").get<std::string>().rfind("GDZC-", 0) == 0) {
      ++assets;
      const std::string r = coord.substr(1);
      EXPECT_EQ(cells.at("F" + r).at("type"), "n") << coord;
      EXPECT_EQ(cells.at("I" + r).at("type"), "n") << coord;
      if (cell.at("value") == "GDZC-2023-011") {
        EXPECT_FALSE(cells.contains("H" + r));
      }
    }
  EXPECT_EQ(assets, 7);
}
