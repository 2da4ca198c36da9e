// Layout limits (docs/limits.md): every number a layout gives is refused where it is read when
// it is not finite or out of its key's range, with file:line:col and the key; nesting too deep
// for the TOML parser is refused before parsing; a CSV header has at most 16,384 columns and its
// duplicate check is linear. The big reproducers of issue 14 run through the CLI: non-zero exit,
// the located message, nothing written.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "layout/layout.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path& dir() {
  static const fs::path d = [] {
    const fs::path p = gongwen::test::scratch_path("layout-limits");
    fs::create_directories(p);
    fs::copy_file(gongwen::test::source_dir() / "examples/gbt9704-notice/seal.png", p / "seal.png");
    return p;
  }();
  return d;
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

/// The error loading `toml` gives, the folder taken out ("name.toml:3:8: ..."), or "no error".
std::string error_of(const std::string& name, const std::string& toml) {
  try {
    gongwen::load_layout(write(name + ".toml", toml), gongwen::test::fonts());
  } catch (const gongwen::Error& e) {
    std::string s = e.what();
    const std::string prefix = dir().string() + "/";
    if (s.starts_with(prefix)) s.erase(0, prefix.size());
    return s;
  }
  return "no error";
}

/// "line:col" of the first `token` in `text`, 1-based, as the layout errors give it.
std::string location_of(const std::string& text, const std::string& token) {
  const size_t at = text.find(token);
  const size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return std::to_string(line) + ":" + std::to_string(at - line_start + 1);
}

struct CliResult {
  int status = -1;
  std::string output;
  size_t files_written = 0;
  double seconds = 0;
};

/// Runs gongwen with `args` inside the scratch folder; OUT is a fresh output folder.
CliResult run_cli(const std::string& name, std::string args) {
  const fs::path out = dir() / ("out-" + name);
  for (size_t p; (p = args.find("OUT")) != std::string::npos;) args.replace(p, 3, out.string());
  const std::string cmd = "cd '" + dir().string() + "' && '" + GONGWEN_CLI + "' " + args + " 2>&1 >/dev/null";
  CliResult r;
  const auto t0 = std::chrono::steady_clock::now();
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.output.append(buf.data(), n);
  r.status = pclose(pipe);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (fs::exists(out))
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(out)) ++r.files_written;
  return r;
}

int exit_code(const CliResult& r) { return WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1; }

const std::string kRecords = (gongwen::test::source_dir() / "examples/2017-shanghai/records.json").string();
const char* kFront = "[[front]]\ntype = \"paragraph\"\ntext = \"x\"\n\n";

// ---- every number is range-checked where it is read ----------------------------------------

struct NumberCase {
  const char* key;      ///< the key path the message must name
  const char* snippet;  ///< TOML after kFront; "@" stands for the bad value
};

const NumberCase kNumberCases[] = {
    {"page.size[0]", "[page]\nsize = [@, 297]\n"},
    {"page.margins.top", "[page]\nmargins = { top = @ }\n"},
    {"page.margins.left", "[page.margins]\nleft = @\n"},
    {"styles.s.size", "[styles.s]\nsize = @\n"},
    {"styles.s.indent", "[styles.s]\nindent = @\n"},
    {"styles.s.hanging_indent", "[styles.s]\nhanging_indent = @\n"},
    {"styles.s.line_pitch", "[styles.s]\nline_pitch = @\n"},
    {"styles.s.letter_spacing", "[styles.s]\nletter_spacing = @\n"},
    {"styles.s.space_before", "[styles.s]\nspace_before = @\n"},
    {"styles.s.space_after", "[styles.s]\nspace_after = @\n"},
    {"header.distance", "[page.margins]\ntop = 30\n[header]\ntext = \"h\"\ndistance = @\n"},
    {"footer.side", "[footer]\ntext = \"f\"\nside = @\n"},
    {"front[1].columns", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\", @]\n[[front.rows]]\ncells = [\"a\", \"b\"]\n"},
    {"front[1].border", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\"]\nborder = @\n[[front.rows]]\ncells = [\"a\"]\n"},
    {"front[1].inner_border", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\"]\ninner_border = @\n[[front.rows]]\ncells = [\"a\"]\n"},
    {"front[1].padding[1]", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\"]\npadding = [3, @]\n[[front.rows]]\ncells = [\"a\"]\n"},
    {"front[1].space_after", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\"]\nspace_after = @\n[[front.rows]]\ncells = [\"a\"]\n"},
    {"front[1].rows[0].min_height", "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\"]\n[[front.rows]]\nmin_height = @\ncells = [\"a\"]\n"},
    {"front[1].space_before", "[[front]]\ntype = \"signoff\"\nspace_before = @\n[[front.entries]]\nlabel = \"a\"\n"},
    {"front[1].line_gap", "[[front]]\ntype = \"signoff\"\nline_gap = @\n[[front.entries]]\nlabel = \"a\"\n"},
    {"front[1].blank_width", "[[front]]\ntype = \"signoff\"\nblank_width = @\n[[front.entries]]\nlabel = \"a\"\n"},
    {"front[1].height", "[[front]]\ntype = \"spacer\"\nheight = @\n"},
    {"front[1].thickness", "[[front]]\ntype = \"rule\"\nthickness = @\n"},
    {"front[1].length", "[[front]]\ntype = \"rule\"\nlength = @\n"},
    {"front[1].space_after", "[[front]]\ntype = \"rule\"\nspace_after = @\n"},
    {"front[1].thick_rule", "[[front]]\ntype = \"banji\"\nprinted_by = \"a\"\nprinted_on = \"b\"\nthick_rule = @\n"},
    {"front[1].rule_gap", "[[front]]\ntype = \"masthead\"\nmark = \"m\"\nrule_gap = @\n"},
    {"front[1].mark_top", "[[front]]\ntype = \"masthead\"\nmark = \"m\"\nmark_top = @\n"},
    {"front[1].width", "[[front]]\ntype = \"image\"\nfile = \"seal.png\"\nwidth = @\n"},
    {"front[1].seal_height", "[[front]]\ntype = \"signature\"\nname = \"n\"\ndate = \"d\"\nseal = \"seal.png\"\nseal_height = @\n"},
    {"xlsx.summary.columns[0].width", "[[xlsx.summary.columns]]\nvalue = \"{{a}}\"\nwidth = @\n"},
};

