// Batch runs through the real command line: safe and unique names from hostile fields, shards,
// identical bytes whatever -j is, --keep-going, and a run killed with SIGKILL leaving only
// complete files under final names (then resumed with --skip-existing).
#include <gongwen/gongwen.hpp>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "batch/safe_name.hpp"
#include "pdf_checks.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json example() { return gongwen::test::example_records(); }

/// `n` records cycling through the example's, with project names from `names` when given.
fs::path write_data(const std::string& file, size_t n, const std::vector<std::string>& names = {}) {
  json d = example();
  json records = json::array();
  for (size_t i = 0; i < n; ++i) {
    json r = d["records"][i % d["records"].size()];
    if (!names.empty()) r["project_name"] = names[i % names.size()];
    records.push_back(r);
  }
  d["records"] = records;
  fs::path p = fs::temp_directory_path() / (std::to_string(getpid()) + "-" + file);
  std::ofstream(p) << d.dump();
  return p;
}

int run_cli(const std::string& args) {
  const std::string cmd = std::string(GONGWEN_CLI) + " " + args + " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Per-process paths: test runs in parallel (CI, several build trees) must not share folders.
fs::path fresh_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / (name + "-" + std::to_string(getpid()));
  fs::remove_all(p);
  return p;
}

std::string read(const fs::path& p) { return gongwen::test::read_file(p); }

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(fs::relative(e.path(), dir).string());
  return out;
}

const std::string kLayout = (gongwen::test::source_dir() / "layouts/perf-eval-result.toml").string();

}  // namespace

TEST(BatchNames, HostileFieldsBecomeSafeStems) {
  using gongwen::safe_stem;
  EXPECT_EQ(safe_stem("../../x", "f"), "_x");
  EXPECT_EQ(safe_stem("a/b:c*?", "f"), "a_b_c_");
  EXPECT_EQ(safe_stem("CON", "f"), "_CON");
  EXPECT_EQ(safe_stem("nul.txt", "f"), "_nul.txt");
  EXPECT_EQ(safe_stem("COM1", "f"), "_COM1");
  EXPECT_EQ(safe_stem("  ..  ", "record-7"), "record-7");
  EXPECT_EQ(safe_stem("tab\there\nnew", "f"), "tab_here_new");
  std::string long_name;
  for (int i = 0; i < 300; ++i) long_name += "绩";
  const std::string s = safe_stem(long_name, "f");
  EXPECT_LE(s.size(), 200u);
  EXPECT_EQ(s.size() % 3, 0u) << "cut on a character boundary";
  gongwen::UniqueNames names;
  EXPECT_EQ(names.claim("报告"), "报告");
  EXPECT_EQ(names.claim("报告"), "报告-2");
  EXPECT_EQ(names.claim("报告"), "报告-3");
  EXPECT_EQ(names.claim("Report"), "Report");
  EXPECT_EQ(names.claim("REPORT"), "REPORT-2") << "unique case-insensitively";
  gongwen::UniqueNames tight;
  EXPECT_EQ(tight.claim(s), s);
  EXPECT_LE(tight.claim(s).size(), 200u);
}

TEST(BatchRun, SplitNamesStayInsideOutAndAreUnique) {
  std::string chinese300;
  for (int i = 0; i < 300; ++i) chinese300 += "项";
  const std::vector<std::string> hostile = {"../../x", "a/b:c*?", "CON", chinese300, "../../x", "正常名称"};
  const fs::path data = write_data("gongwen-hostile.json", hostile.size(), hostile);
  const fs::path out = fresh_dir("gongwen-batch-hostile");
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --split --name '{{project_name}}'"), 0);
  const auto files = files_in(out);
  EXPECT_EQ(files.size(), hostile.size()) << "one unique file per record";
  for (const auto& f : files) {
    EXPECT_EQ(f.find('/'), std::string::npos) << f;
    EXPECT_EQ(f.find(".."), std::string::npos) << f;
    EXPECT_LE(f.size(), 204u) << f;
  }
  EXPECT_TRUE(files.count("_x.pdf"));
  EXPECT_TRUE(files.count("_x-2.pdf"));
  EXPECT_TRUE(files.count("_CON.pdf"));
  EXPECT_FALSE(fs::exists(out.parent_path() / "x.pdf"));
}

