#pragma once
// Command-line parsing for `gongwen`: subcommands, their options, and the usage text.
#include <optional>
#include <string>
#include <vector>

namespace gongwen::cli {

struct Options {
  std::string command;               ///< render | check | check-output | fonts | help | version
  std::vector<std::string> inputs;   ///< LAYOUT then DATA... (fonts: [LAYOUT] [DATA...])
  std::string out_dir = "out";
  bool pdf = true, xlsx = false, ofd = false;
  std::vector<std::string> font_dirs;
  std::vector<std::string> font_maps;
  std::string encoding = "utf-8";
  std::string list_separator = "|";
  std::vector<std::string> list_fields, number_fields;
  std::string sheet;                  ///< --sheet: XLSX worksheet
  std::string document_file;          ///< --document FILE (.json / .toml)
  std::vector<std::string> sets;      ///< --set document.x=value, in order
  bool quiet = false;
  bool dump = false;  ///< also write the document dump (OUT/<name>.dump.txt)
  bool pdfa = false;  ///< --pdfa: PDF/A-3u with the records attached
  bool split = false;
  std::string name_template;
  unsigned jobs = 0;
  unsigned shard = 1, shards = 1;
  bool keep_going = false, skip_existing = false;
};

/// Parses argv; throws Error(Usage) with a message for bad arguments.
Options parse(int argc, char** argv);

const char* usage();

}  // namespace gongwen::cli