std::string with_value(const char* snippet, const std::string& value) {
  std::string s = std::string(kFront) + snippet;
  s.replace(s.find('@'), 1, value);
  return s;
}

TEST(LayoutLimits, EveryLengthRejectsNanAndInfinityAtItsKey) {
  int n = 0;
  for (const NumberCase& c : kNumberCases)
    for (const std::string value : {"nan", "inf", "-inf", "\"nanmm\""}) {
      const std::string toml = with_value(c.snippet, value);
      const std::string name = "nan" + std::to_string(n++);
      const std::string err = error_of(name, toml);
      const std::string where = name + ".toml:" + location_of(toml, value) + ": " + c.key + ": ";
      EXPECT_TRUE(err.starts_with(where)) << "value " << value << " for " << c.key << "\n  got: " << err << "\n  want: " << where;
      // A string that is no length is named as such; a number that is no finite one as that.
      if (value.front() != '"') {
        EXPECT_NE(err.find("not a finite number"), std::string::npos) << err;
      }
    }
}

TEST(LayoutLimits, EveryLengthRejectsHugeValuesAtItsKey) {
  int n = 0;
  for (const NumberCase& c : kNumberCases)
    for (const std::string value : {"1e300", "-1e300", "\"1e9pt\""}) {
      const std::string toml = with_value(c.snippet, value);
      const std::string name = "huge" + std::to_string(n++);
      const std::string err = error_of(name, toml);
      const std::string where = name + ".toml:" + location_of(toml, value) + ": " + c.key + ": ";
      EXPECT_TRUE(err.starts_with(where)) << "value " << value << " for " << c.key << "\n  got: " << err << "\n  want: " << where;
    }
}

TEST(LayoutLimits, CheckBandsAndCountsAreChecked) {
  std::string t = std::string(kFront) + "[check]\n[[check.bands]]\nmin = nan\nlabel = \"x\"\n";
  EXPECT_EQ(error_of("band", t), "band.toml:" + location_of(t, "nan") + ": check.bands[0].min: not a finite number");
  // 2^32 + 2 would wrap to 2 if narrowed before the check.
  t = std::string(kFront) + "[[front]]\ntype = \"table\"\ncolumns = [\"1fr\", \"1fr\"]\n[[front.rows]]\n"
                            "cells = [{ text = \"a\", colspan = 4294967298 }]\n";
  EXPECT_EQ(error_of("colspan", t), "colspan.toml:" + location_of(t, "4294967298") +
                                        ": front[1].rows[0].cells[0].colspan: expected a number of columns between 1 and 64");
  t = std::string(kFront) + "[xlsx]\nmax_record_sheets = -1\n";
  EXPECT_EQ(error_of("sheets", t),
            "sheets.toml:" + location_of(t, "-1") + ": xlsx.max_record_sheets: expected a number of sheets between 0 and 100000");
}

