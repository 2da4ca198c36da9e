// Text templates: parsing (with error offsets), paths, filters and chains, list paragraphs,
// typed numbers for spreadsheets, and binding errors that name the field.
#include "template/template.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gongwen {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

const json kRecord = json::parse(R"({
  "project_name": "  援外项目  ",
  "budget_yuan": 206450,
  "budget_wan": 20.645,
  "budget_text": "20.645",
  "grouped_text": "1,234,567.5",
  "score": 88.47,
  "rate": 0.8913,
  "count": 12,
  "signed": "2018-07-01",
  "signed_int": 20180701,
  "bad_date": "2018-02-30",
  "nothing": null,
  "blank": "",
  "none": [],
  "flag": true,
  "code": "ab-1",
  "performance": ["完成了甲", "完成了乙", "完成了丙"],
  "problems": ["只有一条"],
  "org": {"unit": {"name": "某某局"}, "1.2": "dotted"},
  "indicators": [{"name": "数量指标", "value": 3}],
  "nested": [["a"]]
})");
const json kDocument = json::parse(R"({"title": "绩效评价结果", "year": 2018})");

Strings render(std::string_view src, const json& record = kRecord, size_t index = 3) {
  return Template::parse(src).render(TemplateContext{&record, &kDocument, index});
}
std::string one(std::string_view src, const json& record = kRecord) {
  const Strings r = render(src, record);
  EXPECT_EQ(r.size(), 1u) << src;
  return r.empty() ? "" : r[0];
}

/// The parse error's offset and message.
std::pair<size_t, std::string> parse_error(std::string_view src) {
  try {
    Template::parse(src);
  } catch (const TemplateParseError& e) {
    return {e.offset, e.what()};
  }
  ADD_FAILURE() << "no parse error for " << src;
  return {0, ""};
}

/// The binding error's field and message.
std::pair<std::string, std::string> bind_error(std::string_view src, const json& record = kRecord) {
  try {
    render(src, record);
  } catch (const BindError& e) {
    return {e.field, e.what()};
  }
  ADD_FAILURE() << "no binding error for " << src;
  return {"", ""};
}

TEST(TemplateParse, LiteralsAndFields) {
  const Template t = Template::parse("项目：{{ project_name }}，{{score|fixed(2)}}分");
  EXPECT_FALSE(t.is_static());
  EXPECT_EQ(t.fields(), (Strings{"project_name", "score"}));
  EXPECT_EQ(t.source(), "项目：{{ project_name }}，{{score|fixed(2)}}分");
  EXPECT_TRUE(Template::parse("绩效评价结果信息表").is_static());
  EXPECT_TRUE(Template::parse("").is_static());
  EXPECT_EQ(one("绩效评价结果信息表"), "绩效评价结果信息表");
  EXPECT_EQ(one(""), "");
}

TEST(TemplateParse, EscapedBraces) {
  EXPECT_EQ(one("\\{{score}} = {{score}}"), "{{score}} = 88.47");
  EXPECT_TRUE(Template::parse("a \\{{b}}").is_static());
  EXPECT_EQ(one("a }} b"), "a }} b");
}

TEST(TemplateParse, QuotedArgumentsMayHoldSeparators) {
  EXPECT_EQ(one("{{nothing | default(\"a | b }} c\")}}"), "a | b }} c");
  EXPECT_EQ(one("{{nothing | default('it\\'s')}}"), "it's");
  EXPECT_EQ(one("{{performance | join(\", \")}}"), "完成了甲, 完成了乙, 完成了丙");
}

