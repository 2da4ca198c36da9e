// Regression tests for the data-side and I/O reliability items of issue 14: each hostile input
// gets a clear error naming its file, record and field, a non-zero exit and no output file; no
// user file is ever touched.
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "batch/safe_name.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace gongwen;

namespace {

struct CliRun {
  int status = -1;
  std::string err;  ///< stderr
};

/// Runs the CLI; stdout is dropped, stderr kept.
CliRun cli(const std::string& args, const std::string& prefix = "") {
  const std::string cmd = prefix + "'" + std::string(GONGWEN_CLI) + "' " + args + " 2>&1 >/dev/null";
  CliRun r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.err.append(buf.data(), n);
  const int st = pclose(pipe);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(fs::relative(e.path(), dir).string());
  return out;
}

const std::string kLayout = (test::source_dir() / "layouts/perf-eval-result.toml").string();

fs::path write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

/// The example's records with `field` of record `which` (0-based) replaced by raw JSON text.
std::string records_with(const std::string& field, const std::string& raw_json, size_t which = 0) {
  json d = test::example_records();
  d["records"][which][field] = "@@";
  std::string text = d.dump();
  text.replace(text.find("\"@@\""), 4, raw_json);
  return text;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string host_tag() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || !name[0]) return "host";
  std::string h = name;
  for (char& c : h)
    if (c == '/' || c == '-' || c == '.') c = '_';
  return h;
}

}  // namespace

// ---- item 3: JSON nested 100,000 deep --------------------------------------------------------

TEST(Item03DeepJson, CombinedModeRefusesADeepFieldTheTemplateReads) {
  const fs::path dir = test::scratch_path("item3-combined");
  const fs::path data = write(dir / "deep.json", records_with("project_name", nested(100000), 1));
  const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + (dir / "out").string() + " --format pdf,xlsx");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(data.string() + ": record 2: project_name"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nested deeper than 64 levels"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(dir / "out").empty());
}

TEST(Item03DeepJson, SplitModeRefusesADeepDocument) {
  const fs::path dir = test::scratch_path("item3-split");
  const fs::path data = write(dir / "deep.json", "{\"document\": {\"title\": " + nested(100000) + "}, \"records\": [{}]}");
  const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + (dir / "out").string() + " --split");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(data.string() + ": document: title"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nested deeper than 64 levels"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(dir / "out").empty());
}

TEST(Item03DeepJson, JsonLinesRefusesADeepRecord) {
  const fs::path dir = test::scratch_path("item3-jsonl");
  const fs::path data = write(dir / "deep.jsonl", "\n{\"x\": {\"y\": " + nested(100000) + "}}\n{\"project_name\": \"a\"}\n");
  const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + (dir / "out").string() + " --split");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(data.string() + ": record 1: x.y[0][0]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[0]: nested deeper than 64 levels"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(line 2)"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(dir / "out").empty());
}

TEST(Item03DeepJson, InMemoryDataIsCheckedWithoutRecursion) {
  const Renderer r(kLayout);
  json d = test::example_records();
  d["records"][0]["project_name"] = json::parse(nested(100000));
  EXPECT_NE(error_of([&] { r.render_pdf(d, "mem"); }).find("mem: record 1: project_name"), std::string::npos);
  // The limit itself: 64 levels pass, 65 do not.
  EXPECT_NO_THROW(validate_data(json::parse(nested(63)), "x"));  // inside a record: 63 + the record
  EXPECT_NE(error_of([&] { validate_data(json::parse(nested(65)), "x"); }).find("nested deeper than 64"), std::string::npos);
  EXPECT_EQ(error_of([&] { validate_data(json::parse(nested(65)), "x"); }).substr(0, 8), "x: [0][0");
}

// ---- item 9: control characters ---------------------------------------------------------------

