// examples/2017-shanghai/records.json must be the reference document (source.txt, a PDF-to-text
// extraction) as data, and nothing else. This test rebuilds the paragraphs from source.txt on its
// own and compares them with records.json, both ways:
//   - every paragraph of the reference is in records.json exactly once, in its record and field,
//     at its position;
//   - every string in records.json is a piece of the reference (nothing invented or reworded);
//   - budget and score are the numbers printed in the reference.
//
// source.txt: a two-line title, then four tables "绩效评价结果信息表 N". Each table has the labels
// 项目名称 / 预算金额 / 评价分值 / 评价结论 (text on the label's line) and the list fields
// 主要绩效 / 存在问题 / 整改建议 / 整改情况, whose items start with "1、", "2、"... or, when a field
// holds one unnumbered paragraph, follow the label on its line. Paragraphs are broken into line
// fragments with blank lines between them; whitespace at a fragment's ends is a line-end artefact
// and is dropped, spaces inside a fragment ("形成了 12份", "CPU 使用率") are the text's own.
// In records.json list items carry no "N、" prefix (the layout numbers them).
//
// The ExampleRecordsChecker tests damage a copy of records.json in memory and make sure each
// check notices, so the checks cannot silently pass.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kExampleDir = fs::path(GONGWEN_SOURCE_DIR) / "examples" / "2017-shanghai";

constexpr std::string_view kTableLabel = "绩效评价结果信息表";
constexpr std::string_view kNumberMark = "、";

// The list fields, in the order the reference prints them.
const std::array<std::pair<std::string_view, std::string_view>, 4> kListFields = {{
    {"主要绩效", "performance"},
    {"存在问题", "problems"},
    {"整改建议", "suggestions"},
    {"整改情况", "rectification"},
}};

const std::set<std::string> kRecordKeys = {"project_name", "budget_wan",  "score",         "conclusion",
                                           "performance",  "problems",    "suggestions",   "rectification"};

struct RefRecord {
  int number = 0;
  std::string project_name;
  std::string budget_text;  // as printed, e.g. "20.645"
  double budget_wan = 0;
  std::string score_text;
  double score = 0;
  std::string conclusion;
  std::map<std::string, std::vector<std::string>> lists;  // json key -> paragraphs
};

struct Reference {
  std::vector<std::string> title;
  std::vector<RefRecord> records;
  std::string compact;  // the whole source with all whitespace removed
};

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + p.string());
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string without_whitespace(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!is_space(c)) out += c;
  return out;
}

double parse_number(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) throw std::runtime_error("not a number: " + text);
  return v;
}

// "N、rest" -> {N, rest}; anything else -> nullopt.
std::optional<std::pair<int, std::string>> split_number_prefix(std::string_view s) {
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || s.substr(digits, kNumberMark.size()) != kNumberMark) return std::nullopt;
  return std::pair{std::stoi(std::string(s.substr(0, digits))),
                   std::string(s.substr(digits + kNumberMark.size()))};
}

// If `fragment` is "<label>" or "<label> <text>", returns the text (possibly empty).
std::optional<std::string> after_label(const std::string& fragment, std::string_view label) {
  if (!fragment.starts_with(label)) return std::nullopt;
  const std::string_view rest = std::string_view(fragment).substr(label.size());
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return trim(rest);
}

std::string strip_suffix(const std::string& s, std::string_view suffix, const std::string& what) {
  if (!s.ends_with(suffix)) throw std::runtime_error(what + " without \"" + std::string(suffix) + "\": " + s);
  return trim(std::string_view(s).substr(0, s.size() - suffix.size()));
}

