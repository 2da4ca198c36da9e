#include <gtest/gtest.h>

#include "test_support.hpp"
#include "text/paragraph.hpp"

using namespace gongwen;

TEST(TextSmoke, LaysOutReferenceParagraph) {
  ParagraphStyle st;
  st.fonts = &test::fonts().chain("仿宋");
  st.size = 14;
  st.first_indent = 28;
  auto p = layout_paragraph("通过项目实施，运行维护工作按计划开展实施，每月定期对系统数据库服务器和分析系统应用服务器进行巡检，并形成了 12份巡检报告，有效保障系统服务器网络、硬盘及 CPU 使用率等长期处于正常水平。", st, 300);
  for (size_t i = 0; i < p.lines.size(); ++i) std::printf("[%s] %.3f..%.3f\n", p.line_text(i).c_str(), p.lines[i].left, p.lines[i].right);
  EXPECT_GT(p.lines.size(), 2u);
}