TEST(LayoutLimits, DocumentDateMustBeOnTheCalendar) {
  // A day past the month's end (or a 29 February outside a leap year) is refused at its key.
  for (const std::string date : {"2023-02-29", "2024-04-31", "1900-02-29", "2024-13-01"}) {
    const std::string t = std::string(kFront) + "[document]\ndate = \"" + date + "\"\n";
    EXPECT_EQ(error_of("date", t), "date.toml:" + location_of(t, "\"" + date) + ": document.date: expected an ISO date YYYY-MM-DD")
        << date;
  }
  for (const std::string date : {"2024-02-29", "2000-02-29", "2023-12-31"}) {
    const std::string t = std::string(kFront) + "[document]\ndate = \"" + date + "\"\n";
    EXPECT_EQ(error_of("date", t), "no error") << date;
  }
}

TEST(LayoutLimits, LegitimateExtremesStillLoad) {
  // The smallest size, the tightest pitch, negative tracking as the GB/T 9704 grid uses it.
  EXPECT_EQ(error_of("small", "[styles.s]\nsize = 1\nline_pitch = 0.5\nletter_spacing = \"-0.5em\"\nindent = \"2em\"\n"
                              "[[front]]\ntype = \"paragraph\"\ntext = \"x\"\nstyle = \"s\"\n"),
            "no error");
  // 100 columns on A3 landscape (4.2 mm each), and a column of exactly 1 mm.
  std::string cols, cells;
  for (int i = 0; i < 100; ++i) {
    cols += std::string(i ? ", " : "") + "\"1fr\"";
    cells += std::string(i ? ", " : "") + "\"a\"";
  }
  EXPECT_EQ(error_of("wide", "[page]\npaper = \"A3\"\norientation = \"landscape\"\n[[front]]\ntype = \"table\"\ncolumns = [" + cols +
                                 "]\n[[front.rows]]\ncells = [" + cells + "]\n"),
            "no error");
  EXPECT_EQ(error_of("onemm", "[[front]]\ntype = \"table\"\ncolumns = [\"1mm\", \"1fr\"]\n[[front.rows]]\ncells = [\"a\", \"b\"]\n"),
            "no error");
}

TEST(LayoutLimits, FractionsThatLeaveAColumnUnderOneMillimetreAreRefused) {
  const std::string t = "[[front]]\ntype = \"table\"\ncolumns = [\"1000fr\", \"0.01fr\"]\n[[front.rows]]\ncells = [\"a\", \"b\"]\n";
  EXPECT_EQ(error_of("share", t), "share.toml:" + location_of(t, "\"0.01fr\"") +
                                      ": front[0].columns: column 2 would be narrower than 1 mm (the fractions share 210 mm)");
}

/// Issue 14 item 5: a line taller than the page made pagination run forever. Lines, rows, and
/// rows under the caption and repeated header rows must fit the type area (842 pt here).
TEST(LayoutLimits, TableRowsMustFitUnderCaptionAndHeaders) {
  const std::string styles = "[styles.big]\nsize = 400\nline_pitch = 1.0\n[styles.cap]\nsize = 200\nline_pitch = 1.0\n";
  const std::string table = "[[front]]\ntype = \"table\"\nvalue_style = \"big\"\nlabel_style = \"big\"\npadding = 0\n"
                            "columns = [\"1fr\"]\n";
  EXPECT_EQ(error_of("fits", styles + table + "[[front.rows]]\nheader = true\ncells = [\"h\"]\n[[front.rows]]\ncells = [\"{{a}}\"]\n"),
            "no error");
  std::string t = styles + table + "caption = \"c\"\ncaption_style = \"cap\"\n[[front.rows]]\nheader = true\ncells = [\"h\"]\n"
                  "[[front.rows]]\ncells = [\"{{a}}\"]\n";
  EXPECT_EQ(error_of("caption", t), "caption.toml:" + location_of(t, "[[front.rows]]\ncells") +
                                        ": front[0].rows[1]: this row needs at least 400 pt below 600 pt of caption and header "
                                        "rows, more than the type area's height (842 pt)");
  t = "[styles.big]\nsize = 1000\n" + table + "[[front.rows]]\ncells = [\"x\"]\n";
  EXPECT_EQ(error_of("line", t), "line.toml:2:8: styles.big.size: a line of this style (1500 pt) is taller than the type area (842 pt)");
}

// ---- nesting --------------------------------------------------------------------------------

TEST(LayoutLimits, NestingGuardReadsStringsAndCommentsAsText) {
  // Brackets, braces and dots inside strings and comments are no nesting.
  const std::string deep(200, '[');
  const std::string t = "# " + deep + "\n[[front]]\ntype = \"paragraph\" # {{{{ " + deep + "\ntext = \"" + deep +
                        "a.b.c\"\n[[front]]\ntype = \"paragraph\"\ntext = '''\n" + deep + "\n" + std::string(200, ']') +
                        "'''\n[[front]]\ntype = \"paragraph\"\ntext = \"\"\"\\\"\"\"" + deep + "\"\"\"\n";
  EXPECT_EQ(error_of("strings", t), "no error");
}

