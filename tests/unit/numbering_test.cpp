// numbered("1、") and items that already carry a number (text pasted from Word): recognised by
// kind and replaced, never doubled; inconsistent lists reported as notes for gongwen check.
#include "template/numbering.hpp"

#include <gtest/gtest.h>

#include "template/template.hpp"

namespace gongwen {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

Strings render(const std::string& tpl, const json& rec, std::vector<std::string>* notes = nullptr) {
  const json doc = json::object();
  return Template::parse(tpl).render(TemplateContext{&rec, &doc, 1, notes});
}

TEST(Numbering, RecognisesNumbersOfThePatternsKind) {
  EXPECT_EQ(leading_number("1、通过项目实施", "1、")->value, 1u);
  EXPECT_EQ(leading_number("16、加强管理", "1、")->value, 16u);
  EXPECT_EQ(leading_number("3. 加强管理", "1、")->length, std::string("3. ").size());
  EXPECT_EQ(leading_number("2．加强", "1.")->value, 2u);
  EXPECT_EQ(leading_number("（一）总体情况", "（一）")->value, 1u);
  EXPECT_EQ(leading_number("(十二)其他", "（一）")->value, 12u);
  EXPECT_EQ(leading_number("二十三、其他", "一、")->value, 23u);
  EXPECT_EQ(leading_number("(1)数量", "（1）")->value, 1u);
  EXPECT_EQ(leading_number("（2）、质量", "(1)")->value, 2u);
  // Not numbers of that kind, or not numbers at all.
  EXPECT_FALSE(leading_number("1.5万元已拨付", "1、"));
  EXPECT_FALSE(leading_number("2023年完成", "1、"));
  EXPECT_FALSE(leading_number("一是加强管理", "一、"));
  EXPECT_FALSE(leading_number("十分重要", "一、"));
  EXPECT_FALSE(leading_number("（一）总体", "1、"));
  EXPECT_FALSE(leading_number("1、总体", "（1）"));
  EXPECT_FALSE(leading_number("一、总体", "（一）"));
}

TEST(Numbering, NeverDoublesANumber) {
  const json rec = json::parse(R"({"p": ["1、通过项目实施，运行维护按计划开展。", "2、数据按季度更新。", "完成了丙"],
                                   "q": ["（一）总体", "（二）分项"], "one": ["1、只有一条"]})");
  EXPECT_EQ(render("{{p | numbered(\"1、\")}}", rec),
            (Strings{"1、通过项目实施，运行维护按计划开展。", "2、数据按季度更新。", "3、完成了丙"}));
  EXPECT_EQ(render("{{q | numbered(\"（一）\")}}", rec), (Strings{"（一）总体", "（二）分项"}));
  // A single item is left as it is (not numbered), with or without its own number.
  EXPECT_EQ(render("{{one | numbered(\"1、\")}}", rec), (Strings{"1、只有一条"}));
  EXPECT_EQ(render("{{one | numbered(\"1、\", always)}}", rec), (Strings{"1、只有一条"}));
  // Another kind stays text: "（一）" items under a "1、" pattern are numbered in front.
  EXPECT_EQ(render("{{q | numbered(\"1、\")}}", rec), (Strings{"1、（一）总体", "2、（二）分项"}));
}

TEST(Numbering, InconsistentListsAreNoted) {
  EXPECT_EQ(numbering_problem({"甲", "乙"}, "1、"), std::nullopt);
  EXPECT_EQ(numbering_problem({"1、甲", "2、乙"}, "1、"), std::nullopt);
  EXPECT_EQ(*numbering_problem({"1、甲", "乙", "3、丙"}, "1、"),
            "numbered inconsistently: items 1, 3 begin with a number, item 2 does not");
  EXPECT_EQ(*numbering_problem({"1、甲", "3、乙"}, "1、"),
            "numbered inconsistently: item 2 begins with the number 3 (it is printed as 2、)");
  std::vector<std::string> notes;
  const json rec = json::parse(R"({"p": ["1、甲", "1、乙"]})");
  EXPECT_EQ(render("{{p | numbered(\"1、\")}}", rec, &notes), (Strings{"1、甲", "2、乙"}));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "p: numbered inconsistently: item 2 begins with the number 1 (it is printed as 2、)");
}

}  // namespace
}  // namespace gongwen

namespace gongwen {
namespace {

TEST(ChooseFilter, PicksByTruth) {
  const json rec = json::parse(R"({"passed": true, "failed": false, "csv_yes": "true", "one": 1, "text": "是"})");
  EXPECT_EQ(render("{{passed | choose(\"合格\", \"不合格\")}}", rec), (Strings{"合格"}));
  EXPECT_EQ(render("{{failed | choose(\"合格\", \"不合格\")}}", rec), (Strings{"不合格"}));
  EXPECT_EQ(render("{{csv_yes | choose(\"☑\", \"☐\")}}同意", rec), (Strings{"☑同意"}));
  EXPECT_EQ(render("{{one | choose(\"■\", \"□\")}}", rec), (Strings{"■"}));
  try {
    render("{{text | choose(\"☑\", \"☐\")}}", rec);
    FAIL() << "a text is neither true nor false";
  } catch (const BindError& e) {
    EXPECT_EQ(e.field, "text");
    EXPECT_NE(std::string(e.what()).find("choose needs true or false"), std::string::npos) << e.what();
  }
  EXPECT_THROW(render("{{absent | choose(\"☑\", \"☐\")}}", rec), BindError);  // a condition on a missing field
}

}  // namespace
}  // namespace gongwen