TEST(Item09ControlCharacters, OneRuleForJsonJsonLinesCsvAndMemory) {
  const fs::path dir = test::scratch_path("item9");
  // JSON: U+0000 (which used to truncate the XLSX cell), U+0001, U+001B, U+007F and C1 U+0085.
  for (const std::string esc : {"\\u0000", "\\u0001", "\\u001b", "\\u007f", "\\u0085"}) {
    const fs::path data = write(dir / "c.json", records_with("project_name", "\"前段" + esc + "后段\""));
    const fs::path out = dir / "out";
    const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --format pdf,xlsx");
    EXPECT_EQ(r.status, 1) << esc << r.err;
    EXPECT_NE(r.err.find(data.string() + ": record 1: project_name: control character U+00"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("at byte 6"), std::string::npos) << r.err;
    EXPECT_TRUE(files_in(out).empty()) << esc;
  }
  // Tab and line breaks are text.
  EXPECT_NO_THROW(validate_data(json{{"a", "x\ty\nz\r\n"}}, "x"));
  // JSON Lines, a key.
  const fs::path jl = write(dir / "c.jsonl", "{\"a\": 1}\n{\"b\\u001f\": 1}\n");
  auto src = open_records(jl);
  EXPECT_NO_THROW(src->next());
  EXPECT_EQ(error_of([&] { src->next(); }), jl.string() + ": record 2: control character U+001F in a key at byte 1 (only tab and "
                                                           "line breaks are allowed in text) (line 2)");
  // CSV: a raw BEL in a cell; a quoted line break is fine.
  const fs::path csv = write(dir / "c.csv", "name,note\n\"a\nb\",ok\nx,ding\x07\n");
  auto c = open_records(csv);
  EXPECT_NO_THROW(c->next());
  EXPECT_EQ(error_of([&] { c->next(); }), csv.string() + ": record 2: note: control character U+0007 at byte 4 (only tab and line "
                                                         "breaks are allowed in text) (line 4)");
  // In-memory data through the API.
  const Renderer r(kLayout);
  json d = test::example_records();
  d["records"][2]["conclusion"] = std::string("好\0坏", 7);
  EXPECT_EQ(error_of([&] { r.render_pdf(d, "mem"); }),
            "mem: record 3: conclusion: control character U+0000 at byte 3 (only tab and line breaks are allowed in text)");
}

// ---- item 10: two data files, one output name ----------------------------------------------------

TEST(Item10OutputCollision, SameStemIsRefusedBeforeAnythingIsWritten) {
  const fs::path dir = test::scratch_path("item10");
  const std::string text = test::example_records().dump();
  const fs::path d1 = write(dir / "d1/records.json", text), d2 = write(dir / "d2/records.json", text);
  const fs::path d3 = write(dir / "d3/RECORDS.json", text);
  const fs::path out = dir / "out";
  CliRun r = cli("render " + kLayout + " " + d1.string() + " " + d2.string() + " -o " + out.string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find(d1.string() + " and " + d2.string() + " would both be written to " + (out / "records").string()), std::string::npos)
      << r.err;
  EXPECT_TRUE(files_in(out).empty());
  // Names a case-insensitive file system takes as one are refused too.
  r = cli("render " + kLayout + " " + d1.string() + " " + d3.string() + " -o " + out.string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(files_in(out).empty());
  // --split names each record's file itself: two data files are fine there.
  r = cli("render " + kLayout + " " + d1.string() + " " + d2.string() + " -o " + out.string() + " --split -q");
  EXPECT_EQ(r.status, 0) << r.err;
}

// ---- item 11: the stale-temporary sweep ------------------------------------------------------------

TEST(Item11StaleTemporaries, UserFilesSurviveOnlyOurDeadFoldersGo) {
  const fs::path out = test::scratch_path("item11");
  const std::string h = host_tag();
  const std::vector<std::string> user = {"x.tmp-vm-99999999-0.pdf", "notes.tmp-vm-x", "x.tmp-" + h + "-99999999-0.pdf",
                                         "notes.tmp-" + h + "-x", ".gongwen-tmp-" + h + "-99999999-0123456789abcdef.txt"};
  for (const auto& f : user) write(out / f, "user data");
  // A folder of our shape holding a user's file is not ours to empty.
  const fs::path foreign = out / (".gongwen-tmp-" + h + "-99999999-00000000000000ff");
  write(foreign / "mine.txt", "user data");
  // A live process's folder (this one's) and a dead one's with only our parts.
  const fs::path live = out / (".gongwen-tmp-" + h + "-" + std::to_string(::getpid()) + "-0000000000000001");
  write(live / "0.part", "partial");
  const fs::path dead = out / (".gongwen-tmp-" + h + "-99999999-0000000000000002");
  write(dead / "0.part", "partial");
  write(dead / "1.part", "partial");

  EXPECT_EQ(remove_stale_temporaries(out), 1u);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live / "0.part"));
  EXPECT_TRUE(fs::exists(foreign / "mine.txt"));
  for (const auto& f : user) EXPECT_EQ(test::read_file(out / f), "user data") << f;

  // A whole run in that folder: the same files survive it, and it leaves no folder of its own.
  fs::remove_all(live);
  const CliRun r = cli("render " + kLayout + " " + (test::source_dir() / "examples/2017-shanghai/records.json").string() + " -o " +
                    out.string() + " --format pdf,xlsx -q");
  EXPECT_EQ(r.status, 0) << r.err;
  for (const auto& f : user) EXPECT_EQ(test::read_file(out / f), "user data") << f;
  EXPECT_TRUE(fs::exists(foreign / "mine.txt"));
  std::set<std::string> expected(user.begin(), user.end());
  expected.insert({foreign.filename().string(), foreign.filename().string() + "/mine.txt", "records.pdf", "records.xlsx"});
  EXPECT_EQ(files_in(out), expected);
}

