// gongwen check-output FILE...: reads written files back. OFD packages are checked against the
// structural rules of GB/T 33190 (ofd/ofd_check.hpp); PDF files go to the PDF/A-3u checker.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/pdf_output_check.hpp"
#include "core/error.hpp"
#include "ofd/ofd_check.hpp"

namespace gongwen::cli {

namespace {

std::string lower_extension(const std::string& path) {
  const size_t dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

int check_ofd_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, path + ": cannot read");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const ofd::CheckReport r = ofd::check_ofd(bytes, path);
  for (const auto& p : r.problems) std::cout << path << ": " << p << "\n";
  std::cout << path << ": " << r.summary() << "\n";
  return r.ok() ? 0 : 1;
}

}  // namespace

int check_output(const Options& o) {
  int status = 0;
  for (const std::string& path : o.inputs) {
    const std::string ext = lower_extension(path);
    int s = 0;
    if (ext == "ofd") s = check_ofd_file(path);
    else if (ext == "pdf") s = check_pdf_output(path, std::cout);
    else throw Error(ErrorKind::Usage, path + ": check-output reads .ofd and .pdf files");
    status = std::max(status, s);
  }
  return status;
}

}  // namespace gongwen::cli
