#pragma once
// The parts of an XLSX workbook a sheet needs before its rows: the sheet list (names and parts),
// the date system, which cell styles show dates, and the shared strings (held whole: a sheet
// refers to them by index, in any order).
#include <cstdint>
#include <string>
#include <vector>

#include "data/zip_archive.hpp"

namespace gongwen::data_detail {

/// How a cell style shows a number.
enum class NumberShape : uint8_t { Number, Date, Time, DateTime };

struct XlsxWorkbook {
  struct Sheet {
    std::string name, part;  ///< "Sheet1", "xl/worksheets/sheet1.xml"
  };
  std::vector<Sheet> sheets;            ///< worksheets in workbook order (chart sheets left out)
  bool date1904 = false;                ///< the 1904 date system (old Mac workbooks)
  std::vector<NumberShape> styles;      ///< by cell style index (the s="N" of a cell)
  std::vector<std::string> shared;      ///< shared strings by index
};

/// Reads workbook.xml, its relationships, styles.xml and sharedStrings.xml. Throws Error(Data)
/// naming the file and part.
XlsxWorkbook load_workbook(const ZipArchive& zip);

/// The shape a number format shows: builtin id, or the format code of a custom one.
NumberShape shape_of_format(int id, const std::string& code);

/// Serial day number → "YYYY-MM-DD", "HH:MM:SS" or "YYYY-MM-DD HH:MM:SS"; nullopt-like empty
/// string when the serial is outside the years 1900–9999.
std::string excel_date_text(double serial, bool date1904, NumberShape shape);

}  // namespace gongwen::data_detail
