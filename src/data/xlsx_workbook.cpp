// Workbook-level parts of an XLSX file: sheets, date system, number styles, shared strings.
#include "data/xlsx_workbook.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "data/sources.hpp"
#include "data/xml_stream.hpp"

namespace gongwen::data_detail {

namespace {

/// A part parsed whole (these parts are small next to a sheet).
void parse_part(const ZipArchive& zip, const std::string& part, XmlStream& xml) {
  zip.stream(part, [&](std::string_view chunk) {
    xml.feed(chunk, false);
    return true;
  });
  xml.feed({}, true);
}

/// "worksheets/sheet1.xml" relative to "xl/workbook.xml" → "xl/worksheets/sheet1.xml".
std::string resolve(const std::string& base_part, std::string target) {
  if (target.starts_with('/')) return target.substr(1);
  std::string dir = base_part.substr(0, base_part.rfind('/') + 1);
  while (target.starts_with("../")) {
    target.erase(0, 3);
    if (!dir.empty()) dir.erase(dir.rfind('/', dir.size() - 2) + 1);
  }
  return dir + target;
}

/// Relationship id → target part, for the part `owner` (its rels file sits in _rels/ beside it).
std::map<std::string, std::string> relationships(const ZipArchive& zip, const std::string& owner, bool sheets_only) {
  const size_t slash = owner.rfind('/') + 1;
  const std::string rels = owner.substr(0, slash) + "_rels/" + owner.substr(slash) + ".rels";
  std::map<std::string, std::string> out;
  if (!zip.has(rels)) return out;
  XmlStream xml(zip.name() + ": " + rels);
  xml.on_start = [&](std::string_view name, const XmlStream::Attrs& a) {
    if (name != "Relationship") return;
    const char *id = a.get("Id"), *target = a.get("Target"), *type = a.get("Type");
    if (!id || !target || (a.get("TargetMode") && std::string_view(a.get("TargetMode")) == "External")) return;
    if (sheets_only && (!type || !std::string_view(type).ends_with("/worksheet"))) return;
    out[id] = resolve(owner, target);
  };
  parse_part(zip, rels, xml);
  return out;
}

std::string workbook_part(const ZipArchive& zip) {
  XmlStream xml(zip.name() + ": _rels/.rels");
  std::string part;
  if (zip.has("_rels/.rels")) {
    xml.on_start = [&](std::string_view name, const XmlStream::Attrs& a) {
      const char *type = a.get("Type"), *target = a.get("Target");
      if (name == "Relationship" && type && target && std::string_view(type).ends_with("/officeDocument")) part = resolve("", target);
    };
    parse_part(zip, "_rels/.rels", xml);
  }
  if (part.empty() || !zip.has(part)) part = "xl/workbook.xml";
  if (!zip.has(part)) fail(zip.name() + ": not an XLSX workbook (no xl/workbook.xml in the zip archive)");
  return part;
}

void load_sheets(const ZipArchive& zip, const std::string& book, XlsxWorkbook& wb) {
  const auto rels = relationships(zip, book, true);
  XmlStream xml(zip.name() + ": " + book);
  xml.on_start = [&](std::string_view name, const XmlStream::Attrs& a) {
    if (name == "workbookPr") {
      const char* d = a.get("date1904");
      wb.date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    } else if (name == "sheet") {
      const char *n = a.get("name"), *id = a.get("id");
      if (!n || !id) return;
      auto it = rels.find(id);
      if (it != rels.end()) wb.sheets.push_back({n, it->second});
    }
  };
  parse_part(zip, book, xml);
  if (wb.sheets.empty()) fail(zip.name() + ": the workbook has no worksheet");
}

void load_styles(const ZipArchive& zip, const std::string& part, XlsxWorkbook& wb) {
  if (!zip.has(part)) return;
  std::map<int, std::string> codes;
  int depth_xfs = 0;
  XmlStream xml(zip.name() + ": " + part);
  xml.on_start = [&](std::string_view name, const XmlStream::Attrs& a) {
    if (name == "numFmt") {
      const char *id = a.get("numFmtId"), *code = a.get("formatCode");
      if (id && code) codes[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      ++depth_xfs;
    } else if (name == "xf" && depth_xfs > 0) {
      const char* id = a.get("numFmtId");
      const int n = id ? std::atoi(id) : 0;
      auto it = codes.find(n);
      wb.styles.push_back(shape_of_format(n, it == codes.end() ? "" : it->second));
    }
  };
  xml.on_end = [&](std::string_view name) {
    if (name == "cellXfs") --depth_xfs;
  };
  parse_part(zip, part, xml);
}

void load_shared_strings(const ZipArchive& zip, const std::string& part, XlsxWorkbook& wb) {
  if (!zip.has(part)) return;
  XmlStream xml(zip.name() + ": " + part);
  bool in_si = false, in_t = false;
  int phonetic = 0;  // <rPh> runs hold reading aids (furigana), not text
  std::string text;
  xml.on_start = [&](std::string_view name, const XmlStream::Attrs&) {
    if (name == "si") in_si = true, text.clear();
    else if (name == "rPh") ++phonetic;
    else if (name == "t" && in_si && phonetic == 0) in_t = true;
  };
  xml.on_end = [&](std::string_view name) {
    if (name == "si") in_si = false, wb.shared.push_back(std::move(text)), text.clear();
    else if (name == "rPh") --phonetic;
    else if (name == "t") in_t = false;
  };
  xml.on_text = [&](std::string_view s) {
    if (in_t) text.append(s);
  };
  parse_part(zip, part, xml);
}

/// The first section of a format code with quoted text, escapes, fill/padding and bracketed
/// colours/locales removed; elapsed-time brackets ([h], [mm], [ss]) kept as their letters.
std::string format_letters(const std::string& code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string::npos) break;
      const std::string inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string::npos) out += inner;
      i = close;
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

NumberShape shape_of_format(int id, const std::string& code) {
  if (code.empty()) {
    // Builtin formats (ECMA-376 §18.8.30); 27–36 and 50–58 are the CJK locales' date formats.
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
      return NumberShape::Date;
    if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47)) return NumberShape::Time;
    if (id == 22) return NumberShape::DateTime;
    return NumberShape::Number;
  }
  const std::string s = format_letters(code);
  if (s == "general" || s == "@") return NumberShape::Number;
  const bool date = s.find_first_of("yde") != std::string::npos && s.find_first_of("0#?") == std::string::npos;
  const bool time = s.find_first_of("hs") != std::string::npos;
  if (date && time) return NumberShape::DateTime;
  if (date) return NumberShape::Date;
  if (time) return NumberShape::Time;
  // "m" alone or "mmm yy" without y: a month.
  if (s.find('m') != std::string::npos && s.find_first_of("0#?") == std::string::npos) return NumberShape::Date;
  return NumberShape::Number;
}

