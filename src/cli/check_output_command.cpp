// gongwen check-output FILE...: reads written files back through the public API
// (gongwen::check_output_file: OFD structure per GB/T 33190, PDF/A-3u checklist for PDFs).
#include <algorithm>
#include <iostream>

#include <gongwen/gongwen.hpp>

#include "cli/commands.hpp"

namespace gongwen::cli {

int check_output(const Options& o) {
  int status = 0;
  for (const std::string& path : o.inputs) {
    const OutputCheck r = check_output_file(path);
    for (const auto& p : r.problems) std::cout << path << ": " << p << "\n";
    std::cout << path << ": " << r.summary << "\n";
    status = std::max(status, r.ok() ? 0 : 1);
  }
  return status;
}

}  // namespace gongwen::cli
