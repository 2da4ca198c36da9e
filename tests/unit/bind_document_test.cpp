// One binding stage (#12 item 9): every block — paragraphs, tables, sign-offs and the official
// blocks alike — is bound into the BoundDocument before anything is measured; pagination and the
// workbook read only what was bound. Blocks whose `when` fails are absent, not placeholders; bad
// data in an official block fails at binding with its record and field; warnings carry the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "bind/bind_document.hpp"
#include "core/error.hpp"
#include "flow/compose.hpp"
#include "model/document.hpp"
#include "test_support.hpp"
#include "xlsx/record_plan.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gongwen {
namespace {

const char* const kLayout = R"(preset = "gbt9704"

[[record.blocks]]
type = "paragraph"
style = "title"
text = "{{title}}"

[[record.blocks]]
type = "paragraph"
when = "{{urgent}}"
text = "此件紧急。"

[[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]
  [[record.blocks.rows]]
  cells = ["项目", "{{name}}"]

[[record.blocks]]
type = "attachments"
items = "{{attachments}}"

[[record.blocks]]
type = "image"
when = "{{logo | default(\"\")}}"
file = "{{logo | default(\"\")}}"

[[record.blocks]]
type = "signature"
name = "{{issuer}}"
date = "{{date | date}}"
seal = "{{seal | default(\"\")}}"

[[record.blocks]]
type = "spacer"
lines = 1

[[record.blocks]]
type = "banji"
copy_to = "市审计局。"
printed_by = "{{issuer}}办公室"
printed_on = "{{date | date}}"

[[record.blocks]]
type = "paragraph"
text = "{{steps | numbered(\"1.\")}}"

[xlsx]
sheet_name = "{{name}}"

[xlsx.summary]
columns = [
  { header = "项目", value = "{{name}}" },
  { header = "金额（万元）", value = "{{amount | fixed(2)}}", total = true },
]
)";

std::shared_ptr<const Layout> layout() {
  static const auto l = [] {
    const fs::path dir = test::scratch_path("bind-document");
    fs::create_directories(dir);
    const fs::path path = dir / "layout.toml";
    std::ofstream(path) << kLayout;
    return load_layout(path, test::fonts());
  }();
  return l;
}

json record() {
  return {{"title", "关于开展项目绩效评价的通知"}, {"urgent", false}, {"name", "数据平台运维"},
          {"attachments", {"评价指标表", "", "自评报告"}}, {"issuer", "示例市财政局"}, {"date", "2024-03-28"},
          {"amount", 20.645}, {"steps", {"1.报送材料", "2.现场核查", "审核结论"}}};
}

BoundDocument bind_one(const json& rec, bool warnings = false) {
  static const json document = json::object();
  DocumentInput in;
  in.document = &document;
  in.records = {&rec};
  in.data_name = "data.json";
  in.warnings = warnings;
  return bind_document(*layout(), in);
}

std::string texts(const Document& doc) {
  std::string all;
  for (const Page& p : doc.pages)
    for (const Item& it : p.items)
      if (const auto* g = std::get_if<GlyphRun>(&it)) all += g->text + "|";
  return all;
}

TEST(BindDocument, EveryBlockIsBoundInOrderAndHiddenOnesAreAbsent) {
  const json rec = record();
  const BoundDocument b = bind_one(rec);
  ASSERT_EQ(b.records.size(), 1u);
  const auto& blocks = b.records[0].blocks;
  // title, table, attachments, signature, spacer, banji, steps — the urgent paragraph and the
  // image without a logo left out.
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_TRUE(std::holds_alternative<BoundParagraphs>(blocks[0]));
  EXPECT_TRUE(std::holds_alternative<BoundTable>(blocks[1]));
  const auto* att = std::get_if<BoundAttachments>(&blocks[2]);
  ASSERT_NE(att, nullptr);
  EXPECT_EQ(att->items, (std::vector<std::string>{"评价指标表", "自评报告"}));  // empty item dropped
  const auto* sig = std::get_if<BoundSignature>(&blocks[3]);
  ASSERT_NE(sig, nullptr);
  EXPECT_EQ(sig->name, "示例市财政局");
  EXPECT_EQ(sig->date, "2024年3月28日");
  EXPECT_EQ(sig->seal, nullptr);  // the seal path rendered empty: no seal
  const auto* sp = std::get_if<BoundSpacer>(&blocks[4]);
  ASSERT_NE(sp, nullptr);
  EXPECT_EQ(sp->lines, 1);
  const auto* bj = std::get_if<BoundBanji>(&blocks[5]);
  ASSERT_NE(bj, nullptr);
  EXPECT_EQ(bj->printed_by, "示例市财政局办公室");
  EXPECT_EQ(bj->printed_on, "2024年3月28日");
  // The workbook's values are bound with the record too.
  EXPECT_EQ(b.records[0].sheet_name, "数据平台运维");
  ASSERT_EQ(b.records[0].summary.size(), 2u);
  EXPECT_EQ(b.records[0].summary[1].text, "20.65");
  ASSERT_TRUE(b.records[0].summary[1].numeric.has_value());
  EXPECT_DOUBLE_EQ(b.records[0].summary[1].numeric->value, 20.65);
}

TEST(BindDocument, ConditionalBlocksAppearWhenTheyHold) {
  json rec = record();
  rec["urgent"] = true;
  const BoundDocument b = bind_one(rec);
  ASSERT_EQ(b.records[0].blocks.size(), 8u);
  const auto* p = std::get_if<BoundParagraphs>(&b.records[0].blocks[1]);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->texts, (std::vector<std::string>{"此件紧急。"}));
}

