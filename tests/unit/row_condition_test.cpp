// Rows with `when`: shown only when the condition renders to something other than "", "false"
// or "0" — on fixed rows and on rows generated from a list; a missing field is a data error with
// record and field; a spanning cell cannot start in such a row.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "flow/compose.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gongwen {
namespace {

const char* const kLayout = R"([[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]

  [[record.blocks.rows]]
  cells = ["项目", "{{name}}"]

  [[record.blocks.rows]]
  when = "{{sealed}}"
  cells = ["盖章", "已加盖公章"]

  [[record.blocks.rows]]
  for_each = "{{items}}"
  when = "{{item.note}}"
  cells = ["{{item.name}}", "{{item.note}}"]
)";

std::shared_ptr<const Layout> load(const std::string& text, const std::string& name) {
  const fs::path dir = test::scratch_path(name);
  fs::create_directories(dir);
  const fs::path path = dir / "layout.toml";
  std::ofstream(path) << text;
  return load_layout(path, test::fonts());
}

/// Every run's text of the laid-out record, in order.
std::string texts(const Layout& layout, const json& rec) {
  DocumentInput in;
  const json doc = json::object();
  in.document = &doc;
  in.data_name = "data.json";
  in.records = {&rec};
  std::string all;
  for (const Page& p : compose(layout, in).pages)
    for (const Item& it : p.items)
      if (const auto* g = std::get_if<GlyphRun>(&it)) all += g->text + "|";
  return all;
}

TEST(RowCondition, FixedAndGeneratedRowsFollowTheirCondition) {
  const auto layout = load(kLayout, "when-ok");
  const json yes = json::parse(R"({"name": "甲", "sealed": true,
      "items": [{"name": "指标一", "note": "偏差较大"}, {"name": "指标二", "note": ""}, {"name": "指标三", "note": "0"}]})");
  const std::string a = texts(*layout, yes);
  EXPECT_NE(a.find("已加盖公章"), std::string::npos) << a;
  EXPECT_NE(a.find("指标一"), std::string::npos) << a;
  EXPECT_EQ(a.find("指标二"), std::string::npos) << a;  // empty note: left out
  EXPECT_EQ(a.find("指标三"), std::string::npos) << a;  // "0": left out
  const json no = json::parse(R"({"name": "乙", "sealed": false, "items": []})");
  const std::string b = texts(*layout, no);
  EXPECT_NE(b.find("乙"), std::string::npos) << b;
  EXPECT_EQ(b.find("已加盖公章"), std::string::npos) << b;
}

TEST(RowCondition, MissingFieldIsADataErrorWithRecordAndField) {
  const auto layout = load(kLayout, "when-missing");
  const json rec = json::parse(R"({"name": "甲", "items": []})");
  try {
    texts(*layout, rec);
    FAIL() << "a condition on a missing field must fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Data);
    EXPECT_NE(std::string(e.what()).find("data.json: record 1: sealed:"), std::string::npos) << e.what();
  }
}

TEST(RowCondition, SpanCannotStartInAConditionalRow) {
  const std::string text = R"([[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]

  [[record.blocks.rows]]
  when = "{{x}}"
  cells = [{ text = "标签", rowspan = 2 }, "{{a}}"]

  [[record.blocks.rows]]
  cells = ["{{b}}"]
)";
  try {
    load(text, "when-span");
    FAIL() << "a span starting in a conditional row must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Layout);
    EXPECT_NE(std::string(e.what()).find("layout.toml:7:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("may be left out"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gongwen
