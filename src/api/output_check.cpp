// check_output_file: written files read back by the format's own checker (ofd/ofd_check,
// pdf/pdfa_check), so that the command and embedders share one entry point.
#include <gongwen/gongwen.hpp>

#include <cctype>
#include <fstream>
#include <iterator>

#include "core/error.hpp"
#include "ofd/ofd_check.hpp"
#include "pdf/pdfa_check.hpp"

namespace gongwen {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

OutputCheck check_output_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  const std::string ext = lower_extension(path);
  if (ext != "ofd" && ext != "pdf") throw Error(ErrorKind::Usage, name + ": check-output reads .ofd and .pdf files");
  OutputCheck out;
  if (ext == "ofd") {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Io, name + ": cannot read");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const ofd::CheckReport r = ofd::check_ofd(bytes, name);
    out.problems = r.problems;
    out.summary = r.summary();
    return out;
  }
  out.problems = pdf::check_pdfa(name);
  out.summary = out.problems.empty()
                    ? "PDF checks: PDF/A-3u checklist holds (XMP identification, sRGB output intent, embedded fonts "
                      "with ToUnicode, printable annotations, associated files)"
                    : "PDF checks: " + std::to_string(out.problems.size()) + " problem(s): not a valid PDF/A-3u file";
  return out;
}

}  // namespace gongwen