TEST(BatchRun, ShardsAreDisjointAndCoverEveryRecord) {
  const fs::path data = write_data("gongwen-shards.json", 9);
  const fs::path a = fresh_dir("gongwen-shard-a"), b = fresh_dir("gongwen-shard-b");
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + a.string() + " --split --shard 1/2"), 0);
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + b.string() + " --split --shard 2/2"), 0);
  const auto fa = files_in(a), fb = files_in(b);
  EXPECT_EQ(fa, (std::set<std::string>{"1.pdf", "3.pdf", "5.pdf", "7.pdf", "9.pdf"}));
  EXPECT_EQ(fb, (std::set<std::string>{"2.pdf", "4.pdf", "6.pdf", "8.pdf"}));
}

TEST(BatchRun, OutputBytesDoNotDependOnJobs) {
  const fs::path data = write_data("gongwen-jobs.json", 12);
  for (const std::string mode : {"--split", "--format pdf,xlsx", "--format xlsx"}) {
    const fs::path one = fresh_dir("gongwen-j1"), two = fresh_dir("gongwen-j2");
    ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + one.string() + " -j 1 " + mode), 0);
    ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + two.string() + " -j 2 " + mode), 0);
    const auto files = files_in(one);
    ASSERT_EQ(files, files_in(two));
    ASSERT_FALSE(files.empty());
    for (const auto& f : files) EXPECT_EQ(read(one / f), read(two / f)) << f << " " << mode;
  }
}

TEST(BatchRun, KeepGoingRendersTheGoodAndListsTheBad) {
  json d = example();
  d["records"][1]["score"] = "八十八";
  d["records"][3].erase("project_name");
  const fs::path data = fs::temp_directory_path() / (std::to_string(getpid()) + "-gongwen-keep-going.json");
  std::ofstream(data) << d.dump();
  const fs::path out = fresh_dir("gongwen-keep-going");
  EXPECT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --split --keep-going"), 5);
  EXPECT_EQ(files_in(out), (std::set<std::string>{"1.pdf", "3.pdf", "errors.json"}));
  const json errors = json::parse(read(out / "errors.json"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["record"], 2);
  EXPECT_EQ(errors[0]["field"], "score");
  EXPECT_EQ(errors[1]["record"], 4);
  EXPECT_EQ(errors[1]["field"], "project_name");
  // Without --keep-going the run stops with the first error and a non-zero status.
  const fs::path strict = fresh_dir("gongwen-strict");
  EXPECT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + strict.string()), 1);
  EXPECT_FALSE(fs::exists(strict / data.filename().replace_extension(".pdf")));
}

TEST(BatchRun, KeepGoingWorkbookHoldsOnlyTheGoodRecords) {
  json d = example();
  d["records"][1]["score"] = "八十八";
  const fs::path data = fs::temp_directory_path() / (std::to_string(getpid()) + "-gongwen-keep-going-xlsx.json");
  std::ofstream(data) << d.dump();
  const fs::path out = fresh_dir("gongwen-keep-going-xlsx");
  EXPECT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --format xlsx --keep-going"), 5);
  const fs::path book = out / data.filename().replace_extension(".xlsx");
  ASSERT_TRUE(fs::exists(book));
  // The summary and one sheet per good record (4 records, 1 bad): sheet1..sheet4, no sheet5.
  const std::string workbook = gongwen::test::run("unzip -p '" + book.string() + "' xl/workbook.xml");
  size_t sheets = 0;
  for (size_t p = 0; (p = workbook.find("<sheet ", p)) != std::string::npos; ++p) ++sheets;
  EXPECT_EQ(sheets, d["records"].size());  // summary + (records - 1)
  EXPECT_EQ(workbook.find("name=\"表2\""), std::string::npos) << workbook;
  EXPECT_EQ(json::parse(read(out / "errors.json"))[0]["record"], 2);
  fs::remove_all(out);
  fs::remove(data);
}

TEST(BatchRun, CombinedRunOverSeveralWindowsIsOneDocument) {
  // Combined runs measure and place records a window at a time (16 per job): 40 records span
  // several windows, and the document must be the one the library lays out in one go.
  const fs::path data = write_data("gongwen-windows.json", 40);
  const fs::path one = fresh_dir("gongwen-windows-j1"), two = fresh_dir("gongwen-windows-j2");
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + one.string() + " -j 1 --dump -q"), 0);
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + two.string() + " -j 2 --dump -q"), 0);
  const std::string stem = data.stem().string();
  const std::string pdf = read(one / (stem + ".pdf"));
  EXPECT_EQ(pdf, read(two / (stem + ".pdf")));
  EXPECT_EQ(read(one / (stem + ".dump.txt")), read(two / (stem + ".dump.txt")));
  const gongwen::Renderer renderer(kLayout);
  EXPECT_EQ(pdf, renderer.render_pdf(json::parse(read(data)), data.string()));
  fs::remove_all(one);
  fs::remove_all(two);
  fs::remove(data);
}

