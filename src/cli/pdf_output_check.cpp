// check-output for a PDF: the PDF/A-3u checklist read back from the file (pdf/pdfa_check.hpp).
#include "cli/pdf_output_check.hpp"

#include "pdf/pdfa_check.hpp"

namespace gongwen::cli {

int check_pdf_output(const std::string& path, std::ostream& out) {
  const std::vector<std::string> problems = pdf::check_pdfa(path);
  for (const std::string& p : problems) out << path << ": " << p << "\n";
  if (problems.empty()) {
    out << path << ": PDF checks: PDF/A-3u checklist holds (XMP identification, sRGB output intent, "
           "embedded fonts with ToUnicode, printable annotations, associated files)\n";
    return 0;
  }
  out << path << ": PDF checks: " << problems.size() << " problem(s): not a valid PDF/A-3u file\n";
  return 1;
}

}  // namespace gongwen::cli