TEST(BindDocument, PagesAndSheetsShowOnlyWhatWasBound) {
  const json rec = record();
  BoundDocument b = bind_one(rec);
  // Changed after binding: pagination and the sheet plan must show the change, since neither
  // goes back to the record data.
  auto& sig = std::get<BoundSignature>(b.records[0].blocks[3]);
  sig.name = "改后的署名单位";
  std::get<BoundBanji>(b.records[0].blocks[5]).printed_by = "改后的印发机关";
  const std::string pdf_text = texts(paginate(*layout(), b));
  EXPECT_NE(pdf_text.find("改后的署名单位"), std::string::npos) << pdf_text;
  EXPECT_NE(pdf_text.find("改后的印发机关"), std::string::npos);
  EXPECT_EQ(pdf_text.find("示例市财政局|"), std::string::npos);
  const xlsx::SheetPlan plan = xlsx::plan_record_sheet(*layout(), b.records[0], test::fonts(), "data.json");
  bool signature = false, banji = false;
  for (const auto& c : plan.cells) {
    signature = signature || c.text.find("改后的署名单位") != std::string::npos;
    banji = banji || c.text.find("改后的印发机关") != std::string::npos;
    EXPECT_EQ(c.text.find("示例市财政局办公室"), std::string::npos);
  }
  EXPECT_TRUE(signature);
  EXPECT_TRUE(banji);
}

TEST(BindDocument, AnOfficialBlockFailsAtBindingWithRecordAndField) {
  json rec = record();
  rec["seal"] = "no-such-seal.png";
  try {
    bind_one(rec);
    FAIL() << "a missing seal must fail at binding";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Data);
    EXPECT_EQ(e.record(), 1u);
    EXPECT_EQ(e.field(), "seal");
    EXPECT_NE(std::string(e.what()).find("no-such-seal.png"), std::string::npos) << e.what();
  }
  json bad = record();
  bad["issuer"] = "示例市财政局ก";  // Thai: no shipped face covers it
  try {
    bind_one(bad);
    FAIL() << "an uncovered character in the 署名 must fail at binding";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Data);
    EXPECT_EQ(e.field(), "issuer");
    EXPECT_NE(std::string(e.what()).find("U+0E01"), std::string::npos) << e.what();
  }
}

TEST(BindDocument, WarningsNameTheRecordAndField) {
  const json rec = record();
  const BoundDocument quiet = bind_one(rec);
  EXPECT_TRUE(quiet.records[0].warnings.empty());  // collected only when asked for
  const BoundDocument b = bind_one(rec, true);
  ASSERT_EQ(b.records[0].warnings.size(), 1u);
  const Located& w = b.records[0].warnings[0];
  EXPECT_EQ(w.where.record, 1u);
  EXPECT_EQ(w.where.field, "steps");
  EXPECT_NE(w.text.find("numbered inconsistently"), std::string::npos) << w.text;
}

}  // namespace
}  // namespace gongwen