TEST(Item11StaleTemporaries, OutputSetCommitsTogetherOrLeavesNothing) {
  const fs::path out = test::scratch_path("item11-set");
  fs::create_directories(out);
  {
    OutputSet set;
    set.write(out / "a.pdf", "A");
    set.write(out / "b.xlsx", "B");
    EXPECT_FALSE(fs::exists(out / "a.pdf"));
  }  // abandoned: nothing appears, the private folder goes
  EXPECT_TRUE(files_in(out).empty());
  OutputSet set;
  set.write(out / "a.pdf", "A");
  set.write(out / "b.xlsx", "B");
  set.commit();
  EXPECT_EQ(test::read_file(out / "a.pdf"), "A");
  EXPECT_EQ(test::read_file(out / "b.xlsx"), "B");
}

// ---- item 12: PDF and workbook committed together ------------------------------------------------

TEST(Item12CommitTogether, AWorkbookFailureLeavesNoPdf) {
  const fs::path dir = test::scratch_path("item12");
  // A summary column only the workbook shows; record 4's value is over 32,767 characters, so
  // the workbook fails after the PDF is complete.
  const fs::path layout = write(dir / "l.toml", test::read_file(kLayout) + "\n  [[xlsx.summary.columns]]\n  header = \"备注\"\n  value = \"{{note}}\"\n");
  json d = test::example_records();
  for (auto& r : d["records"]) r["note"] = "-";
  std::string long_text;
  for (int i = 0; i < 33000; ++i) long_text += "好";
  d["records"][3]["note"] = long_text;
  const fs::path data = write(dir / "long.json", d.dump());
  const fs::path out = dir / "out";
  CliRun r = cli("render " + layout.string() + " " + data.string() + " -o " + out.string() + " --format pdf,xlsx");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(data.string() + ": record 4: 备注: text of 33000 characters is longer than an XLSX cell holds (32767)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(files_in(out).empty());
  // The PDF alone is fine.
  r = cli("render " + layout.string() + " " + data.string() + " -o " + out.string() + " -q");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(files_in(out), std::set<std::string>{"long.pdf"});
}

TEST(Item12CommitTogether, AnOverlongXlsxHeaderIsALayoutError) {
  const fs::path dir = test::scratch_path("item12-header");
  std::string layout = test::read_file(kLayout);
  layout.replace(layout.find("[xlsx] "), 6, "[xlsx]\nheader = \"" + std::string(256, 'h') + "\"\n");
  const fs::path l = write(dir / "l.toml", layout);
  const CliRun r = cli("render " + l.string() + " " + (test::source_dir() / "examples/2017-shanghai/records.json").string() + " -o " +
                    (dir / "out").string() + " --format pdf,xlsx");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(l.string() + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("xlsx.header: 256 characters; an XLSX page header holds at most 255"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(dir / "out").empty());
}

TEST(Item12CommitTogether, AFullDiskGivesOurMessageAndNoOutput) {
  // Files over 200 KB cannot be written (RLIMIT_FSIZE with SIGXFSZ ignored: writes fail with
  // EFBIG, as on a full disk); the workbook of 300 records is about 290 KB. libxlsxwriter's own
  // "[ERROR]" lines must not reach the user.
  const fs::path dir = test::scratch_path("item12-full");
  json d = test::example_records();
  json many = json::array();
  for (size_t i = 0; i < 300; ++i) many.push_back(d["records"][i % 4]);
  d["records"] = many;
  const fs::path data = write(dir / "many.json", d.dump());
  const fs::path out = dir / "out";
  const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --format xlsx", "trap '' XFSZ; ulimit -f 200; ");
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.err.find("[ERROR]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((out / "many.xlsx").string() + ": cannot write the workbook"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(File too large)"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(out).empty());
}

// ---- items 14 and 15: images -----------------------------------------------------------------------

namespace {

std::string be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
  const std::string td = type + data;
  const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(td.data()), static_cast<uInt>(td.size()));
  return be32(static_cast<uint32_t>(data.size())) + td + be32(static_cast<uint32_t>(crc));
}

/// A grey PNG of w × h whose IDAT holds `raw` compressed (the right amount when raw is empty).
std::string png(uint32_t w, uint32_t h, std::string raw = {}, bool corrupt_zlib = false) {
  if (raw.empty()) raw.assign(static_cast<size_t>(h) * (1 + w), '\0');
  std::string z(compressBound(static_cast<uLong>(raw.size())), '\0');
  uLongf zn = z.size();
  compress(reinterpret_cast<Bytef*>(z.data()), &zn, reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
  z.resize(zn);
  if (corrupt_zlib) z[z.size() / 2] = static_cast<char>(z[z.size() / 2] ^ 0x5A), z[2] = '\xFF';
  const std::string ihdr = be32(w) + be32(h) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", z) + png_chunk("IEND", "");
}

CliRun render_with_image(const fs::path& dir, const std::string& file) {
  const std::string layout = "[[front]]\ntype = \"image\"\nfile = \"" + file + "\"\nwidth = \"20mm\"\n";
  const fs::path l = write(dir / "img.toml", layout);
  const fs::path data = write(dir / "d.json", "[{}]");
  return cli("render " + l.string() + " " + data.string() + " -o " + (dir / "out").string());
}

}  // namespace

TEST(Item14ImageIsAFolder, ExitsWithALayoutErrorNotInternal) {
  const fs::path dir = test::scratch_path("item14");
  const CliRun r = render_with_image(dir, ".");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((dir / "img.toml").string() + ":3:8: front[0].file: cannot read image"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a file"), std::string::npos) << r.err;
  EXPECT_TRUE(files_in(dir / "out").empty());
}

TEST(Item15CorruptImages, RefusedInOurOwnWordsBeforeDecoding) {
  const fs::path dir = test::scratch_path("item15");
  const std::string good = png(4, 3);
  std::string bad_crc = good;
  bad_crc[45] = static_cast<char>(bad_crc[45] ^ 1);  // inside IDAT's data (8 + 25 bytes before it, then length and type)
  std::string truncated = good.substr(0, good.size() - 20);
  const struct {
    std::string name, bytes, expect;
  } cases[] = {
      {"huge.png", png(100000, 100000, std::string(10, '\0')), "100000 × 100000 pixels is too large (at most 20000 pixels on a side"},
      {"wide.png", png(20001, 1, std::string(10, '\0')), "20001 × 1 pixels is too large"},
      {"crc.png", bad_crc, "PNG: checksum mismatch in the IDAT chunk (the file is damaged)"},
      {"short.png", truncated, "(truncated file?)"},
      {"zlib.png", png(40, 40, {}, true), "PNG: the compressed image data is damaged"},
      {"little.png", png(40, 40, std::string(40 * 41 - 7, '\0')), "PNG: the image data is incomplete"},
      {"cut.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10), "JPEG: a segment runs past the end of the file"},
      {"noframe.jpg", std::string("\xFF\xD8\xFF\xDA\x00\x02", 6), "JPEG: image data before the frame header"},
      {"text.png", "hello", "not a PNG or JPEG image"},
  };
  for (const auto& c : cases) {
    write(dir / c.name, c.bytes);
    const CliRun r = render_with_image(dir, c.name);
    EXPECT_EQ(r.status, 1) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find("front[0].file: image '" + (dir / c.name).string() + "': "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.name << ": " << r.err;
    for (const char* library : {"libpng", "PoDoFo", "ePdfError", "[ERROR]"})
      EXPECT_EQ(r.err.find(library), std::string::npos) << c.name << ": " << r.err;
    EXPECT_TRUE(files_in(dir / "out").empty()) << c.name;
  }
  // The well-formed one renders.
  write(dir / "good.png", good);
  const CliRun ok = render_with_image(dir, "good.png");
  EXPECT_EQ(ok.status, 0) << ok.err;
}

// ---- item 16: --split names on case-insensitive file systems --------------------------------------

TEST(Item16SplitNames, CaseFoldedAndNormalisedLikeWindowsAndMacOs) {
  UniqueNames names;
  EXPECT_EQ(names.claim("Ä"), "Ä");
  EXPECT_EQ(names.claim("ä"), "ä-2");
  EXPECT_EQ(names.claim("ΟΔΟΣ"), "ΟΔΟΣ");
  EXPECT_EQ(names.claim("οδοσ"), "οδοσ-2");
  EXPECT_EQ(names.claim("οδος"), "οδος-3");
  EXPECT_EQ(names.claim("caf\u00e9"), "caf\u00e9");
  EXPECT_EQ(names.claim("cafe\u0301"), "cafe\u0301-2");
  // Emitted names are NFC.
  EXPECT_EQ(safe_stem("cafe\u0301", "f"), "caf\u00e9");

  const fs::path dir = test::scratch_path("item16");
  json d = test::example_records();
  const std::vector<std::string> raw = {"Ä", "ä", "Σ", "σ", "ς", "caf\u00e9", "cafe\u0301", "CAFÉ"};
  json records = json::array();
  for (size_t i = 0; i < raw.size(); ++i) {
    json r = d["records"][i % 4];
    r["project_name"] = raw[i];
    records.push_back(r);
  }
  d["records"] = records;
  const fs::path data = write(dir / "n.json", d.dump());
  const CliRun r = cli("render " + kLayout + " " + data.string() + " -o " + (dir / "out").string() +
                    " --split --name '{{project_name}}' -q");
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::string> keys;
  const auto files = files_in(dir / "out");
  EXPECT_EQ(files.size(), raw.size());
  for (const auto& f : files) {
    EXPECT_TRUE(keys.insert(name_key(f)).second) << f << " clashes on a case-insensitive file system";
    EXPECT_EQ(safe_stem(f, "x"), f) << "names are NFC";
  }
  EXPECT_TRUE(files.contains("caf\u00e9-2.pdf"));  // the NFD one, composed
}

// ---- item 17: redefining a shipped face ----------------------------------------------------------

TEST(Item17FontMapFace, RedefiningAShippedFaceReplacesIt) {
  const fs::path dir = test::scratch_path("item17");
  const fs::path kai = test::source_dir() / "fonts/fandol/FandolKai-Regular.otf";
  const fs::path map = write(dir / "map.toml", "[faces]\nfandol-song = { file = \"" + kai.string() + "\" }\n");
  FontBook book = FontBook::load(FontBook::default_map_path());
  book.add_map(map);
  const FontChain& song = book.chain("宋体");
  ASSERT_FALSE(song.faces.empty());
  EXPECT_EQ(fs::path(song.faces[0]->path()).filename(), "FandolKai-Regular.otf");
  // A face id redefined to a file that does not exist is an error, not silently ignored.
  const fs::path bad = write(dir / "bad.toml", "[faces]\nfandol-song = { file = \"nope.otf\" }\n");
  FontBook book2 = FontBook::load(FontBook::default_map_path());
  const std::string e = error_of([&] { book2.add_map(bad); });
  EXPECT_NE(e.find(bad.string() + ":2:"), std::string::npos) << e;
  EXPECT_NE(e.find("faces.fandol-song: " + (dir / "nope.otf").string() + ": no such font file"), std::string::npos) << e;
  // Through the CLI: the PDF embeds the replacement.
  const CliRun r = cli("render " + kLayout + " " + (test::source_dir() / "examples/2017-shanghai/records.json").string() + " -o " +
                    (dir / "out").string() + " --font-map " + map.string() + " -q");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(test::read_file(dir / "out/records.pdf").find("FandolKai"), std::string::npos);
}

// A --font-map nested 100,000 deep is refused by the nesting guard before toml++ recurses.
TEST(FontMapNesting, DeepFontMapIsRefusedBeforeParsing) {
  const fs::path dir = test::scratch_path("fontmap-deep");
  const fs::path map = write(dir / "deep.toml", "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  FontBook book = FontBook::load(FontBook::default_map_path());
  const std::string e = error_of([&] { book.add_map(map); });
  EXPECT_NE(e.find(map.string() + ":1:"), std::string::npos) << e;
  EXPECT_NE(e.find("nested deeper than 32 levels"), std::string::npos) << e;
}