TEST(TemplateParse, ErrorsCarryOffsets) {
  using P = std::pair<size_t, std::string>;
  EXPECT_EQ(parse_error("项目 {{project_name"), (P{7, "unclosed '{{' (missing '}}')"}));
  EXPECT_EQ(parse_error("ab{{}}"), (P{2, "empty expression '{{}}': name a field, e.g. {{project_name}}"}));
  EXPECT_EQ(parse_error("{{ | fixed(2)}}"), (P{0, "missing field before '|'"}));
  EXPECT_EQ(parse_error("预算 {{budget_wan | money}}"),
            (P{22, "unknown filter 'money' (known: fixed, decimals, group, percent, wan, daxie, date, default, upper, "
                   "trim, join, numbered, count, choose, equals, checkbox)"}));
  EXPECT_EQ(parse_error("{{a |}}"), (P{4, "empty filter after '|'"}));
  EXPECT_EQ(parse_error("{{a | fixed}}"), (P{6, "filter fixed takes 1 argument(s), got 0"}));
  EXPECT_EQ(parse_error("{{a | decimals(2)}}"), (P{6, "filter decimals takes 2 argument(s), got 1"}));
  EXPECT_EQ(parse_error("{{a | group(3)}}"), (P{6, "filter group takes 0 argument(s), got 1"}));
  EXPECT_EQ(parse_error("{{a | fixed(x)}}"), (P{12, "filter fixed: expected a number of decimals (0-20), got 'x'"}));
  EXPECT_EQ(parse_error("{{a | fixed(-1)}}"), (P{12, "filter fixed: expected a number of decimals (0-20), got '-1'"}));
  EXPECT_EQ(parse_error("{{a | percent(99)}}"), (P{14, "filter percent: expected a number of decimals (0-20), got '99'"}));
  EXPECT_EQ(parse_error("{{a | decimals(4, 2)}}"), (P{15, "filter decimals: min (4) is greater than max (2)"}));
  EXPECT_EQ(parse_error("{{a | fixed(2}}"), (P{11, "filter fixed: missing ')'"}));
  EXPECT_EQ(parse_error("{{a | fixed(2) x}}"), (P{15, "filter fixed: unexpected 'x'"}));
  EXPECT_EQ(parse_error("{{a | decimals(2 3)}}"), (P{17, "filter decimals: expected ',' or ')' after an argument"}));
  EXPECT_EQ(parse_error("{{a | decimals(2,)}}"), (P{17, "filter decimals: empty argument"}));
  EXPECT_EQ(parse_error("{{a | default(\"x)}}"), (P{14, "unterminated string in '{{ ... }}'"}));
  EXPECT_EQ(parse_error("{{a | daxie(cny)}}"), (P{12, "filter daxie: the only option is 'rmb', got 'cny'"}));
  EXPECT_EQ(parse_error("{{a | date(iso)}}"), (P{11, "filter date: the options are 'cn' (二〇一八年七月一日) and 'ym' (2018.07), got 'iso'"}));
  EXPECT_EQ(parse_error("{{a | numbered(\"、\")}}"),
            (P{15, "filter numbered: the pattern needs a 1 (or 一) where the number goes, got '、'"}));
  EXPECT_EQ(parse_error("{{a | numbered(\"1、\", never)}}"), (P{23, "filter numbered: the only option is 'always', got 'never'"}));
  EXPECT_EQ(parse_error("{{a | default}}"), (P{6, "filter default takes 1 argument(s), got 0"}));
  EXPECT_EQ(parse_error("{{a b}}"), (P{2, "bad field path 'a b'"}));
  EXPECT_EQ(parse_error("{{ a..b }}"), (P{3, "bad field path 'a..b'"}));
  EXPECT_EQ(parse_error("{{a.}}"), (P{2, "bad field path 'a.'"}));
  EXPECT_EQ(parse_error("{{fixed(2)}}"), (P{2, "'fixed(2)' is a filter: filters follow the field, as in {{field | fixed(2)}}"}));
  EXPECT_EQ(parse_error("ok {{a}} then {{b"), (P{14, "unclosed '{{' (missing '}}')"}));
}

TEST(TemplateRender, PathsIndexAndDocument) {
  EXPECT_EQ(one("{{org.unit.name}}"), "某某局");
  EXPECT_EQ(one("{{org.1.2}}"), "dotted");  // a key with a dot in it
  EXPECT_EQ(one("{{performance.1}}"), "完成了乙");
  EXPECT_EQ(one("{{indicators.0.name}}：{{indicators.0.value}}"), "数量指标：3");
  EXPECT_EQ(one("表{{index}}"), "表3");
  EXPECT_EQ(one("{{document.title}}（{{document.year}}）"), "绩效评价结果（2018）");
  const json row = {{"item", {{"name", "甲"}}}, {"n", 2}};
  EXPECT_EQ(one("{{n}}. {{item.name}}", row), "2. 甲");
}

