// An OFD package, read back by the checker of `gongwen check-output` (ofd/ofd_check.hpp). The
// first input byte picks the mode:
//  - even: the rest is the package itself (the zip container, its directory and inflation);
//  - odd: the rest is split at "\n----\n" into OFD.xml, Document.xml, PublicRes.xml,
//    DocumentRes.xml, one page's Content.xml and a font file, packed here into a well-formed zip
//    at the paths a gongwen package uses, so that mutations reach the XML and font readers.
// Beyond "no crash, no hang": the report's summary line is well-formed and says PASS exactly
// when no problem was found.
#include <zip.h>

#include <cstdint>
#include <string>

#include "ofd/ofd_check.hpp"

namespace {

std::string pack(const std::string parts[6]) {
  static const char* const kNames[6] = {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml",
                                        "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Res/font_1.otf"};
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!buffer) __builtin_trap();
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (!z) __builtin_trap();
  for (int k = 0; k < 6; ++k) {
    zip_source_t* s = zip_source_buffer(z, parts[k].data(), parts[k].size(), 0);
    const zip_int64_t i = zip_file_add(z, kNames[k], s, ZIP_FL_OVERWRITE);
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return -1;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) {
    static const std::string kSep = "\n----\n";
    std::string parts[6];
    for (auto& part : parts) {
      const size_t at = bytes.find(kSep);
      part = bytes.substr(0, at);
      bytes = at == std::string::npos ? std::string() : bytes.substr(at + kSep.size());
    }
    bytes = pack(parts);
  }
  const gongwen::ofd::CheckReport r = gongwen::ofd::check_ofd(bytes, "fuzz.ofd");
  const std::string summary = r.summary();
  const bool pass = summary.rfind("ofd: PASS ", 0) == 0;
  if (summary.rfind("ofd: ", 0) != 0 || pass != r.problems.empty()) __builtin_trap();
  return 0;
}