// Rebuilds the document from the line fragments of source.txt.
Reference parse_reference(const std::string& text) {
  Reference ref;
  ref.compact = without_whitespace(text);

  std::vector<std::string> fragments;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (std::string t = trim(line); !t.empty()) fragments.push_back(std::move(t));

  enum class Field { None, ProjectName, Scalar, List };
  Field field = Field::None;
  std::vector<std::string>* list = nullptr;

  auto add_list_text = [&](const std::string& t, bool starts_paragraph) {
    const auto numbered = split_number_prefix(t);
    if (numbered && numbered->first == static_cast<int>(list->size()) + 1)
      list->push_back(numbered->second);
    else if (numbered && list->empty())
      throw std::runtime_error("list starts at number " + std::to_string(numbered->first) + ": " + t);
    else if (starts_paragraph || list->empty())
      list->push_back(t);
    else
      list->back() += t;  // a line fragment of the paragraph: joined with nothing in between
  };

  for (const std::string& f : fragments) {
    if (f.starts_with(kTableLabel)) {
      RefRecord r;
      r.number = static_cast<int>(parse_number(trim(std::string_view(f).substr(kTableLabel.size()))));
      if (r.number != static_cast<int>(ref.records.size()) + 1)
        throw std::runtime_error("table out of sequence: " + f);
      for (const auto& [label, key] : kListFields) r.lists[std::string(key)];
      ref.records.push_back(std::move(r));
      field = Field::None;
      continue;
    }
    if (ref.records.empty()) {  // before the first table: the title lines
      ref.title.push_back(f);
      continue;
    }
    RefRecord& r = ref.records.back();
    if (auto t = after_label(f, "项目名称")) {
      r.project_name = *t;
      field = Field::ProjectName;
      continue;
    }
    if (auto t = after_label(f, "预算金额")) {
      r.budget_text = strip_suffix(*t, "万元", "budget");
      r.budget_wan = parse_number(r.budget_text);
      field = Field::Scalar;
      continue;
    }
    if (auto t = after_label(f, "评价分值")) {
      r.score_text = strip_suffix(*t, "分", "score");
      r.score = parse_number(r.score_text);
      field = Field::Scalar;
      continue;
    }
    if (auto t = after_label(f, "评价结论")) {
      r.conclusion = *t;
      field = Field::Scalar;
      continue;
    }
    bool is_list_label = false;
    for (const auto& [label, key] : kListFields) {
      if (auto t = after_label(f, label)) {
        is_list_label = true;
        field = Field::List;
        list = &r.lists[std::string(key)];
        if (!t->empty()) add_list_text(*t, true);  // "存在问题 <paragraph>"
        break;
      }
    }
    if (is_list_label) continue;
    switch (field) {
      case Field::ProjectName: r.project_name += f; break;
      case Field::List: add_list_text(f, false); break;
      default: throw std::runtime_error("fragment outside any field: " + f);
    }
  }
  return ref;
}

const Reference& reference() {
  static const Reference ref = parse_reference(read_file(kExampleDir / "source.txt"));
  return ref;
}

const json& records_json() {
  static const json doc = json::parse(read_file(kExampleDir / "records.json"));
  return doc;
}

using Problems = std::vector<std::string>;

std::string describe(const Problems& p) {
  std::string out;
  for (const auto& s : p) out += "  " + s + "\n";
  return out;
}

void collect_strings(const json& j, std::vector<std::string>& out) {
  if (j.is_string())
    out.push_back(j.get<std::string>());
  else if (j.is_array() || j.is_object())
    for (const auto& v : j) collect_strings(v, out);
}

std::vector<std::string> all_strings(const json& doc) {
  std::vector<std::string> out;
  collect_strings(doc, out);
  return out;
}

// Four records (as many as the reference has), each with exactly the expected keys and types.
Problems check_shape(const json& doc, const Reference& ref) {
  Problems p;
  if (!doc.is_object() || !doc.contains("records") || !doc["records"].is_array()) return {"no \"records\" array"};
  const json& records = doc["records"];
  if (records.size() != ref.records.size())
    p.push_back("records: " + std::to_string(records.size()) + ", reference has " +
                std::to_string(ref.records.size()));
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    const std::string where = "record " + std::to_string(i + 1);
    if (!r.is_object()) {
      p.push_back(where + " is not an object");
      continue;
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : r.items()) keys.insert(k);
    if (keys != kRecordKeys) {
      std::string got;
      for (const auto& k : keys) got += k + " ";
      p.push_back(where + " keys: " + got);
    }
    for (const char* k : {"project_name", "conclusion"})
      if (r.contains(k) && !r[k].is_string()) p.push_back(where + "." + k + " is not a string");
    for (const char* k : {"budget_wan", "score"})
      if (r.contains(k) && !r[k].is_number()) p.push_back(where + "." + k + " is not a number");
    for (const auto& [label, key] : kListFields) {
      const std::string k(key);
      if (!r.contains(k)) continue;
      if (!r[k].is_array() || r[k].empty()) {
        p.push_back(where + "." + k + " is not a non-empty list");
        continue;
      }
      for (const auto& item : r[k])
        if (!item.is_string()) p.push_back(where + "." + k + " holds a non-string");
    }
  }
  return p;
}