TEST(TemplateRender, PlainValues) {
  EXPECT_EQ(one("{{budget_wan}}万元"), "20.645万元");
  EXPECT_EQ(one("{{score}}分"), "88.47分");
  EXPECT_EQ(one("{{count}}"), "12");
  EXPECT_EQ(one("{{budget_yuan}}"), "206450");
  EXPECT_EQ(one("[{{nothing}}]"), "[]");
  EXPECT_EQ(one("{{flag}}"), "是");
  EXPECT_EQ(one("{{performance}}。"), "完成了甲、完成了乙、完成了丙。");  // a list inside text
}

TEST(TemplateRender, ListExpressionGivesOneParagraphPerItem) {
  EXPECT_EQ(render("{{performance}}"), (Strings{"完成了甲", "完成了乙", "完成了丙"}));
  EXPECT_EQ(render("{{none}}"), Strings{});
  EXPECT_EQ(render("{{none | default(\"无\")}}"), Strings{"无"});
}

TEST(TemplateRender, NumberFilters) {
  EXPECT_EQ(one("{{budget_wan | fixed(2)}}"), "20.65");
  EXPECT_EQ(one("{{budget_wan | decimals(2, 4)}}"), "20.645");
  EXPECT_EQ(one("{{count | decimals(2,4)}}"), "12.00");
  EXPECT_EQ(one("{{budget_text | fixed(2)}}"), "20.65");  // CSV text holding a number
  EXPECT_EQ(one("{{grouped_text | fixed(2)}}"), "1234567.50");
  EXPECT_EQ(one("{{budget_yuan | group}}"), "206,450");
  EXPECT_EQ(one("{{grouped_text | fixed(2) | group}}"), "1,234,567.50");
  EXPECT_EQ(one("{{rate | percent(2)}}"), "89.13%");
  EXPECT_EQ(one("{{rate | percent}}"), "89.13%");
  EXPECT_EQ(one("{{rate | percent(0)}}"), "89%");
  EXPECT_EQ(one("{{budget_yuan | wan}}万元"), "20.645万元");
  EXPECT_EQ(one("{{budget_yuan | wan | fixed(2)}}"), "20.65");
  EXPECT_EQ(one("{{budget_yuan | daxie}}"), "贰拾万陆仟肆佰伍拾元整");
  EXPECT_EQ(one("{{budget_yuan | daxie(rmb)}}"), "人民币贰拾万陆仟肆佰伍拾元整");
  const json amount = {{"a", "16409.02"}};
  EXPECT_EQ(one("{{a | daxie}}", amount), "壹万陆仟肆佰零玖元零贰分");
  EXPECT_EQ(one("{{performance | count}}项"), "3项");
  EXPECT_EQ(one("{{none | count}}"), "0");
  EXPECT_EQ(one("{{nothing | count}}"), "0");
}

TEST(TemplateRender, TextAndDateFilters) {
  EXPECT_EQ(one("[{{project_name | trim}}]"), "[援外项目]");
  EXPECT_EQ(one("{{code | upper}}"), "AB-1");
  const json spaced = {{"t", "\u3000 正文\u3000"}};
  EXPECT_EQ(one("[{{t | trim}}]", spaced), "[正文]");
  EXPECT_EQ(one("{{signed | date}}"), "2018年7月1日");
  EXPECT_EQ(one("{{signed | date(cn)}}"), "二〇一八年七月一日");
  EXPECT_EQ(one("{{signed_int | date}}"), "2018年7月1日");
  EXPECT_EQ(one("{{performance | join}}"), "完成了甲、完成了乙、完成了丙");
  EXPECT_EQ(one("{{performance | join(\"；\")}}"), "完成了甲；完成了乙；完成了丙");
}

TEST(TemplateRender, Numbered) {
  EXPECT_EQ(render("{{performance | numbered(\"1、\")}}"), (Strings{"1、完成了甲", "2、完成了乙", "3、完成了丙"}));
  EXPECT_EQ(render("{{performance | numbered}}"), (Strings{"1、完成了甲", "2、完成了乙", "3、完成了丙"}));
  EXPECT_EQ(render("{{performance | numbered('（1）')}}"), (Strings{"（1）完成了甲", "（2）完成了乙", "（3）完成了丙"}));
  EXPECT_EQ(render("{{performance | numbered(\"（一）\")}}"), (Strings{"（一）完成了甲", "（二）完成了乙", "（三）完成了丙"}));
  EXPECT_EQ(render("{{problems | numbered(\"1、\")}}"), Strings{"只有一条"});  // one item: no number
  EXPECT_EQ(render("{{problems | numbered(\"1、\", always)}}"), Strings{"1、只有一条"});
  EXPECT_EQ(render("{{problems | numbered(always)}}"), Strings{"1、只有一条"});
  EXPECT_EQ(one("{{performance | numbered | join(\"；\")}}"), "1、完成了甲；2、完成了乙；3、完成了丙");
  const json twelve = {{"l", json::array({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})}};
  EXPECT_EQ(render("{{l | numbered(\"一、\")}}", twelve).back(), "十二、l");
  EXPECT_EQ(render("{{l | numbered(\"1.\")}}", twelve).back(), "12.l");
}

