// The public API as an embedder sees it (include/gongwen only): structured errors, options
// instead of environment variables, layouts from text, PDF to a stream or a callback, XLSX to a
// path, check and fonts — and the C API over it giving the same bytes and the same problems.
#include <gongwen/gongwen.h>
#include <gongwen/gongwen.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kLayout = gongwen::test::source_dir() / "layouts/perf-eval-result.toml";

gongwen::Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const gongwen::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no gongwen::Error thrown";
  return gongwen::Error(gongwen::ErrorKind::Unknown, "none");
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = gongwen::test::scratch_path(name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST(Api, LayoutErrorCarriesFileLineColumn) {
  const std::string toml = "# a layout\n[page\nsize = \"A4\"\n";  // a TOML syntax error on line 2
  const gongwen::Error e = error_of([&] { gongwen::Renderer::from_text(toml, "bad.toml"); });
  EXPECT_EQ(e.kind(), gongwen::ErrorKind::Layout);
  EXPECT_EQ(e.file(), "bad.toml");
  EXPECT_EQ(e.line(), 2);
  EXPECT_GT(e.column(), 0);
  // The fields and the text say the same place.
  EXPECT_EQ(std::string(e.what()).rfind("bad.toml:" + std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": ", 0), 0u)
      << e.what();
  EXPECT_EQ(std::string(e.what()), "bad.toml:" + std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.detail());
}

TEST(Api, DataErrorCarriesRecordAndField) {
  const gongwen::Renderer r(kLayout);
  json d = gongwen::test::example_records();
  d["records"][2]["budget_wan"] = "abc";
  const gongwen::Error e = error_of([&] { r.render_pdf(d, "mem.json"); });
  EXPECT_EQ(e.kind(), gongwen::ErrorKind::Data);
  EXPECT_EQ(e.file(), "mem.json");
  EXPECT_EQ(e.record(), 3u);
  EXPECT_EQ(e.field(), "budget_wan");
  EXPECT_EQ(std::string(e.what()).rfind("mem.json: record 3: budget_wan: ", 0), 0u) << e.what();
  EXPECT_EQ(std::string(gongwen::to_string(e.kind())), "data");
}

TEST(Api, ReaderErrorsCarryRecordAndLine) {
  const fs::path dir = fresh_dir("api-reader-errors");
  std::ofstream(dir / "d.csv") << "project_name,score\n甲,1\n乙,2,3\n";
  const gongwen::Renderer r(kLayout);
  const gongwen::Error e = error_of([&] { r.render_file(dir / "d.csv", dir / "out"); });
  EXPECT_EQ(e.record(), 2u);
  EXPECT_EQ(e.line(), 3);
  std::ofstream(dir / "bad.json") << "[{\"a\": \"\\u0001\"}]";
  const gongwen::Error v = error_of([&] { r.render_file(dir / "bad.json", dir / "out"); });
  EXPECT_EQ(v.record(), 1u);
  EXPECT_EQ(v.field(), "a");
}

TEST(Api, PdfToStringStreamAndCallbackAreTheSameBytes) {
  gongwen::RendererOptions o;
  o.threads = 2;
  const gongwen::Renderer r(kLayout, o);
  const json d = gongwen::test::example_records();
  const std::string pdf = r.render_pdf(d);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  std::ostringstream s;
  r.render_pdf(d, s);
  EXPECT_EQ(s.str(), pdf);
  std::string pieces;
  size_t calls = 0;
  r.render_pdf(d, [&](std::string_view p) { pieces += p, ++calls; });
  EXPECT_EQ(pieces, pdf);
  EXPECT_GE(calls, 1u);
  // One thread or two: the same bytes.
  o.threads = 1;
  EXPECT_EQ(gongwen::Renderer(kLayout, o).render_pdf(d), pdf);
}

TEST(Api, CreationTimeComesFromTheOptionsNotTheEnvironment) {
  std::string toml = gongwen::test::read_file(kLayout);
  const size_t date = toml.find("\ndate = \"2018-06-30\"");
  ASSERT_NE(date, std::string::npos);
  toml.erase(date, toml.find('\n', date + 1) - date);  // a layout without its own date
  const json d = gongwen::test::example_records();
  ::setenv("SOURCE_DATE_EPOCH", "1600000000", 1);  // the library does not read it
  const std::string plain = gongwen::Renderer::from_text(toml, kLayout.string()).render_pdf(d);
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(plain.find("2000-01-01T00:00:00"), std::string::npos);  // the XMP packet (not compressed)
  EXPECT_EQ(plain.find("2020-09-13T"), std::string::npos);
  gongwen::RendererOptions o;
  o.creation_time = 1600000000;  // 2020-09-13 12:26:40 UTC
  const std::string dated = gongwen::Renderer::from_text(toml, kLayout.string(), o).render_pdf(d);
  EXPECT_NE(dated.find("2020-09-13T12:26:40"), std::string::npos);
}

TEST(Api, FromTextRendersLikeTheFile) {
  const json d = gongwen::test::example_records();
  const gongwen::Renderer file(kLayout);
  const gongwen::Renderer text = gongwen::Renderer::from_text(gongwen::test::read_file(kLayout), kLayout.string());
  EXPECT_EQ(text.render_dump(d), file.render_dump(d));
}

TEST(Api, XlsxToAPath) {
  const fs::path dir = fresh_dir("api-xlsx");
  const gongwen::Renderer r(kLayout);
  r.render_xlsx(gongwen::test::example_records(), dir / "a.xlsx");
  const std::string bytes = gongwen::test::read_file(dir / "a.xlsx");
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  std::ostringstream streamed;
  r.render_xlsx(gongwen::test::example_records(), streamed);
  EXPECT_EQ(streamed.str(), bytes);
  json bad = gongwen::test::example_records();
  bad["records"][0]["score"] = json::array();
  EXPECT_THROW(r.render_xlsx(bad, dir / "b.xlsx"), gongwen::Error);
  EXPECT_FALSE(fs::exists(dir / "b.xlsx"));
}

TEST(Api, TemporaryFolderComesFromTheOptionsNotTheEnvironment) {
  const fs::path dir = fresh_dir("api-temp");
  const json d = gongwen::test::example_records();
  const std::string plain = [&] {
    std::ostringstream s;
    gongwen::Renderer(kLayout).render_xlsx(d, s);
    return s.str();
  }();
  // The stream's private folder goes where the options say: a folder that is not there fails,
  // naming it (libxlsxwriter's scratch files fall back to another folder by themselves)…
  gongwen::RendererOptions missing;
  missing.temp_dir = dir / "no-such-folder";
  std::ostringstream lost;
  const gongwen::Error e = error_of([&] { gongwen::Renderer(kLayout, missing).render_xlsx(d, lost); });
  EXPECT_EQ(e.kind(), gongwen::ErrorKind::Io);
  EXPECT_NE(std::string(e.what()).find("no-such-folder"), std::string::npos) << e.what();
  // … a folder that is there gives the same bytes, and is left empty.
  gongwen::RendererOptions chosen;
  chosen.temp_dir = dir / "scratch";
  fs::create_directories(chosen.temp_dir);
  std::ostringstream s;
  gongwen::Renderer(kLayout, chosen).render_xlsx(d, s);
  EXPECT_EQ(s.str(), plain);
  EXPECT_TRUE(fs::is_empty(chosen.temp_dir));
  // $TMPDIR is the command's business: the library does not read it.
  ::setenv("TMPDIR", missing.temp_dir.c_str(), 1);
  std::ostringstream env;
  gongwen::Renderer(kLayout).render_xlsx(d, env);
  ::unsetenv("TMPDIR");
  EXPECT_EQ(env.str(), plain);
}

TEST(Api, CheckListsEveryProblemWithItsPlace) {
  const gongwen::Renderer r(kLayout);
  json d = gongwen::test::example_records();
  d["records"][0]["conclusion"] = "优秀";  // 88.47 is 良好
  d["records"][3].erase("score");
  const gongwen::CheckResult c = r.check(d, "data.json");
  EXPECT_EQ(c.records, 4u);
  ASSERT_EQ(c.errors(), 2u);
  EXPECT_EQ(c.problems[0].where.record, 1u);
  EXPECT_EQ(c.problems[0].where.field, "conclusion");
  EXPECT_EQ(c.problems[1].where.record, 4u);
  EXPECT_EQ(c.problems[1].where.field, "score");
  EXPECT_EQ(c.problems[1].message.rfind("data.json: record 4: score: missing field", 0), 0u) << c.problems[1].message;
}

TEST(Api, CheckAndFontsGiveWhatTheCliPrints) {
  const fs::path dir = fresh_dir("api-cli-parity");
  json d = gongwen::test::example_records();
  d["records"][0]["conclusion"] = "优秀";
  d["records"][1]["project_name"] = "项目\xF0\xA0\x80\x80";
  std::ofstream(dir / "data.json") << d.dump();
  const gongwen::Renderer r(kLayout);
  const fs::path cwd = fs::current_path();
  fs::current_path(dir);  // the same relative name as the command is given, so the same messages
  const gongwen::CheckResult c = r.check(std::vector<fs::path>{"data.json"});
  fs::current_path(cwd);
  ASSERT_EQ(c.errors(), 2u);
  std::string lines;
  for (const auto& p : c.problems) lines += p.message + "\n";
  const auto cli = gongwen::test::run_gongwen("check '" + kLayout.string() + "' data.json", dir);
  EXPECT_EQ(cli.status, 1);
  EXPECT_EQ(cli.output, lines + "gongwen check: 4 record(s), 2 problem(s)\n");
  // fonts: the characters the CLI calls uncovered are those of the report.
  const gongwen::FontReport f = r.fonts({dir / "data.json"});
  ASSERT_EQ(f.coverage.size(), 1u);
  EXPECT_FALSE(f.all_covered());
  size_t missing = 0;
  for (const auto& fam : f.coverage[0].families) missing += fam.missing.size();
  const auto fonts = gongwen::test::run_gongwen("fonts '" + kLayout.string() + "' '" + (dir / "data.json").string() + "'");
  EXPECT_EQ(fonts.status, 1);
  size_t cli_missing = 0;
  for (size_t p = fonts.output.find("not covered: "); p != std::string::npos; p = fonts.output.find("not covered: ", p + 1)) ++cli_missing;
  EXPECT_EQ(cli_missing, missing);
  EXPECT_GT(missing, 0u);
}

TEST(Api, BatchFailuresAndErrorsJsonCarryKindAndField) {
  const fs::path dir = fresh_dir("api-batch");
  json d = gongwen::test::example_records();
  d["records"][1]["budget_wan"] = "abc";
  std::ofstream(dir / "d.json") << d.dump();
  const gongwen::Renderer r(kLayout);
  gongwen::BatchOptions b;
  b.data = {dir / "d.json"};
  b.out_dir = dir / "out";
  b.split = true;
  b.keep_going = true;
  b.jobs = 2;
  size_t last_done = 0, last_total = 0, calls = 0;
  b.progress = [&](size_t done, size_t total) { last_done = done, last_total = total, ++calls; };
  const gongwen::BatchResult res = r.render_batch(b);
  ASSERT_EQ(res.failures.size(), 1u);
  EXPECT_EQ(res.failures[0].record, 2u);
  EXPECT_EQ(res.failures[0].field, "budget_wan");
  EXPECT_EQ(res.failures[0].kind, gongwen::ErrorKind::Data);
  EXPECT_EQ(last_done, 4u);
  EXPECT_EQ(last_total, 4u);
  EXPECT_GE(calls, 8u);
  const json errors = json::parse(gongwen::test::read_file(dir / "out/errors.json"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["kind"], "data");
  EXPECT_EQ(errors[0]["field"], "budget_wan");
  EXPECT_EQ(errors[0]["record"], 2);
}

TEST(CApi, RendersTheSameBytesAndReportsErrorsAsFields) {
  gongwen_error* err = nullptr;
  gongwen_options* o = gongwen_options_new();
  gongwen_options_set_threads(o, 1);
  gongwen_renderer* r = gongwen_renderer_new(kLayout.c_str(), o, &err);
  gongwen_options_free(o);
  ASSERT_NE(r, nullptr) << (err ? err->message : "");
  EXPECT_EQ(err, nullptr);
  json d = gongwen::test::example_records();
  const std::string text = d.dump();
  gongwen_buffer pdf{};
  ASSERT_EQ(gongwen_render_pdf(r, text.data(), text.size(), "data", &pdf, &err), GONGWEN_OK);
  EXPECT_EQ(std::string(pdf.data, pdf.size), gongwen::Renderer(kLayout).render_pdf(d));
  std::string streamed;
  auto write = [](void* user, const char* bytes, size_t n) {
    static_cast<std::string*>(user)->append(bytes, n);
    return 0;
  };
  ASSERT_EQ(gongwen_render_pdf_to(r, text.data(), text.size(), nullptr, write, &streamed, &err), GONGWEN_OK);
  EXPECT_EQ(streamed, std::string(pdf.data, pdf.size));
  gongwen_buffer_free(&pdf);
  EXPECT_EQ(pdf.data, nullptr);

  d["records"][2]["budget_wan"] = "abc";
  const std::string bad = d.dump();
  EXPECT_EQ(gongwen_render_pdf(r, bad.data(), bad.size(), "mem.json", &pdf, &err), GONGWEN_ERROR_DATA);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->record, 3u);
  EXPECT_STREQ(err->field, "budget_wan");
  EXPECT_STREQ(err->file, "mem.json");
  gongwen_error_free(err);

  gongwen_buffer report{};
  ASSERT_EQ(gongwen_check(r, bad.data(), bad.size(), "mem.json", &report, &err), GONGWEN_OK);
  const json j = json::parse(std::string(report.data, report.size));
  gongwen_buffer_free(&report);
  EXPECT_EQ(j["errors"], 1);
  EXPECT_EQ(j["problems"][0]["record"], 3);
  EXPECT_EQ(j["problems"][0]["field"], "budget_wan");
  EXPECT_EQ(j["problems"][0]["kind"], "data");

  EXPECT_EQ(gongwen_render_pdf(r, "[{", 2, "broken.json", &pdf, &err), GONGWEN_ERROR_DATA);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(err->message).find("broken.json"), std::string::npos);
  gongwen_error_free(err);
  gongwen_renderer_free(r);

  EXPECT_EQ(gongwen_renderer_new("/nonexistent/layout.toml", nullptr, &err), nullptr);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->kind, GONGWEN_ERROR_LAYOUT);
  gongwen_error_free(err);
  EXPECT_STREQ(gongwen_version(), gongwen::version());
}

TEST(Api, RenderGivesTheBytesOfTheCli) {
  const fs::path dir = fresh_dir("api-render-parity");
  const fs::path data = gongwen::test::source_dir() / "examples/2017-shanghai/records.json";
  const auto cli = gongwen::test::run_gongwen("render '" + kLayout.string() + "' '" + data.string() + "' -o '" +
                                              (dir / "out").string() + "' --format pdf,xlsx -q");
  ASSERT_EQ(cli.status, 0) << cli.output;
  const gongwen::Renderer r(kLayout);
  const json d = json::parse(gongwen::test::read_file(data));
  EXPECT_EQ(r.render_pdf(d, data.string()), gongwen::test::read_file(dir / "out/records.pdf"));
  r.render_xlsx(d, dir / "api.xlsx", data.string());
  EXPECT_EQ(gongwen::test::read_file(dir / "api.xlsx"), gongwen::test::read_file(dir / "out/records.xlsx"));
}
