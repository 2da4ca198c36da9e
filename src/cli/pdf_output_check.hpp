#pragma once
// The seam between `gongwen check-output` and the PDF/A-3u checker (issue #16 item 2): the
// command calls this for every .pdf it is given.
#include <ostream>
#include <string>

namespace gongwen::cli {

/// Checks the PDF file at `path`, printing findings and a last line "PDF checks: …" to `out`.
/// Returns 0 when every check holds, 1 otherwise.
int check_pdf_output(const std::string& path, std::ostream& out);

}  // namespace gongwen::cli
