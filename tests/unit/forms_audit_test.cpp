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

json read_workbook(const fs::path& xlsx) { return gongwen::test::python_json(kDump, xlsx); }

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
  for (const char* s : {"王建华", "2001.06", "二〇二四年三月二十六日", "高级经济师", "（45岁）", "无",
                        "2021年度考核优秀；2022年度考核称职；2023年度考核优秀", "陈丽娟", "示例市第一人民医院主任医师",
                        "2019.12—", "示例市税务局第一分局科员", "填表人：张晓明", "2024年3月18日"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  // 拟免职务 (omit_if_empty) and 审批机关意见 (when = approved) only for the first cadre.
  EXPECT_EQ(gongwen::test::occurrences(text, "拟免职务"), 1u);
  EXPECT_EQ(gongwen::test::occurrences(text, "同意。"), 1u);
  EXPECT_EQ(gongwen::test::occurrences(text, "干部任免审批表"), 2u);

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
  // date(ym), read back from the cell: year.month, as the form writes it (one line in its cell).
  EXPECT_EQ(first.at("cells").at("B" + std::to_string(row_of(find_cell(first, "入\u3000党\n时\u3000间")))).at("value"),
            "2001.06");
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

namespace {

/// One page's text in reading order (pdftotext -layout), without white space (ASCII and U+3000).
std::string page_text(const fs::path& pdf, int page) {
  std::string t = gongwen::test::run("pdftotext -layout -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) +
                                     " '" + pdf.string() + "' - 2>/dev/null"),
              out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    if (t[i] != ' ' && t[i] != '\n' && t[i] != '\f' && t[i] != '\t') out += t[i];
  }
  return out;
}

fs::path render_form_args(const std::string& name, const std::string& data, const std::string& args) {
  const fs::path form = gongwen::test::source_dir() / "tests/forms" / name;
  const fs::path out = gongwen::test::scratch_path("audit-form-" + name);
  const auto r = gongwen::test::run_gongwen("render '" + (form / "layout.toml").string() + "' '" + (form / data).string() +
                                            "' -o '" + out.string() + "' " + args);
  EXPECT_EQ(r.status, 0) << r.output;
  return out / fs::path(data).stem();
}

}  // namespace

// 政府采购项目验收单 from a GB18030 CSV (as Chinese Excel saves it): checkboxes from an
// enumeration, a multiple choice given one per line and booleans as CSV writes them ("true"),
// rows and a paragraph shown only when the record calls for them, 大写金额 and 万元, a sign-off,
// score bands; the workbook's 验收汇总 sums the CSV's amounts as numbers.
TEST(AuditForms, ProcurementAcceptanceFromGb18030Csv) {
  const fs::path stem = render_form_args("procurement-acceptance", "acceptance.csv", "--encoding gb18030 --format pdf,xlsx");
  const fs::path pdf = stem.string() + ".pdf";
  const std::string p1 = page_text(pdf, 1), p2 = page_text(pdf, 2), p3 = page_text(pdf, 3);
  for (const char* s : {"合同编号：SFCG-2024-017", "☑公开招标☐邀请招标☐竞争性谈判☐竞争性磋商☐询价☐单一",
                        "1,286,450.50元（人民币壹佰贰拾捌万陆仟肆佰伍拾元伍角）", "135万元", "4.71%",
                        "☑合同☑发票☑质保书☑检测报告", "☑是☐否", "■是□否", "合格（优秀）", "张伟、刘芳、陈明（共3人）",
                        "1.交互式智能平板42台"})
    EXPECT_NE(p1.find(s), std::string::npos) << s << "\n" << p1;
  for (const char* s : {"☑询价", "☑合同☑发票☐质保书☐检测报告", "☐是☑否", "偏差说明", "合格（良好）"})
    EXPECT_NE(p2.find(s), std::string::npos) << s << "\n" << p2;
  for (const char* s : {"☐询价☑单一", "■否", "不合格（不合格）", "整改要求", "限期三十日内整改", "本项目验收不合格"})
    EXPECT_NE(p3.find(s), std::string::npos) << s << "\n" << p3;
  EXPECT_EQ(p1.find("偏差说明"), std::string::npos);  // when = "{{deviation}}": empty in record 1
  EXPECT_EQ(p2.find("整改要求"), std::string::npos);  // only when not passed
  EXPECT_EQ(p1.find("— 1 —"), std::string::npos);     // the footer skips the first page

  const auto check = gongwen::test::run_gongwen("check '" + (gongwen::test::source_dir() / "tests/forms/procurement-acceptance/layout.toml").string() +
                                                "' '" + (gongwen::test::source_dir() / "tests/forms/procurement-acceptance/acceptance.csv").string() +
                                                "' --encoding gb18030");
  EXPECT_EQ(check.status, 0) << check.output;

  const json wb = read_workbook(stem.string() + ".xlsx");
  EXPECT_EQ(wb.at("sheets"), json({"验收汇总", "SFCG-2024-017", "SFCG-2024-021", "SFCG-2024-033"}));
  const json& cells = wb.at("验收汇总").at("cells");
  EXPECT_EQ(cells.at("A1").at("value"), "2024年第二季度政府采购项目验收汇总");
  EXPECT_EQ(cells.at("C3").at("type"), "n");
  EXPECT_DOUBLE_EQ(cells.at("C3").at("value").get<double>(), 1286450.5);
  EXPECT_EQ(cells.at("C6").at("value"), "=SUM(C3:C5)");
  EXPECT_NEAR(cells.at("C6").at("cached").get<double>(), 1830650.5, 1e-6);
}

// 会议通知 per GB/T 9704 from JSON Lines (document fields on the first line): 红头 with 份号 and
// 紧急程度 for the record that has one, headings auto and by table, 附件说明, 署名 under a seal,
// 版记 on an even page; PDF/A-3u by the layout's [document] pdfa.
TEST(AuditForms, MeetingNoticeFromJsonLines) {
  const fs::path stem = render_form_args("meeting-notice", "notices.jsonl", "--format pdf,ofd");
  const fs::path pdf = stem.string() + ".pdf";
  const std::string info = gongwen::test::run("pdfinfo '" + pdf.string() + "'");
  EXPECT_NE(info.find("Pages:           6"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           关于召开2024年度预算绩效管理工作会议的通知"), std::string::npos) << info;
  EXPECT_NE(gongwen::test::read_file(pdf).find("pdfaid:part"), std::string::npos);
  const std::string p1 = page_text(pdf, 1), p3 = page_text(pdf, 3), p4 = page_text(pdf, 4), p5 = page_text(pdf, 5);
  for (const char* s : {"000128", "特急", "示例市财政局文件", "示财〔2024〕15号", "各区财政局，市级各预算单位：", "一、会议时间"})
    EXPECT_NE(p1.find(s), std::string::npos) << s << "\n" << p1;
  for (const char* s : {"附件：1.2024年度全市预算绩效管理工作会议参会回执", "2.示例市行政中心交通及停车指引", "示例市财政局",
                        "2024年3月20日"})
    EXPECT_NE(p3.find(s), std::string::npos) << s << "\n" << p3;
  // The 版记 alone on the even page after the signature's odd page.
  EXPECT_EQ(p4.rfind("抄送：市委办公厅", 0), 0u) << p4;
  EXPECT_NE(p4.find("示例市财政局办公室"), std::string::npos);
  EXPECT_NE(p4.find("2024年3月20日印发"), std::string::npos);
  // The second record: no 红头 (its mark renders empty), no contact paragraph, one attachment
  // unnumbered, the long 署名 without a seal.
  EXPECT_EQ(p5.find("文件"), std::string::npos) << p5;
  EXPECT_EQ(p5.find("联系人"), std::string::npos);
  EXPECT_NE(p5.find("附件：审计整改工作推进会议程"), std::string::npos) << p5;
  EXPECT_NE(p5.find("上海市住房和城乡建设管理委员会2024年4月3日"), std::string::npos) << p5;
  const std::string images = gongwen::test::run("pdfimages -list '" + pdf.string() + "'");
  EXPECT_EQ(gongwen::test::occurrences(images, "smask"), 1u) << images;  // one seal, the first record's
  const auto ofd = gongwen::test::run_gongwen("check-output '" + stem.string() + ".ofd'");
  EXPECT_EQ(ofd.status, 0) << ofd.output;
}
