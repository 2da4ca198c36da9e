// A .jsonl data file: the input is the file's bytes.
#include "data_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen::fuzz;
  const auto text = as_text(data, size);
  if (bracket_depth(text) > 256) return -1;  // issue #14 item 3: deep nesting (fixed separately)
  drain_records(scratch_file("data.jsonl", text), {});
  return 0;
}