TEST(BatchRun, BadRecordInALaterWindowStillStopsBeforeAnythingIsWritten) {
  json d = json::parse(read(write_data("gongwen-late-error.json", 40)));
  d["records"][36]["score"] = "八十八";
  const fs::path data = fs::temp_directory_path() / (std::to_string(getpid()) + "-gongwen-late-error.json");
  std::ofstream(data) << d.dump();
  const fs::path strict = fresh_dir("gongwen-late-strict");
  EXPECT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + strict.string() + " -j 2"), 1);
  EXPECT_TRUE(!fs::exists(strict) || files_in(strict).empty());  // no PDF, no temporary either
  const fs::path keep = fresh_dir("gongwen-late-keep");
  EXPECT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + keep.string() + " -j 2 --keep-going"), 5);
  EXPECT_TRUE(fs::exists(keep / data.filename().replace_extension(".pdf")));
  const json errors = json::parse(read(keep / "errors.json"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["record"], 37);
  fs::remove_all(strict);
  fs::remove_all(keep);
  fs::remove(data);
}

TEST(BatchRun, KeepGoingSkipsRecordsWhoseOfficialBlocksFail) {
  // 署名 is bound while paging, not by the table binder: a combined run must still skip the record
  // (and name it) before placing anything of it.
  json d = json::parse(read(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json"));
  const json one = d["records"][0];
  d["records"] = json::array({one, one, one});
  d["records"][1]["issuer"] = "示例市财政局ก";  // Thai: no shipped face covers it
  const fs::path data = gongwen::test::scratch_path("official-keep-going.json");
  std::ofstream(data) << d.dump();
  const std::string layout = (gongwen::test::source_dir() / "layouts/gbt9704-notice.toml").string();
  const fs::path out = gongwen::test::scratch_path("official-keep-going");
  EXPECT_EQ(run_cli("render " + layout + " " + data.string() + " -o " + out.string() + " --keep-going"), 5);
  EXPECT_TRUE(fs::exists(out / data.filename().replace_extension(".pdf")));
  const json errors = json::parse(read(out / "errors.json"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["record"], 2);
  EXPECT_EQ(errors[0]["field"], "issuer");
  // Without --keep-going: status 1 and no PDF.
  const fs::path strict = gongwen::test::scratch_path("official-strict");
  EXPECT_EQ(run_cli("render " + layout + " " + data.string() + " -o " + strict.string()), 1);
  EXPECT_FALSE(fs::exists(strict / data.filename().replace_extension(".pdf")));
}

TEST(BatchRun, KilledRunLeavesOnlyCompleteFilesAndResumes) {
  const fs::path data = write_data("gongwen-kill.json", 600);
  const fs::path out = fresh_dir("gongwen-kill");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string o = out.string(), d = data.string();
    execl(GONGWEN_CLI, GONGWEN_CLI, "render", kLayout.c_str(), d.c_str(), "-o", o.c_str(), "--split", "-j", "2", "-q",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it mid-run: once some files exist.
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // Only the top level: the run's private temporary folders come and go meanwhile.
    std::error_code ec;
    size_t n = 0;
    for (fs::directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) ++n;
    if (n > 20) break;
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  size_t complete = 0;
  for (const auto& f : files_in(out)) {
    if (f.starts_with(".gongwen-tmp-")) continue;  // the killed run's private temporary folder
    const std::string bytes = read(out / f);
    ASSERT_GE(bytes.size(), 1000u) << f;
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-") << f;
    EXPECT_NE(bytes.find("%%EOF", bytes.size() - 32), std::string::npos) << f << " is truncated";
    ++complete;
  }
  EXPECT_GT(complete, 0u);
  EXPECT_LT(complete, 600u) << "the run was not interrupted; make it longer";
  // Resume: the missing records are rendered, the existing ones left alone.
  ASSERT_EQ(run_cli("render " + kLayout + " " + data.string() + " -o " + out.string() + " --split --skip-existing"), 0);
  size_t pdfs = 0;
  for (const auto& f : files_in(out)) {
    if (f.ends_with(".pdf")) ++pdfs;
    EXPECT_FALSE(f.starts_with(".gongwen-tmp-")) << "the killed run's temporaries were cleaned up: " << f;
  }
  EXPECT_EQ(pdfs, 600u);
}