std::string excel_date_text(double serial, bool date1904, NumberShape shape) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return {};  // past 9999-12-31
  long long seconds = std::llround(serial * 86400.0);
  long long days = seconds / 86400;
  const long long secs = seconds % 86400;
  // Days since 1970-01-01. The 1900 system counts a 29 Feb 1900 that never was (serial 60).
  long long z;
  if (date1904) z = days - 24107;         // serial 0 is 1904-01-01
  else if (days >= 61) z = days - 25569;  // serial 61 is 1900-03-01
  else if (days == 60) z = -25509;        // Excel's 1900-02-29, which never was: read as 02-28
  else z = days - 25568;                  // serial 1 is 1900-01-01
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{z}}};
  const long long y = static_cast<int>(date.year());
  const unsigned m = static_cast<unsigned>(date.month()), d = static_cast<unsigned>(date.day());
  char buf[64];
  const int hh = static_cast<int>(secs / 3600), mm = static_cast<int>(secs / 60 % 60), ss = static_cast<int>(secs % 60);
  if (shape == NumberShape::Time && days == 0) std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hh, mm, ss);
  else if (shape == NumberShape::Date || secs == 0) std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
  else std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02d:%02d:%02d", y, m, d, hh, mm, ss);
  return buf;
}

XlsxWorkbook load_workbook(const ZipArchive& zip) {
  XlsxWorkbook wb;
  const std::string book = workbook_part(zip);
  load_sheets(zip, book, wb);
  std::string styles = resolve(book, "styles.xml"), shared = resolve(book, "sharedStrings.xml");
  for (const auto& [id, target] : relationships(zip, book, false)) {
    if (target.ends_with("/styles.xml") || target == "styles.xml") styles = target;
    if (target.ends_with("/sharedStrings.xml") || target == "sharedStrings.xml") shared = target;
  }
  load_styles(zip, styles, wb);
  load_shared_strings(zip, shared, wb);
  return wb;
}

}  // namespace gongwen::data_detail
