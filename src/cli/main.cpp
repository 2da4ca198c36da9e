// The gongwen command line: parse arguments, run the command, map errors to exit codes.
#include <gongwen/gongwen.hpp>

#include <iostream>

#include "cli/options.hpp"
#include "core/error.hpp"

namespace {
int exit_code(gongwen::ErrorKind kind) {
  switch (kind) {
    case gongwen::ErrorKind::Usage: return 2;
    case gongwen::ErrorKind::Io: return 3;
    default: return 1;
  }
}

int render(const gongwen::cli::Options& o) {
  gongwen::RendererOptions ro;
  for (const auto& m : o.font_maps) ro.font_maps.emplace_back(m);
  for (const auto& d : o.font_dirs) ro.font_dirs.emplace_back(d);
  gongwen::Renderer renderer(o.inputs[0], ro);
  gongwen::DataFormatOptions dopt;
  dopt.encoding = o.encoding;
  dopt.list_separator = o.list_separator;
  dopt.list_fields = o.list_fields;
  dopt.number_fields = o.number_fields;
  for (size_t i = 1; i < o.inputs.size(); ++i) {
    auto files = renderer.render_file(o.inputs[i], o.out_dir, {o.pdf, o.xlsx, o.dump}, dopt);
    if (!o.quiet)
      for (const auto& f : files) std::cout << "wrote " << f.string() << "\n";
  }
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    gongwen::cli::Options o = gongwen::cli::parse(argc, argv);
    if (o.command == "help") { std::cout << gongwen::cli::usage(); return 0; }
    if (o.command == "version") { std::cout << "gongwen " << GONGWEN_VERSION << "\n"; return 0; }
    return render(o);
  } catch (const gongwen::Error& e) {
    // Located messages ("file:line:col: ...", "DATA: record N: ...") are printed as they are,
    // so editors and scripts can parse them.
    if (e.kind() == gongwen::ErrorKind::Usage) std::cerr << "gongwen: " << e.what() << "\n" << gongwen::cli::usage();
    else std::cerr << e.what() << "\n";
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "gongwen: internal error: " << e.what() << "\n";
    return 4;
  }
}
