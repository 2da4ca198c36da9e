// Layout files: the input is the TOML text, parsed and checked by load_layout. The scratch
// folder holds seal.png and tiny.jpg (from the image corpus) beside the layout, so image and
// seal keys can name real images.
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "fuzz_support.hpp"
#include "layout/layout.hpp"

namespace {

bool prepared = [] {
  namespace fs = std::filesystem;
  using namespace gongwen::fuzz;
  std::error_code ec;
  for (const char* name : {"seal.png", "tiny.jpg"})
    fs::copy_file(fs::path(GONGWEN_SOURCE_DIR) / "tests/fuzz/corpus/image" / name, scratch_dir() / name,
                  fs::copy_options::overwrite_existing, ec);
  return true;
}();

// Inputs kept away from bugs tracked separately in issue #14, so a run goes on past them.
bool known_bug(std::string_view text) {
  using gongwen::fuzz::bracket_depth;
  if (bracket_depth(text) > 256) return true;  // item 4: deep nesting overflows toml++'s stack
  size_t dots = 0;
  for (char c : text) {
    if (c == '\n') dots = 0;
    else if (c == '.' && ++dots > 256) return true;  // item 4: [a.a.a…] headers
  }
  // Device and process files (endless or changing) named as images.
  return text.find("/dev/") != std::string_view::npos || text.find("/proc/") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen;
  const auto text = fuzz::as_text(data, size);
  if (known_bug(text)) return -1;
  const auto path = fuzz::scratch_file("layout.toml", text);
  try {
    auto layout = load_layout(path, fuzz::fonts());
    if (!layout) __builtin_trap();
  } catch (const Error& e) {
    const std::string_view m = e.what();
    if (m.empty() || utf8::first_invalid(m) != std::string_view::npos) __builtin_trap();
  } catch (const std::ios_base::failure& e) {
    // Item 14: an image naming a folder escapes as a stream error (fixed separately).
    if (!std::strstr(e.what(), "basic_filebuf::underflow")) throw;
  }
  return 0;
}