TEST(TemplateRender, DefaultAndBlankValues) {
  EXPECT_EQ(one("{{missing_field | default(\"无\")}}"), "无");
  EXPECT_EQ(one("{{nothing | default(\"无\")}}"), "无");
  EXPECT_EQ(one("{{blank | default(\"无\")}}"), "无");
  EXPECT_EQ(one("{{score | default(\"无\")}}"), "88.47");
  EXPECT_EQ(one("{{missing_field | fixed(2) | default(\"—\")}}"), "—");  // filters before default skipped
  EXPECT_EQ(one("{{missing_field | default(0) | fixed(2)}}"), "0.00");
  EXPECT_EQ(one("{{document.missing | default(\"x\")}}"), "x");
  EXPECT_EQ(one("[{{nothing | fixed(2)}}]"), "[]");  // null (CSV empty cell) stays empty
  EXPECT_EQ(one("[{{blank | daxie}}]"), "[]");
  EXPECT_EQ(one("[{{nothing | date}}]"), "[]");
}

TEST(TemplateBind, ErrorsNameTheField) {
  using E = std::pair<std::string, std::string>;
  EXPECT_EQ(bind_error("{{missing_field}}"), (E{"missing_field", "missing field"}));
  EXPECT_EQ(bind_error("{{org.unit.missing}}"), (E{"org.unit.missing", "missing field"}));
  EXPECT_EQ(bind_error("{{performance.9}}"), (E{"performance.9", "missing field"}));
  EXPECT_EQ(bind_error("{{missing_field | fixed(2)}}"), (E{"missing_field", "missing field"}));
  EXPECT_EQ(bind_error("{{project_name | fixed(2)}}"), (E{"project_name", "expected a number, got string \"  援外项目  \""}));
  const json text = {{"budget_wan", "二十万"}};
  EXPECT_EQ(bind_error("{{budget_wan | decimals(2,4)}}", text), (E{"budget_wan", "expected a number, got string \"二十万\""}));
  EXPECT_EQ(bind_error("{{performance | fixed(2)}}"),
            (E{"performance", "expected a number, got list [\"完成了甲\",\"完成了乙\",\"完..."}));
  EXPECT_EQ(bind_error("{{org}}"), (E{"org", "expected a text or number, got object {\"1.2\":\"dotted\",\"unit\":{\"name\":\"某..."}));
  EXPECT_EQ(bind_error("{{nested}}"), (E{"nested[0]", "expected a text or number, got list [\"a\"]"}));
  EXPECT_EQ(bind_error("{{indicators | join}}"), (E{"indicators[0]", "expected a text or number, got object {\"name\":\"数量指标\",\"value\":3}"}));
  EXPECT_EQ(bind_error("{{count | numbered}}"), (E{"count", "numbered needs a list, got number 12"}));
  EXPECT_EQ(bind_error("{{code | join}}"), (E{"code", "join needs a list, got string \"ab-1\""}));
  EXPECT_EQ(bind_error("{{code | count}}"), (E{"code", "count needs a list, got string \"ab-1\""}));
  EXPECT_EQ(bind_error("{{bad_date | date}}"), (E{"bad_date", "not a valid date: \"2018-02-30\""}));
  EXPECT_EQ(bind_error("{{code | date}}"), (E{"code", "not a date: \"ab-1\" (expected e.g. 2018-07-01)"}));
  EXPECT_EQ(bind_error("{{score | date}}"), (E{"score", "expected a date such as \"2018-07-01\", got number 88.47"}));
  const json fine = {{"a", 0.125}};
  EXPECT_EQ(bind_error("{{a | daxie}}", fine).second.find("大写金额 takes at most two decimals"), 0u);
  EXPECT_EQ(one("{{a | fixed(2) | daxie}}", fine), "壹角叁分");
  try {
    render("{{project_name | percent}}");
  } catch (const BindError& e) {
    EXPECT_EQ(e.message(), "field 'project_name': expected a number, got string \"  援外项目  \"");
  }
}

