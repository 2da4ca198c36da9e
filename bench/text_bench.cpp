// Text engine throughput: shape, break and justify the example's paragraphs at a 100 mm measure
// (283.46 pt) in 仿宋 14 pt, reported as characters (code points) per second on one core.
//
// Paragraphs come from examples/2017-shanghai/records.json (every string of ≥ 20 characters),
// else from examples/2017-shanghai/source.txt (blank-line separated paragraphs), else from the
// reference paragraphs embedded below.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/units.hpp"
#include "font/font_book.hpp"
#include "text/paragraph.hpp"

namespace {

using namespace gongwen;
namespace fs = std::filesystem;

const char* const kEmbedded[] = {
    "1、通过项目实施，运行维护工作按计划开展实施，每月定期对系统数据库服务器和分析系统应用服务器进行巡检，"
    "并形成了 12份巡检报告，有效保障系统服务器网络、硬盘及 CPU 使用率等长期处于正常水平，确保了上海市在外地"
    "投资企业工商注册数据采集与分析系统的正常运行。",
    "2、通过项目实施，每季度及时在国家工商总局数据中心汇总的海量投资数据中采集 1 次上海对外省市的对外投资数据，"
    "并更新至上海市在外地投资企业工商注册数据采集与分析系统，全年共计完成 4 次数据采集和更新工作，为市合作交流办"
    "及时掌握上海市对国内其他地区投资情况提供了数据来源，为上海市创新对口支援方式和开展合作交流提供了参考依据。",
    "2、通过项目实施，在整理上海市工商局、税务局和统计局相关共享数据的基础上，及时对相关数据进行更新与处理。"
    "截至 2017 年 12 月 31 日，各地在沪投资数据采集与统计分析系统共计汇总 1103017 家各地来沪企业数据信息，其中，"
    "2017年度新增 194174家各地来沪企业数据信息，为市合作交流办及时、全面掌握各地来沪投资及贡献情况提供了数据保障，"
    "为促进上海市与兄弟省市交流与合作提供了参考依据。",
    "1、通过项目的实施，提升了视频会议系统的稳定性，确保了视频会议的圆满完成，无断网、无视音频中断等现象发生。"
    "通过项目的实施，视频会议系统的稳定性得到提升，达到了相关技术规范要求，圆满的完成了 6 次视频系统会议，"
    "确保了相关信息的及时传达和相关工作的有序开展。",
    "2、通过项目的实施，促进了市合作交流办对驻外办事处的高效和便捷化管理。由于新疆、西藏、广州、昆明等驻外办事处"
    "与上海的距离较远，运维项目的实施能够有效消除时间和空间差异，在节省大量会议时间和运行成本的同时，提升了市合作"
    "交流办的办公效率，促进了市合作交流办对驻外办事处的高效和便捷化管理。",
    "2、通过项目实施，确保了平台的安全性和稳定性得到提升，及时解决了平台出现的相关故障，用户对平台的综合满意度达 "
    "89.13%，达到了 85%的预期目标。",
    "1、完善项目过程和验收管理制度，规范项目运维过程和验收管理工作；",
    "2017年上海市在外地投资企业工商注册数据采集与分析系统运维",
};

size_t count_code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> from_json(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_string()) {
      const auto& s = j.get_ref<const std::string&>();
      if (count_code_points(s) >= 20) out.push_back(s);
    } else if (j.is_structured()) {
      for (const auto& el : j) walk(el);
    }
  };
  if (!doc.is_discarded()) walk(doc);
  return out;
}

std::vector<std::string> from_text(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line, para;
  auto flush = [&] {
    if (count_code_points(para) >= 20) out.push_back(para);
    para.clear();
  };
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line.empty()) flush();
    else para += line;
  }
  flush();
  return out;
}

std::vector<std::string> paragraphs() {
  const fs::path dir = fs::path(GONGWEN_SOURCE_DIR) / "examples" / "2017-shanghai";
  std::vector<std::string> out;
  if (fs::exists(dir / "records.json")) out = from_json(dir / "records.json");
  if (out.empty() && fs::exists(dir / "source.txt")) out = from_text(dir / "source.txt");
  if (out.empty()) out.assign(std::begin(kEmbedded), std::end(kEmbedded));
  return out;
}

struct Setup {
  FontBook book = FontBook::load(FontBook::default_map_path());
  std::vector<std::string> paras = paragraphs();
  size_t chars = 0;
  ParagraphStyle style;
  Setup() {
    for (const auto& p : paras) chars += count_code_points(p);
    style.fonts = &book.chain("仿宋");
    style.size = 14;
    style.first_indent = 28;
  }
};

const Setup& setup() {
  static const Setup s;
  return s;
}

void BM_LayoutParagraphs(benchmark::State& state) {
  const Setup& s = setup();
  const double measure = mm_to_pt(100);  // 283.46 pt
  size_t lines = 0;
  for (auto _ : state) {
    for (const auto& text : s.paras) {
      ParagraphLayout p = layout_paragraph(text, s.style, measure);
      lines += p.lines.size();
      benchmark::DoNotOptimize(p.lines.data());
    }
  }
  state.counters["chars/s"] = benchmark::Counter(static_cast<double>(s.chars) * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.counters["paragraphs"] = static_cast<double>(s.paras.size());
  state.counters["lines/iter"] = static_cast<double>(lines) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LayoutParagraphs)->Unit(benchmark::kMicrosecond);

/// The stages alone, to see where the time goes.
void BM_ShapeOnly(benchmark::State& state) {
  const Setup& s = setup();
  for (auto _ : state)
    for (const auto& text : s.paras) benchmark::DoNotOptimize(shape_paragraph(text, *s.style.fonts, s.style.size));
  state.counters["chars/s"] = benchmark::Counter(static_cast<double>(s.chars) * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ShapeOnly)->Unit(benchmark::kMicrosecond);

void BM_BreaksOnly(benchmark::State& state) {
  const Setup& s = setup();
  std::vector<ShapedText> shaped;
  for (const auto& text : s.paras) shaped.push_back(shape_paragraph(text, *s.style.fonts, s.style.size));
  for (auto _ : state)
    for (const auto& t : shaped) benchmark::DoNotOptimize(find_breaks(t, s.style.breaks));
  state.counters["chars/s"] = benchmark::Counter(static_cast<double>(s.chars) * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BreaksOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
