// An .xlsx data file, read from memory. The first input byte picks the mode:
//  - even: the rest is the workbook file itself (the zip container, its directory and inflation);
//  - odd: the rest is split at "\n----\n" into the sheet XML, the shared strings and the styles,
//    packed into a well-formed zip here, so that mutations reach the XML readers instead of
//    stopping at the container's checksums.
// Bit 1 makes the columns in kLists list fields (line breaks in a cell become items).
#include <zip.h>

#include <memory>

#include "data_fuzz.hpp"

namespace {

const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
const char* const kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* const kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

/// A zip (stored entries) of the fixed parts and the three fuzzed ones, built in memory.
std::string pack(const std::string& sheet, const std::string& strings, const std::string& styles) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!buffer) __builtin_trap();
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (!z) __builtin_trap();
  const std::pair<const char*, std::string> parts[] = {
      {"[Content_Types].xml", kContentTypes}, {"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kWorkbookRels},
      {"xl/worksheets/sheet1.xml", sheet},    {"xl/sharedStrings.xml", strings}, {"xl/styles.xml", styles}};
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    const zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    if (i < 0) __builtin_trap();
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
    zip_file_set_mtime(z, static_cast<zip_uint64_t>(i), 0, 0);
  }
  if (zip_close(z) != 0) __builtin_trap();
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_stat_t st;
    if (zip_source_stat(buffer, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
      out.resize(st.size);
      if (zip_source_read(buffer, out.data(), st.size) != static_cast<zip_int64_t>(st.size)) __builtin_trap();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

std::string take_part(std::string& rest) {
  static const std::string kSep = "\n----\n";
  const size_t at = rest.find(kSep);
  std::string part = rest.substr(0, at);
  rest = at == std::string::npos ? std::string() : rest.substr(at + kSep.size());
  return part;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen::fuzz;
  if (size == 0) return -1;
  static const std::vector<std::string> kLists = {"a", "b", "performance", "problems"};
  gongwen::DataOptions options;
  const uint8_t flags = data[0];
  if (flags & 2) options.list_fields = kLists;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (flags & 1) {
    std::string sheet = take_part(bytes), strings = take_part(bytes), styles = take_part(bytes);
    bytes = pack(sheet, strings, styles);
  }
  drain([&] { return gongwen::open_xlsx_bytes(bytes, "fuzz.xlsx", options); });
  return 0;
}