TEST(TemplateNumeric, TypedCellsForSpreadsheets) {
  const TemplateContext ctx{&kRecord, &kDocument, 3};
  auto n = Template::parse("{{budget_wan | decimals(2, 4)}}万元").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 20.645);
  EXPECT_EQ(n->decimals, 3);
  EXPECT_EQ(n->suffix, "万元");
  EXPECT_EQ(n->excel_format(), "0.000\"万元\"");

  n = Template::parse("{{budget_wan | fixed(2)}}").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 20.65);  // the displayed value, so sums match the page
  EXPECT_EQ(n->excel_format(), "0.00");

  n = Template::parse("{{rate | percent(1)}}").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 0.891);
  EXPECT_TRUE(n->percent);
  EXPECT_EQ(n->excel_format(), "0.0%");

  n = Template::parse("约{{budget_yuan | fixed(2) | group}}元").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 206450);
  EXPECT_EQ(n->prefix, "约");
  EXPECT_EQ(n->excel_format(), "\"约\"#,##0.00\"元\"");

  n = Template::parse("{{budget_yuan | wan}}").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 20.645);
  EXPECT_EQ(n->decimals, 3);

  n = Template::parse("{{score}}").numeric(ctx);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->decimals, 2);
  ASSERT_TRUE(Template::parse("{{index}}").numeric(ctx));
  EXPECT_DOUBLE_EQ(Template::parse("{{index}}").numeric(ctx)->value, 3);

  // Text is not a typed number: plain CSV strings, 大写, dates, two expressions, static text.
  EXPECT_FALSE(Template::parse("{{budget_text}}").numeric(ctx));
  EXPECT_FALSE(Template::parse("{{budget_yuan | daxie}}").numeric(ctx));
  EXPECT_FALSE(Template::parse("{{signed | date}}").numeric(ctx));
  EXPECT_FALSE(Template::parse("{{score}}/{{count}}").numeric(ctx));
  EXPECT_FALSE(Template::parse("评价").numeric(ctx));
  EXPECT_FALSE(Template::parse("{{missing_field | fixed(2) | default(\"—\")}}").numeric(ctx));
  EXPECT_THROW(Template::parse("{{missing_field}}").numeric(ctx), BindError);

  NumericCell q;
  q.suffix = "a\"b";
  EXPECT_EQ(q.excel_format(), "0\"a\"\\\"\"b\"");
}

TEST(TemplateResolved, FillsTheDocumentAndKeepsThePageNumbers) {
  const Template t = Template::parse("{{document.unit | trim}}　第 {{page}} 页 共 {{pages | default(\"?\")}} 页");
  const json doc = {{"unit", " 示例市财政局 "}};
  const json none = json::object();
  const Template bound = t.resolved(TemplateContext{&none, &doc, 0},
                                    [](const std::string& p) { return p == "page" || p == "pages"; });
  EXPECT_EQ(bound.fields(), (Strings{"page", "pages"}));
  const json page = {{"page", 3}, {"pages", 12}};
  EXPECT_EQ(bound.render(TemplateContext{&page, &none, 3}), Strings{"示例市财政局　第 3 页 共 12 页"});
  // A missing document field fails when resolving, naming it.
  try {
    t.resolved(TemplateContext{&none, &none, 0}, [](const std::string& p) { return p == "page" || p == "pages"; });
    FAIL() << "document.unit is missing";
  } catch (const BindError& e) {
    EXPECT_EQ(e.field, "document.unit");
  }
}

}  // namespace
}  // namespace gongwen

// Fuzz finding (template target): a filter error describing a value that holds bytes which are
// not UTF-8 (here a default argument of a template given as raw bytes) threw the JSON library's
// type_error out of the binder. The value is described with U+FFFD instead: a BindError.
TEST(TemplateRender, ValueWithInvalidUtf8IsDescribedNotThrownByTheJsonLibrary) {
  const auto [field, message] = gongwen::bind_error("{{missing_field | default('\xE2\x80L') | fixed(2)}}");
  EXPECT_EQ(field, "missing_field");
  EXPECT_NE(message.find("\xEF\xBF\xBD"), std::string::npos) << message;  // U+FFFD
}
