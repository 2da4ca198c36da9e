// The gongwen command line: parse arguments, run the command, map errors to exit codes.
#include <gongwen/gongwen.hpp>
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress_bar.hpp"

namespace {
int exit_code(gongwen::ErrorKind kind) {
  switch (kind) {
    case gongwen::ErrorKind::Usage: return 2;
    case gongwen::ErrorKind::Io: return 3;
    default: return 1;
  }
}

int render(const gongwen::cli::Options& o) {
  gongwen::Renderer renderer(o.inputs[0], renderer_options(o));
  gongwen::BatchOptions b;
  for (size_t i = 1; i < o.inputs.size(); ++i) b.data.emplace_back(o.inputs[i]);
  b.out_dir = o.out_dir;
  b.formats = {o.pdf, o.xlsx, o.dump, o.pdfa};
  b.formats.ofd = o.ofd;
  b.data_options = gongwen::cli::data_format_options(o);
  b.split = o.split;
  b.name_template = o.name_template;
  b.jobs = o.jobs;
  b.shard = o.shard;
  b.shards = o.shards;
  b.keep_going = o.keep_going;
  b.skip_existing = o.skip_existing;
  gongwen::cli::ProgressBar bar(!o.quiet && isatty(STDERR_FILENO));
  b.progress = bar.callback();
  const gongwen::BatchResult r = renderer.render_batch(b);
  bar.finish();
  for (const auto& f : r.failures) std::cerr << f.message << "\n";
  if (!o.quiet) {
    if (r.files.size() <= 10)
      for (const auto& f : r.files) std::cout << "wrote " << f.string() << "\n";
    std::cerr << "gongwen: " << r.rendered << " record(s) rendered into " << r.files.size() << " file(s)";
    if (r.skipped) std::cerr << ", " << r.skipped << " skipped (output exists)";
    if (!r.failures.empty()) std::cerr << ", " << r.failures.size() << " failed (" << (b.out_dir / "errors.json").string() << ")";
    std::cerr << " in " << r.seconds << " s";
    if (r.seconds > 0) std::cerr << " (" << static_cast<long>(static_cast<double>(r.rendered) / r.seconds) << " records/s)";
    std::cerr << "\n";
  }
  return r.failures.empty() ? 0 : 5;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    gongwen::cli::Options o;
    try {
      o = gongwen::cli::parse(argc, argv);
    } catch (const gongwen::Error& e) {
      // Only a mistake in the arguments themselves is answered with the usage text.
      std::cerr << "gongwen: " << e.what() << "\n" << gongwen::cli::usage();
      return exit_code(e.kind());
    }
    if (o.command == "help") { std::cout << gongwen::cli::usage(); return 0; }
    if (o.command == "version") { std::cout << "gongwen " << gongwen::version() << "\n"; return 0; }
    if (o.command == "check") return gongwen::cli::check(o);
    if (o.command == "check-output") return gongwen::cli::check_output(o);
    if (o.command == "fonts") return gongwen::cli::fonts(o);
    return render(o);
  } catch (const gongwen::Error& e) {
    // Located messages ("file:line:col: ...", "DATA: record N: ...") are printed as they are,
    // so editors and scripts can parse them.
    if (e.kind() == gongwen::ErrorKind::Usage) std::cerr << "gongwen: ";
    std::cerr << e.what() << "\n";
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "gongwen: internal error: " << e.what() << "\n";
    return 4;
  }
}