Problems check_title(const json& doc, const Reference& ref) {
  if (!doc.contains("document") || !doc["document"].contains("title")) return {"no document.title"};
  const json& title = doc["document"]["title"];
  if (title != json(ref.title))
    return {"document.title is " + title.dump() + ", reference has " + json(ref.title).dump()};
  return {};
}

// Every paragraph of the reference appears in records.json exactly once, and that once is in its
// own record and field, at its position; no field has more or fewer paragraphs than the reference.
Problems check_paragraphs_in_place(const json& doc, const Reference& ref) {
  Problems p;
  const std::vector<std::string> strings = all_strings(doc);
  const json empty = json::array();
  const json& records = doc.contains("records") ? doc["records"] : empty;
  for (std::size_t i = 0; i < ref.records.size(); ++i) {
    const json* rec = i < records.size() && records[i].is_object() ? &records[i] : nullptr;
    for (const auto& [label, key] : kListFields) {
      const std::string k(key);
      const auto& paras = ref.records[i].lists.at(k);
      const std::string where = "record " + std::to_string(i + 1) + "." + k;
      const json* list = rec && rec->contains(k) && (*rec)[k].is_array() ? &(*rec)[k] : nullptr;
      const std::size_t have = list ? list->size() : 0;
      if (have != paras.size())
        p.push_back(where + ": " + std::to_string(have) + " paragraphs, reference has " +
                    std::to_string(paras.size()));
      for (std::size_t n = 0; n < paras.size(); ++n) {
        const auto count = std::count(strings.begin(), strings.end(), paras[n]);
        if (count != 1)
          p.push_back(where + "[" + std::to_string(n) + "] appears " + std::to_string(count) + " times: " + paras[n]);
        if (!list || n >= list->size() || (*list)[n] != json(paras[n]))
          p.push_back(where + "[" + std::to_string(n) + "] is not the reference paragraph: " + paras[n]);
      }
    }
    // The single-paragraph fields too.
    const std::string where = "record " + std::to_string(i + 1);
    if (!rec || !rec->contains("project_name") || (*rec)["project_name"] != json(ref.records[i].project_name))
      p.push_back(where + ".project_name is not " + ref.records[i].project_name);
    else if (std::count(strings.begin(), strings.end(), ref.records[i].project_name) != 1)
      p.push_back(where + ".project_name appears more than once");
    if (!rec || !rec->contains("conclusion") || (*rec)["conclusion"] != json(ref.records[i].conclusion))
      p.push_back(where + ".conclusion is not " + ref.records[i].conclusion);
  }
  return p;
}

// Every string in records.json is a piece of the reference: one of the rebuilt paragraphs, title
// lines, project names or conclusions, and (as a second, parser-independent check) a substring of
// the source once all whitespace is removed. No string keeps an "N、" prefix or edge whitespace.
Problems check_nothing_invented(const json& doc, const Reference& ref) {
  Problems p;
  std::set<std::string> known(ref.title.begin(), ref.title.end());
  for (const auto& r : ref.records) {
    known.insert(r.project_name);
    known.insert(r.conclusion);
    for (const auto& [k, paras] : r.lists) known.insert(paras.begin(), paras.end());
  }
  for (const std::string& s : all_strings(doc)) {
    if (!known.contains(s)) p.push_back("not in the reference: " + s);
    if (s.empty() || ref.compact.find(without_whitespace(s)) == std::string::npos)
      p.push_back("not a piece of source.txt: " + s);
    if (trim(s) != s || s.find('\n') != std::string::npos) p.push_back("stray whitespace: " + s);
    if (split_number_prefix(s)) p.push_back("keeps its number prefix: " + s);
  }
  return p;
}

// budget_wan and score are the numbers printed as "20.645万元" and "88.47分".
Problems check_numbers(const json& doc, const Reference& ref) {
  Problems p;
  if (!doc.contains("records")) return {"no records"};
  const json& records = doc["records"];
  for (std::size_t i = 0; i < ref.records.size() && i < records.size(); ++i) {
    const RefRecord& r = ref.records[i];
    const std::string where = "record " + std::to_string(i + 1);
    const json& rec = records[i];
    auto check = [&](const char* key, double want, const std::string& printed, const char* unit) {
      if (!rec.contains(key) || !rec[key].is_number())
        p.push_back(where + "." + key + " is not a number");
      else if (rec[key].get<double>() != want)
        p.push_back(where + "." + key + " is " + rec[key].dump() + ", reference prints " + printed + unit);
    };
    check("budget_wan", r.budget_wan, r.budget_text, "万元");
    check("score", r.score, r.score_text, "分");
  }
  return p;
}

