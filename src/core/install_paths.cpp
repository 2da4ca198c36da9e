#include "core/install_paths.hpp"

#include <dlfcn.h>

#include <string>
#include <vector>

#include "core/error.hpp"

#ifndef GONGWEN_DATA_FROM_LIB
#define GONGWEN_DATA_FROM_LIB "../share/gongwen"
#endif
#ifndef GONGWEN_DATA_FROM_BIN
#define GONGWEN_DATA_FROM_BIN "../share/gongwen"
#endif

namespace gongwen {

namespace fs = std::filesystem;

namespace {
/// The file (library or program) this function was loaded from.
fs::path this_module() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&this_module), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  fs::path p = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path(info.dli_fname) : p;
}
}  // namespace

fs::path data_dir() {
  const fs::path dir = this_module().parent_path();
  std::string tried;
  for (const char* rel : {GONGWEN_DATA_FROM_LIB, GONGWEN_DATA_FROM_BIN, "share/gongwen"}) {
    const fs::path candidate = (dir / rel).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(candidate / "fonts.toml", ec)) return candidate;
    tried += (tried.empty() ? "" : ", ") + candidate.string();
  }
  throw Error(ErrorKind::Font, "the font map installed with gongwen was not found (looked in " + tried +
                                   "); set RendererOptions::font_map (CLI: GONGWEN_FONT_MAP)");
}

}  // namespace gongwen
