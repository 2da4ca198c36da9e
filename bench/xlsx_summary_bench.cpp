// Memory of the XLSX summary in constant-memory mode: a batch past [xlsx] max_record_sheets
// writes only the summary sheet, and the writer's memory must not grow with the record count.
//
// Each run forks a child that builds N synthetic records, resets the kernel's RSS high-water
// mark (/proc/self/clear_refs), writes the workbook, and reports the peak RSS *during writing*
// minus the RSS just before it. Counters (printed by Google Benchmark):
//   write_peak_MB   extra peak RSS while writing (the writer's own memory)
//   rss_before_MB   RSS before writing (fonts, layout, the N records' JSON)
//   file_MB         size of the workbook
// The writer's summary path reads only each record's data and index, so the bound records here
// are indices alone, as a streaming batch driver would hand them over.
//
//   ./build/bench/gongwen_bench --benchmark_filter=XlsxSummary
#include <benchmark/benchmark.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "flow/compose.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace {

using namespace gongwen;
namespace fs = std::filesystem;

constexpr const char* kXlsxSection = R"TOML(
[xlsx]
max_record_sheets = 100  # every run below streams

[xlsx.summary]
title = "{{document.title | join(\"\")}}"
style = "value"
header_style = "label"
columns = [
  { header = "序号", value = "{{index}}" },
  { header = "项目名称", value = "{{project_name}}" },
  { header = "预算金额（万元）", value = "{{budget_wan | decimals(2, 4)}}", total = true },
  { header = "评价分值", value = "{{score | fixed(2)}}分" },
  { header = "评价结论", value = "{{conclusion}}" },
]
)TOML";

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(key)) return std::stol(line.substr(std::string(key).size()));
  return -1;
}

fs::path layout_file(const fs::path& dir) {
  std::ifstream in(fs::path(GONGWEN_SOURCE_DIR) / "layouts" / "perf-eval-result.toml");
  std::string out, line;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.starts_with("[")) skipping = line.starts_with("[xlsx") || line.starts_with("[[xlsx");
    if (!skipping) out += line + "\n";
  }
  const fs::path p = dir / "layout.toml";
  std::ofstream(p) << out << kXlsxSection;
  return p;
}

struct Figures {
  long rss_before_kb = 0, write_peak_kb = 0, file_bytes = 0;
  double seconds = 0;
};

Figures child(size_t n, const fs::path& dir) {
  const FontBook fonts = FontBook::load(FontBook::default_map_path());
  const auto layout = load_layout(layout_file(dir), fonts);
  nlohmann::json document = {{"title", {"基准测试", "财政支出项目绩效评价结果"}}};
  nlohmann::json records = nlohmann::json::array();
  const char* grades[] = {"优秀", "良好", "中", "差"};
  for (size_t i = 0; i < n; ++i)
    records.push_back({{"project_name", "第" + std::to_string(i + 1) + "号数据采集与统计分析系统运维项目"},
                       {"budget_wan", 10 + static_cast<double>(i % 997) / 8.0},
                       {"score", 60 + static_cast<double>(i % 4000) / 100.0},
                       {"conclusion", grades[i % 4]}});
  DocumentInput in;
  in.document = &document;
  in.data_name = "bench";
  in.creation_time = 1530316800;
  BoundDocument doc = bind_head(*layout, in);
  doc.records.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // Only the summary values are written: the record's bound blocks are not kept.
    doc.records.push_back(bind_record(*layout, records[i], document, {"bench", i + 1}));
    std::vector<BoundBlock>().swap(doc.records.back().blocks);
  }
  records = nlohmann::json();
  Figures f;
  std::ofstream("/proc/self/clear_refs") << "5";  // reset VmHWM to the current RSS
  f.rss_before_kb = status_kb("VmRSS:");
  const auto t0 = std::chrono::steady_clock::now();
  const fs::path out = dir / "summary.xlsx";
  write_xlsx(*layout, doc, fonts, out);
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  f.write_peak_kb = status_kb("VmHWM:") - f.rss_before_kb;
  f.file_bytes = static_cast<long>(fs::file_size(out));
  fs::remove(out);
  return f;
}

void BM_XlsxSummaryRss(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const fs::path dir = fs::temp_directory_path() / ("gongwen-xlsx-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Figures f;
  for (auto _ : state) {
    int fd[2];
    if (pipe(fd) != 0) state.SkipWithError("pipe");
    const pid_t pid = fork();
    if (pid == 0) {
      close(fd[0]);
      Figures c;
      try {
        c = child(n, dir);
      } catch (const std::exception& e) {
        fprintf(stderr, "xlsx bench: %s\n", e.what());
        _exit(1);
      }
      (void)!write(fd[1], &c, sizeof c);
      _exit(0);
    }
    close(fd[1]);
    const bool got = read(fd[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) state.SkipWithError("child failed");
    state.SetIterationTime(f.seconds);
  }
  fs::remove_all(dir);
  state.counters["write_peak_MB"] = static_cast<double>(f.write_peak_kb) / 1024.0;
  state.counters["rss_before_MB"] = static_cast<double>(f.rss_before_kb) / 1024.0;
  state.counters["file_MB"] = static_cast<double>(f.file_bytes) / 1048576.0;
  state.counters["rows_per_s"] = static_cast<double>(n) / f.seconds;
}
BENCHMARK(BM_XlsxSummaryRss)->Arg(1000)->Arg(10000)->Arg(100000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