Problems check_all(const json& doc, const Reference& ref) {
  Problems all;
  for (auto* check :
       {check_shape, check_title, check_paragraphs_in_place, check_nothing_invented, check_numbers}) {
    const Problems p = check(doc, ref);
    all.insert(all.end(), p.begin(), p.end());
  }
  return all;
}

// ---- the example itself ----

TEST(ExampleRecords, ReferenceParsesIntoFourTables) {
  const Reference& ref = reference();
  ASSERT_EQ(ref.title.size(), 2u);
  ASSERT_EQ(ref.records.size(), 4u);
  for (const auto& r : ref.records) {
    EXPECT_FALSE(r.project_name.empty()) << r.number;
    EXPECT_FALSE(r.budget_text.empty()) << r.number;
    EXPECT_FALSE(r.score_text.empty()) << r.number;
    EXPECT_FALSE(r.conclusion.empty()) << r.number;
    for (const auto& [k, paras] : r.lists) EXPECT_FALSE(paras.empty()) << r.number << " " << k;
  }
  // Spot checks on the joining rules (inner spaces kept, line ends dropped).
  EXPECT_EQ(ref.records[0].project_name, "2017 年上海市在外地投资企业工商注册数据采集与分析系统运维");
  EXPECT_EQ(ref.records[2].lists.at("problems"), std::vector<std::string>{"视频会议系统相关设施完备性有待进一步加强。"});
  EXPECT_NE(ref.records[0].lists.at("performance")[0].find("每月定期"), std::string::npos);
  EXPECT_NE(ref.records[0].lists.at("performance")[0].find("形成了 12份巡检报告"), std::string::npos);
  EXPECT_NE(ref.records[0].lists.at("performance")[0].find("硬盘及 CPU 使用率"), std::string::npos);
  EXPECT_NE(ref.records[1].lists.at("performance")[1].find("截至 2017 年 12 月 31 日"), std::string::npos);
  EXPECT_NE(ref.records[1].lists.at("performance")[1].find("汇总 1103017 家"), std::string::npos);
}

TEST(ExampleRecords, FourRecordsWithExactKeys) {
  const Problems p = check_shape(records_json(), reference());
  EXPECT_TRUE(p.empty()) << describe(p);
  EXPECT_EQ(records_json()["records"].size(), 4u);
}

TEST(ExampleRecords, TitleLinesMatch) {
  const Problems p = check_title(records_json(), reference());
  EXPECT_TRUE(p.empty()) << describe(p);
  EXPECT_EQ(records_json()["document"]["title"],
            json({"上海市人民政府合作交流办公室2017年度", "财政支出项目绩效评价结果"}));
}

TEST(ExampleRecords, EveryReferenceParagraphAppearsOnceInPlace) {
  const Problems p = check_paragraphs_in_place(records_json(), reference());
  EXPECT_TRUE(p.empty()) << describe(p);
}

TEST(ExampleRecords, NothingInvented) {
  const Problems p = check_nothing_invented(records_json(), reference());
  EXPECT_TRUE(p.empty()) << describe(p);
}

TEST(ExampleRecords, NumbersMatchReference) {
  const Problems p = check_numbers(records_json(), reference());
  EXPECT_TRUE(p.empty()) << describe(p);
  const json& r = records_json()["records"];
  EXPECT_EQ(r[0]["budget_wan"], 20.645);
  EXPECT_EQ(r[0]["score"], 88.47);
  EXPECT_EQ(r[1]["budget_wan"], 20);
  EXPECT_EQ(r[2]["budget_wan"], 10);
  EXPECT_EQ(r[3]["budget_wan"], 19.369);
}

// ---- the checks catch damage (a damaged copy of records.json, in memory) ----

// Applies `damage` to a copy of records.json; the named check (and so check_all) must complain.
void expect_caught(const std::function<void(json&)>& damage,
                   Problems (*check)(const json&, const Reference&), const char* what) {
  json doc = records_json();
  ASSERT_TRUE(check_all(doc, reference()).empty()) << describe(check_all(doc, reference()));
  damage(doc);
  EXPECT_FALSE(check(doc, reference()).empty()) << what;
  EXPECT_FALSE(check_all(doc, reference()).empty()) << what;
}

