// gongwen check: every problem of every record (Renderer::check), one per line on stdout, and a
// count on stderr.
#include <iostream>

#include "cli/commands.hpp"

namespace gongwen::cli {

int check(const Options& o) {
  const Renderer renderer(o.inputs[0], renderer_options(o));
  std::vector<std::filesystem::path> data(o.inputs.begin() + 1, o.inputs.end());
  const CheckResult r = renderer.check(data, data_format_options(o));
  for (const Problem& p : r.problems) std::cout << p.message << "\n";
  std::cerr << "gongwen check: " << r.records << " record(s), " << r.errors() << " problem(s)";
  if (r.warnings() > 0) std::cerr << ", " << r.warnings() << " warning(s)";
  std::cerr << "\n";
  return r.errors() == 0 ? 0 : 1;
}

}  // namespace gongwen::cli
