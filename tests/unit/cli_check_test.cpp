// `gongwen check` through the real command line: every problem of every record is listed on
// stdout (record, field, what), including fields of the official blocks that are bound while
// paging (署名), characters no font covers and a 评价结论 that contradicts the score bands.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

/// Runs `gongwen check LAYOUT DATA` in the data's folder (so messages name "data.json").
Result check(const fs::path& layout, const fs::path& data) {
  const fs::path err = data.parent_path() / "stderr.txt";
  const std::string cmd = "cd '" + data.parent_path().string() + "' && '" + GONGWEN_CLI + "' check '" + layout.string() +
                          "' '" + data.filename().string() + "' 2>'" + err.string() + "'";
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = gongwen::test::read_file(err);
  return r;
}

fs::path write_json(const std::string& dir, const json& j) {
  const fs::path d = gongwen::test::scratch_path(dir);
  fs::create_directories(d);
  std::ofstream(d / "data.json") << j.dump();
  return d / "data.json";
}

}  // namespace

TEST(CliCheck, CleanDataPasses) {
  const fs::path layout = gongwen::test::source_dir() / "layouts/perf-eval-result.toml";
  const Result r = check(layout, write_json("check-clean", gongwen::test::example_records()));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "gongwen check: 4 record(s), 0 problem(s)\n");
}

TEST(CliCheck, ListsEveryProblemOfEveryRecord) {
  json d = gongwen::test::example_records();
  d["records"][0]["conclusion"] = "优秀";                          // 88.47 is 良好
  d["records"][1]["project_name"] = "项目\xF0\xA0\x80\x80";         // U+20000: no shipped face has it
  d["records"][3].erase("score");
  const Result r = check(gongwen::test::source_dir() / "layouts/perf-eval-result.toml", write_json("check-bad", d));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "gongwen check: 4 record(s), 3 problem(s)\n");
  EXPECT_NE(r.out.find("data.json: record 1: conclusion: '优秀' contradicts score 88.47"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data.json: record 2: project_name: no font covers"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("U+20000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data.json: record 4: score: missing field"), std::string::npos) << r.out;
}

TEST(CliCheck, SeesTheFieldsOfOfficialBlocks) {
  // 署名 and 成文日期 are bound while paging, not by the table binder: check must still see them.
  json d = json::parse(gongwen::test::read_file(gongwen::test::source_dir() / "examples/gbt9704-notice/records.json"));
  const json one = d["records"][0];
  d["records"] = json::array({one, one, one});
  d["records"][0].erase("issuer");
  d["records"][1]["issuer"] = "示例市财政局\u0E01";  // no shipped face covers Thai
  d["records"][2]["issuer"] = "示例市财政局\u0E01";  // the same problem again: reported again
  const Result r = check(gongwen::test::source_dir() / "layouts/gbt9704-notice.toml", write_json("check-9704", d));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "gongwen check: 3 record(s), 3 problem(s)\n");
  EXPECT_NE(r.out.find("data.json: record 1: issuer: missing field"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data.json: record 2: issuer: no font covers '\u0E01' U+0E01"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data.json: record 3: issuer: no font covers"), std::string::npos) << r.out;
}

TEST(CliCheck, WarnsWhenAListIsNumberedInconsistently) {
  // Items pasted from Word with their own numbers: rendered once (never "1、1、"), and a list
  // whose numbers do not run 1, 2, 3 or are partly missing is a warning, not a failure.
  json d = gongwen::test::example_records();
  d["records"] = json::array({d["records"][0], d["records"][1]});
  json& perf = d["records"][0]["performance"];
  perf[0] = "1、" + perf[0].get<std::string>();  // item 2 has none
  json& probs = d["records"][1]["problems"];
  for (size_t i = 0; i < probs.size(); ++i) probs[i] = std::to_string(i + 1) + "、" + probs[i].get<std::string>();
  const Result r = check(gongwen::test::source_dir() / "layouts/perf-eval-result.toml", write_json("check-numbered", d));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "data.json: record 1: performance: warning: numbered inconsistently: item 1 begins with a number, item 2 does not\n");
  EXPECT_EQ(r.err, "gongwen check: 2 record(s), 0 problem(s), 1 warning(s)\n");
}

TEST(CliCheck, HelpAfterACommandPrintsTheUsage) {
  for (const char* cmd : {"check --help", "render -h", "fonts --help", "check-output --help"}) {
    const auto r = gongwen::test::run_gongwen(cmd);
    EXPECT_EQ(r.status, 0) << cmd << "\n" << r.output;
    EXPECT_NE(r.output.find("usage: gongwen render LAYOUT DATA..."), std::string::npos) << cmd << "\n" << r.output;
  }
}