TEST(ExampleRecordsChecker, CatchesAlteredParagraph) {
  auto alter = [](json& d) {
    auto s = d["records"][1]["performance"][1].get<std::string>();
    s.replace(s.find("1103017"), 7, "1103018");
    d["records"][1]["performance"][1] = s;
  };
  expect_caught(alter, check_paragraphs_in_place, "altered digits");
  expect_caught(alter, check_nothing_invented, "altered digits");
  auto squeeze = [](json& d) {  // an inner space dropped
    auto s = d["records"][0]["performance"][0].get<std::string>();
    s.replace(s.find("形成了 12份"), std::string("形成了 12份").size(), "形成了12份");
    d["records"][0]["performance"][0] = s;
  };
  expect_caught(squeeze, check_paragraphs_in_place, "inner space dropped");
  expect_caught(squeeze, check_nothing_invented, "inner space dropped");
  auto truncate = [](json& d) {  // a line fragment lost
    auto s = d["records"][3]["suggestions"][1].get<std::string>();
    d["records"][3]["suggestions"][1] = s.substr(0, s.find("有序开展"));
  };
  expect_caught(truncate, check_paragraphs_in_place, "fragment lost");
  expect_caught(truncate, check_nothing_invented, "fragment lost");
  expect_caught([](json& d) { d["records"][0]["project_name"] = "2017 年上海市在外地投资企业工商注册数据采集与分析"; },
                check_paragraphs_in_place, "project name cut");
}

TEST(ExampleRecordsChecker, CatchesDroppedParagraph) {
  expect_caught([](json& d) { d["records"][0]["problems"].erase(1); }, check_paragraphs_in_place, "dropped");
  expect_caught([](json& d) { d["records"][2]["rectification"] = json::array(); }, check_paragraphs_in_place,
                "field emptied");
  expect_caught([](json& d) { d["records"].erase(3); }, check_shape, "record dropped");
}

TEST(ExampleRecordsChecker, CatchesDuplicatedParagraph) {
  expect_caught([](json& d) { d["records"][2]["problems"].push_back(d["records"][2]["problems"][0]); },
                check_paragraphs_in_place, "duplicated in place");
  expect_caught([](json& d) { d["records"][3]["rectification"].push_back(d["records"][0]["performance"][1]); },
                check_paragraphs_in_place, "duplicated elsewhere");
}

TEST(ExampleRecordsChecker, CatchesMovedParagraph) {
  expect_caught([](json& d) { std::swap(d["records"][1]["suggestions"], d["records"][1]["rectification"]); },
                check_paragraphs_in_place, "fields swapped");
  expect_caught([](json& d) { std::swap(d["records"][0]["performance"][0], d["records"][0]["performance"][1]); },
                check_paragraphs_in_place, "order swapped");
}

TEST(ExampleRecordsChecker, CatchesInventedText) {
  expect_caught([](json& d) { d["records"][0]["problems"].push_back("项目管理有待加强。"); }, check_nothing_invented,
                "invented item");
  expect_caught(
      [](json& d) { d["records"][0]["problems"][0] = "1、" + d["records"][0]["problems"][0].get<std::string>(); },
      check_nothing_invented, "number prefix kept");
  expect_caught([](json& d) { d["records"][2]["conclusion"] = "优秀"; }, check_nothing_invented,
                "conclusion changed");
  expect_caught([](json& d) { d["document"]["title"][1] = "财政支出项目绩效评价"; }, check_title, "title changed");
}

TEST(ExampleRecordsChecker, CatchesWrongShapeOrNumbers) {
  expect_caught([](json& d) { d["records"][0]["note"] = 1; }, check_shape, "extra key");
  expect_caught([](json& d) { d["records"][1].erase("score"); }, check_shape, "missing key");
  expect_caught([](json& d) { d["records"][0]["budget_wan"] = 20.65; }, check_numbers, "budget rounded");
  expect_caught([](json& d) { d["records"][3]["score"] = 87.21; }, check_numbers, "score changed");
  expect_caught([](json& d) { d["records"][1]["budget_wan"] = "20.00"; }, check_numbers, "budget as string");
}

}  // namespace