TEST(LayoutLimits, NestingAtTheLimitPassesTheGuard) {
  // 32 levels ([[front]] and 31 more): the guard lets it through; the parser names the key.
  std::string key = "x";
  for (int i = 1; i < 32; ++i) key += ".x";
  EXPECT_EQ(error_of("at32", std::string(kFront) + key + " = 1\n"),
            "at32.toml:5:1: unknown key 'front[0].x' (expected one of: type, text, style, keep_with_next, headings)");
  EXPECT_EQ(error_of("at33", std::string(kFront) + key + ".x = 1\n"),
            "at33.toml:5:64: nested deeper than 32 levels (tables, arrays and dotted keys)");
}

/// The reproducers nested 100,000 deep (issue 14 item 4): a table header, arrays, inline tables,
/// and arrays of inline tables. Through the CLI: exit 1, located message, nothing written.
TEST(LayoutLimits, LayoutNested100000DeepIsRefusedBeforeParsing) {
  const int n = 100000;
  std::string header = "[a";
  for (int i = 1; i < n; ++i) header += ".a";
  std::string inline_tables = "x = ", mixed = "x = ";
  for (int i = 0; i < n; ++i) inline_tables += "{ a = ";
  inline_tables += "1" + std::string(n, '}') + "\n";
  for (int i = 0; i < n / 2; ++i) mixed += "[{ a.b = ";
  mixed += "1" + std::string(n / 2, '}') + "\n";
  const std::pair<std::string, std::string> cases[] = {
      {"deep-header", header + "]\n"},
      {"deep-arrays", "x = " + std::string(n, '[') + std::string(n, ']') + "\n"},
      {"deep-inline", inline_tables},
      {"deep-mixed", mixed},
  };
  for (const auto& [name, text] : cases) {
    write(name + ".toml", text);
    const CliResult r = run_cli(name, "render " + name + ".toml '" + kRecords + "' -o OUT");
    EXPECT_EQ(exit_code(r), 1) << name << ": " << r.output;
    EXPECT_TRUE(r.output.starts_with(name + ".toml:1:")) << r.output;
    EXPECT_NE(r.output.find("nested deeper than 32 levels"), std::string::npos) << r.output;
    EXPECT_EQ(r.files_written, 0u) << name;
  }
}

// ---- the CLI reproducers that need generated input -------------------------------------------

/// Issue 14 item 1: 1000 columns with --format xlsx read past the sheet's column widths.
TEST(LayoutLimits, ThousandColumnsXlsxIsRefusedAtTheKey) {
  std::string cols;
  for (int i = 0; i < 1000; ++i) cols += std::string(i ? ", " : "") + "\"1fr\"";
  write("cols1000.toml", "[[record.blocks]]\ntype = \"table\"\ncolumns = [" + cols + "]\n[[record.blocks.rows]]\ncells = [\"a\"]\n");
  const CliResult r = run_cli("cols1000", "render cols1000.toml '" + kRecords + "' --format xlsx -o OUT");
  EXPECT_EQ(exit_code(r), 1) << r.output;
  EXPECT_EQ(r.output, "cols1000.toml:3:11: record.blocks[0].columns: 1000 columns; a table has at most 100\n");
  EXPECT_EQ(r.files_written, 0u);
}

/// Issue 14 item 7: a CSV header of 100,000 columns took minutes (quadratic duplicate check).
/// Now a row stops at the documented 16,384 columns, and a full-width header with a duplicate at
/// its end is found at once.
TEST(LayoutLimits, CsvHeaderOf100000ColumnsFailsFast) {
  write("csv.toml", "[[record.blocks]]\ntype = \"paragraph\"\ntext = \"{{c1}}\"\n");
  std::string header;
  for (int i = 1; i <= 100000; ++i) header += (i > 1 ? ",c" : "c") + std::to_string(i);
  write("wide.csv", header + "\n");
  CliResult r = run_cli("wide", "render csv.toml wide.csv -o OUT");
  EXPECT_EQ(exit_code(r), 1) << r.output;
  EXPECT_EQ(r.output, "wide.csv:1: more than 16384 columns (the most a row may have)\n");
  EXPECT_EQ(r.files_written, 0u);
  EXPECT_LT(r.seconds, 30);

  header.clear();
  for (int i = 1; i < 16384; ++i) header += (i > 1 ? ",c" : "c") + std::to_string(i);
  write("dup.csv", header + ",c7\n");
  r = run_cli("dup", "render csv.toml dup.csv -o OUT");
  EXPECT_EQ(exit_code(r), 1) << r.output;
  EXPECT_EQ(r.output, "dup.csv:1: duplicate column 'c7' (columns 7 and 16384)\n");
  EXPECT_EQ(r.files_written, 0u);
  EXPECT_LT(r.seconds, 30);
}

}  // namespace
