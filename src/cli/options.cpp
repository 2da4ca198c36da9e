#include "cli/options.hpp"

#include <cstdio>
#include <string_view>

#include <gongwen/error.hpp>

namespace gongwen::cli {

namespace {
std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t p = s.find(sep, start);
    std::string item = s.substr(start, p == std::string::npos ? std::string::npos : p - start);
    if (!item.empty()) out.push_back(item);
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}
}  // namespace

const char* usage() {
  return "usage: gongwen render LAYOUT DATA... -o OUTDIR [--format pdf,ofd,xlsx] [--pdfa] [--split] [--name TEMPLATE]\n"
         "                      [-j N] [--shard K/N] [--keep-going] [--skip-existing] [--quiet] [options]\n"
         "       gongwen check LAYOUT [DATA...]\n"
         "       gongwen check-output FILE...\n"
         "       gongwen fonts [LAYOUT] [DATA...]\n"
         "       gongwen --version | --help\n"
         "\n"
         "render   typeset DATA (.json, .jsonl, .csv, .xlsx) with LAYOUT (.toml) into OUTDIR/<data name>.pdf / .ofd / .xlsx,\n"
         "         or with --split one file per record\n"
         "check    validate LAYOUT and DATA without rendering; report every problem\n"
         "check-output  check written files: OFD packages against GB/T 33190 (IDs, references, glyphs,\n"
         "         page boxes); PDF files against PDF/A-3u\n"
         "fonts    the file and face each font family resolves to; with DATA, which fonts cover its text\n"
         "\n"
         "options:\n"
         "  -o, --out DIR          output folder (created if missing; default: out)\n"
         "  --format LIST          any of pdf, ofd, xlsx, comma-separated (default: pdf)\n"
         "  --split                one file per record, named by --name\n"
         "  --name TEMPLATE        file name template over record fields (default: {{index}});\n"
         "                         made safe (no separators, reserved characters or device names) and unique\n"
         "  -j, --jobs N           worker threads (default: all cores); output bytes do not depend on N\n"
         "  --shard K/N            render only records with (number - 1) mod N = K - 1\n"
         "  --keep-going           render the good records; list bad ones on stderr and in OUTDIR/errors.json\n"
         "  --skip-existing        do not render records whose output files exist (resume a killed run)\n"
         "  --font-dir DIR         use font files in DIR for the families they name (repeatable)\n"
         "  --font-map FILE        extra font map overriding fonts/fonts.toml (repeatable)\n"
         "  --encoding ENC         CSV encoding: utf-8 (default) or gb18030\n"
         "  --list-fields A,B      CSV/XLSX columns holding lists split at --list-separator\n"
         "                         (fields the layout uses as lists split at line breaks without it)\n"
         "  --list-separator S     separator of list items in CSV cells (default: |)\n"
         "  --number-fields A,B    CSV/XLSX columns holding numbers\n"
         "  --sheet NAME           XLSX: the worksheet to read (default: the first)\n"
         "  --document FILE        document fields from FILE (.json or .toml), over the data's own\n"
         "  --set document.K=V     one document field (repeatable; dotted paths; a list as [a, b])\n"
         "  --pdfa                 write the PDF as PDF/A-3u with the records (and the workbook) attached\n"
         "  --dump                 also write OUTDIR/<data name>.dump.txt (the laid-out document as text)\n"
         "  -q, --quiet            print nothing on success\n"
         "\n"
         "exit status: 0 success; 1 a layout, data or font error (the run stopped; no partial file);\n"
         "             2 bad usage; 3 an I/O error; 5 --keep-going and some records failed (see errors.json)\n";
}

Options parse(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) throw Error(ErrorKind::Usage, "missing command");
  o.command = args[0];
  if (o.command == "--help" || o.command == "-h" || o.command == "help") { o.command = "help"; return o; }
  if (o.command == "--version" || o.command == "version") { o.command = "version"; return o; }
  if (o.command != "render" && o.command != "check" && o.command != "check-output" && o.command != "fonts")
    throw Error(ErrorKind::Usage, "unknown command '" + o.command + "'");
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw Error(ErrorKind::Usage, "option " + a + " needs a value");
      return args[++i];
    };
    if (a == "-h" || a == "--help") {  // `gongwen render --help`: the usage, as `gongwen --help`
      o.command = "help";
      return o;
    }
    if (a == "-o" || a == "--out") o.out_dir = value();
    else if (a == "--format") {
      o.pdf = o.xlsx = o.ofd = false;
      for (const auto& f : split(value(), ',')) {
        if (f == "pdf") o.pdf = true;
        else if (f == "xlsx") o.xlsx = true;
        else if (f == "ofd") o.ofd = true;
        else throw Error(ErrorKind::Usage, "unknown format '" + f + "' (pdf, ofd, xlsx)");
      }
      if (!o.pdf && !o.xlsx && !o.ofd) throw Error(ErrorKind::Usage, "--format needs pdf, ofd and/or xlsx");
    } else if (a == "--font-dir") o.font_dirs.push_back(value());
    else if (a == "--font-map") o.font_maps.push_back(value());
    else if (a == "--encoding") o.encoding = value();
    else if (a == "--list-fields") o.list_fields = split(value(), ',');
    else if (a == "--list-separator") o.list_separator = value();
    else if (a == "--number-fields") o.number_fields = split(value(), ',');
    else if (a == "--sheet") o.sheet = value();
    else if (a == "--document") o.document_file = value();
    else if (a == "--set") o.sets.push_back(value());
    else if (a == "--dump") o.dump = true;
    else if (a == "--pdfa") o.pdfa = true;
    else if (a == "--split") o.split = true;
    else if (a == "--name") o.name_template = value();
    else if (a == "-j" || a == "--jobs") {
      std::string v = value();
      if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
        throw Error(ErrorKind::Usage, "-j needs a number of threads, got '" + v + "'");
      o.jobs = static_cast<unsigned>(std::stoul(v));
    } else if (a == "--shard") {
      std::string v = value();
      unsigned k = 0, n = 0;
      char extra = 0;
      if (std::sscanf(v.c_str(), "%u/%u%c", &k, &n, &extra) != 2 || n == 0 || k == 0 || k > n)
        throw Error(ErrorKind::Usage, "--shard needs K/N with 1 <= K <= N, got '" + v + "'");
      o.shard = k;
      o.shards = n;
    } else if (a == "--keep-going") o.keep_going = true;
    else if (a == "--skip-existing") o.skip_existing = true;
    else if (a == "-q" || a == "--quiet") o.quiet = true;
    else if (a.size() > 1 && a[0] == '-') throw Error(ErrorKind::Usage, "unknown option '" + a + "'");
    else o.inputs.push_back(a);
  }
  if (o.pdfa && !o.pdf) throw Error(ErrorKind::Usage, "--pdfa needs pdf among the formats (--format pdf or pdf,xlsx)");
  if (o.command == "render" && o.inputs.size() < 2) throw Error(ErrorKind::Usage, "render needs a LAYOUT and at least one DATA file");
  if (o.command == "check" && o.inputs.empty()) throw Error(ErrorKind::Usage, "check needs a LAYOUT");
  if (o.command == "check-output" && o.inputs.empty()) throw Error(ErrorKind::Usage, "check-output needs a FILE (.ofd or .pdf)");
  return o;
}

}  // namespace gongwen::cli
