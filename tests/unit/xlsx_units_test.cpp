// The XLSX writer's pure parts: Excel units, sheet names, number formats, text escaping, page
// breaks. No workbook is written here (see xlsx_writer_test.cpp).
#include <gtest/gtest.h>

#include <string>

#include "xlsx/cells.hpp"
#include "xlsx/excel_units.hpp"
#include "xlsx/formats.hpp"
#include "xlsx/print_setup.hpp"
#include "xlsx/sheet_names.hpp"
#include "xlsx/summary_sheet.hpp"

namespace gongwen::xlsx {
namespace {

TEST(XlsxUnits, ColumnWidthRoundTripsThroughExcelPixels) {
  // 30 mm = 85.04 pt = 113.4 px → (113.4 − 5) / 7 = 15.49 characters.
  const double pt = 30 * 72 / 25.4;
  const double w = column_width_from_pt(pt);
  EXPECT_NEAR(w, (pt * 96 / 72 - 5) / 7, 1e-9);
  // Excel draws round(w·7) + 5 px: within half a pixel of what we asked for.
  EXPECT_NEAR(column_pt_from_width(w), pt, 0.375 + 1e-9);
  EXPECT_DOUBLE_EQ(column_pt_from_width(8.43), (59 + 5) * 0.75);  // Excel's default column: 64 px
  EXPECT_EQ(column_width_from_pt(0), 0);
  EXPECT_EQ(column_width_from_pt(1e6), kMaxColumnWidth);
}

TEST(XlsxUnits, RowHeightsSnapUpToPixelsAndCapAt409) {
  EXPECT_DOUBLE_EQ(row_height_pt(15), 15);
  EXPECT_DOUBLE_EQ(row_height_pt(15.1), 15.75);
  EXPECT_DOUBLE_EQ(row_height_pt(500), 409);
  EXPECT_GT(row_height_pt(0), 0);
}

TEST(XlsxUnits, CellMetricsAreMoreGenerousThanThePdf) {
  EXPECT_DOUBLE_EQ(CellMetrics::height(2, 14), 2 * 14 * 1.45 + 4);
  EXPECT_GT(CellMetrics::kLineHeight, CellMetrics::kExcelLineHeight);
  EXPECT_LT(CellMetrics::text_width(100), 100 - 5);
  EXPECT_NEAR(CellMetrics::text_width(100), 95 * 0.94, 1e-9);
}

TEST(XlsxUnits, PaperCodesFromThePageSizeInEitherOrientation) {
  auto mm = [](double v) { return v * 72 / 25.4; };
  EXPECT_EQ(paper_code(595.276, 841.89), 9);       // A4
  EXPECT_EQ(paper_code(841.89, 595.276), 9);       // A4 landscape
  EXPECT_EQ(paper_code(mm(297), mm(420)), 8);      // A3
  EXPECT_EQ(paper_code(mm(148), mm(210)), 11);     // A5
  EXPECT_EQ(paper_code(mm(182), mm(257)), 13);     // B5 (JIS)
  EXPECT_EQ(paper_code(mm(176), mm(250)), 34);     // B5 (ISO), what the layout's "B5" is
  EXPECT_EQ(paper_code(612, 792), 1);              // Letter
  EXPECT_EQ(paper_code(612, 1008), 5);             // Legal
  EXPECT_EQ(paper_code(mm(185), mm(260)), 0);      // custom: printer default
}

TEST(XlsxUnits, BorderStylesApproximateRuleWidths) {
  EXPECT_EQ(border_style(0), 0);    // none
  EXPECT_EQ(border_style(0.5), 1);  // thin
  EXPECT_EQ(border_style(1.0), 2);  // medium
  EXPECT_EQ(border_style(2.5), 5);  // thick
}

TEST(XlsxSheetNames, ForbiddenCharactersBecomeUnderscores) {
  SheetNamer n;
  EXPECT_EQ(n.take("a/b:c*?[x]", "f"), "a_b_c___x_");
  EXPECT_EQ(n.take("back\\slash", "f"), "back_slash");
  EXPECT_EQ(n.take("tab\there", "f"), "tab_here");
}

TEST(XlsxSheetNames, ApostrophesAreTrimmedAtBothEnds) {
  SheetNamer n;
  EXPECT_EQ(n.take("'quoted'", "f"), "quoted");
  EXPECT_EQ(n.take("it's", "f"), "it's");  // inside is fine
  EXPECT_EQ(n.take("''", "表1"), "表1");   // nothing left: the fallback
}

TEST(XlsxSheetNames, CutTo31Utf16UnitsOnCharacterBoundaries) {
  std::string cjk;
  for (int i = 0; i < 40; ++i) cjk += "绩";
  SheetNamer n;
  const std::string a = n.take(cjk, "f");
  EXPECT_EQ(utf16_units(a), 31u);
  EXPECT_EQ(a, cjk.substr(0, 31 * 3));
  // Characters outside the BMP count twice, and are never cut in half.
  std::string astral;
  for (int i = 0; i < 20; ++i) astral += "𠀀";  // U+20000, 2 UTF-16 units
  const std::string b = n.take(astral, "f");
  EXPECT_EQ(utf16_units(b), 30u);
  EXPECT_EQ(b.size(), 15u * 4);
  // A cut that exposes an apostrophe at the end trims it.
  EXPECT_EQ(clean_sheet_name(std::string(30, 'a') + "'b"), std::string(30, 'a'));
}

TEST(XlsxSheetNames, DuplicatesAreNumberedCaseInsensitivelyWithinTheLimit) {
  SheetNamer n;
  EXPECT_EQ(n.take("表1", "f"), "表1");
  EXPECT_EQ(n.take("表1", "f"), "表1 (2)");
  EXPECT_EQ(n.take("表1", "f"), "表1 (3)");
  EXPECT_EQ(n.take("Data", "f"), "Data");
  EXPECT_EQ(n.take("DATA", "f"), "DATA (2)");
  EXPECT_EQ(n.take("Ärger", "f"), "Ärger");
  EXPECT_EQ(n.take("äRGER", "f"), "äRGER (2)");  // Excel folds beyond ASCII too
  std::string cjk;
  for (int i = 0; i < 40; ++i) cjk += "项";
  const std::string first = n.take(cjk, "f"), second = n.take(cjk, "f");
  EXPECT_EQ(utf16_units(first), 31u);
  EXPECT_EQ(utf16_units(second), 31u);
  EXPECT_TRUE(second.ends_with(" (2)")) << second;
  EXPECT_NE(first, second);
}

TEST(XlsxSheetNames, HistoryIsReserved) {
  SheetNamer n;
  EXPECT_EQ(n.take("History", "f"), "History (2)");
  EXPECT_EQ(n.take("history", "f"), "history (3)");  // "History (2)" is taken, ignoring case
}

TEST(XlsxNumberFormats, DecimalsAndLiteralText) {
  EXPECT_EQ(number_format(3, "", "万元"), "0.000\"万元\"");
  EXPECT_EQ(number_format(2, "", "分"), "0.00\"分\"");
  EXPECT_EQ(number_format(0, "", ""), "0");
  EXPECT_EQ(number_format(2, "￥", "", true), "\"￥\"#,##0.00");
  EXPECT_EQ(number_format(1, "", "\"x\""), "0.0\\\"\"x\"\\\"");  // a quote cannot be quoted
}

TEST(XlsxText, OoxmlEscapesInTheTextAreThemselvesEscaped) {
  EXPECT_EQ(excel_text("plain 文本"), "plain 文本");
  EXPECT_EQ(excel_text("_x0041_"), "_x005F_x0041_");
  EXPECT_EQ(excel_text("a_X00aF_b"), "a_x005F_X00aF_b");
  EXPECT_EQ(excel_text("_x004_"), "_x004_");  // not an escape
  EXPECT_EQ(excel_text("=SUM(A1:A2)"), "=SUM(A1:A2)");  // unchanged: written as a string
}

TEST(XlsxPageBreaks, FillsPagesAndKeepsRangesTogether) {
  // Ten rows of 100 pt on 350 pt pages: three rows a page.
  std::vector<double> rows(10, 100);
  EXPECT_EQ(page_breaks(rows, {}, 350, 0), (std::vector<uint32_t>{3, 6, 9}));
  // Rows 2–4 stay together: the first page ends after row 1.
  EXPECT_EQ(page_breaks(rows, {{2, 4}}, 350, 0), (std::vector<uint32_t>{2, 5, 8}));
  // Repeated titles of 100 pt leave two rows on later pages.
  EXPECT_EQ(page_breaks(rows, {}, 350, 100), (std::vector<uint32_t>{3, 5, 7, 9}));
  // A kept range taller than a page breaks inside it.
  EXPECT_EQ(page_breaks(rows, {{0, 9}}, 350, 0), (std::vector<uint32_t>{3, 6, 9}));
  EXPECT_TRUE(page_breaks(rows, {}, 5000, 0).empty());
}

TEST(XlsxSummary, WidthEstimateIsAnUpperBoundShape) {
  EXPECT_DOUBLE_EQ(estimate_width("项目", 12), 24);
  EXPECT_DOUBLE_EQ(estimate_width("ab", 10), 14);
  EXPECT_DOUBLE_EQ(estimate_width("项目\nabc", 10), 21);
}

}  // namespace
}  // namespace gongwen::xlsx
