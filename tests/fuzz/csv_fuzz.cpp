// A .csv data file. The first input byte picks the options (bit 0: GB18030 rather than UTF-8;
// bit 1: ';' rather than '|' as list separator; bit 2: the columns in kLists are list fields;
// bit 3: those in kNumbers are number fields); the rest is the file.
#include "data_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen::fuzz;
  if (size == 0) return -1;
  static const std::vector<std::string> kLists = {"a", "b", "performance", "problems"};
  static const std::vector<std::string> kNumbers = {"score", "budget_wan", "n"};
  gongwen::DataOptions options;
  const uint8_t flags = data[0];
  options.encoding = (flags & 1) ? "gb18030" : "utf-8";
  options.list_separator = (flags & 2) ? ";" : "|";
  if (flags & 4) options.list_fields = kLists;
  if (flags & 8) options.number_fields = kNumbers;
  drain_records(scratch_file("data.csv", as_text(data + 1, size - 1)), options);
  return 0;
}
