// find_breaks lets ICU skip Han stretches (every gap between two ideographs of class ID is a
// break). Property test: on random text mixing Han stretches with characters of every UAX #14
// class, the result equals one ICU pass over the whole paragraph (detail::find_breaks_reference).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "test_support.hpp"
#include "text/breaks.hpp"
#include "text/char_class.hpp"

using namespace gongwen;

namespace {

/// A ShapedText with one cluster per code point, except that a combining mark, ZWJ or selector
/// joins the cluster before it when `merge_marks` (as HarfBuzz's graphemes do). Only what
/// find_breaks reads is filled.
ShapedText clusters_of(const std::u32string& cps, bool merge_marks) {
  ShapedText t;
  t.size = 10;
  for (char32_t cp : cps) {
    const uint32_t at = static_cast<uint32_t>(t.text.size());
    utf8::append(t.text, cp);
    const bool mark = cp == 0x301 || cp == 0x200D || cp == 0xFE00 || cp == 0x3099;
    if (merge_marks && mark && !t.clusters.empty()) {
      t.clusters.back().last_cp = cp;
      t.clusters.back().last_cls = classify(cp);
      continue;
    }
    Cluster c;
    c.begin = at;
    c.first_cp = c.last_cp = cp;
    c.cls = c.last_cls = classify(cp);
    c.full_width = is_cjk(c.cls);
    t.clusters.push_back(c);
  }
  for (size_t i = 0; i < t.clusters.size(); ++i)
    t.clusters[i].end = i + 1 < t.clusters.size() ? t.clusters[i + 1].begin : static_cast<uint32_t>(t.text.size());
  return t;
}

// Characters of every line-break class, and the CJK punctuation of official documents.
const std::u32string kOthers =
    U"，。、：；！？“”‘’《》（）【】「」〔〕——……·％%‰℃$¥￥+-–/\\'\"()[]{}.,:;!?"  // OP CL QU NS EX IS SY PR PO HY B2 IN
    U"0123456789０１２ AaZz \u00A0\u2007\u2060\u200B\u0301\u200D\uFE00\u3099\u2010\u00B4\u2014\uFFFC"
    U"ぁァっ々〃ゝ〜가각각\U0001F1E8\U0001F1F3\U0001F44D\U0001F3FBא①กข\uE000\u3007豈〇\u3000\n\r\t\u2028\u0085"
    U"万元年月日份次";

char32_t random_han(std::mt19937& rng) {
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0: return std::uniform_int_distribution<char32_t>(0x3400, 0x4DBF)(rng);
    case 1: return std::uniform_int_distribution<char32_t>(0x9FA0, 0x9FFF)(rng);  // includes late additions
    default: return std::uniform_int_distribution<char32_t>(0x4E00, 0x9FA5)(rng);
  }
}

}  // namespace

TEST(TextBreaksFast, RandomTextMatchesOneIcuPass) {
  std::mt19937 rng(9704);
  const BreakRules rules;
  for (int n = 0; n < 20000; ++n) {
    std::u32string cps;
    const int tokens = std::uniform_int_distribution<int>(1, 30)(rng);
    for (int k = 0; k < tokens; ++k) {
      if (std::uniform_int_distribution<int>(0, 1)(rng)) {  // a Han stretch of 1–8
        for (int h = std::uniform_int_distribution<int>(1, 8)(rng); h > 0; --h) cps += random_han(rng);
      } else {
        for (int h = std::uniform_int_distribution<int>(1, 3)(rng); h > 0; --h)
          cps += kOthers[std::uniform_int_distribution<size_t>(0, kOthers.size() - 1)(rng)];
      }
    }
    const ShapedText t = clusters_of(cps, n % 2 == 0);
    const auto fast = find_breaks(t, rules);
    const auto ref = detail::find_breaks_reference(t, rules);
    ASSERT_EQ(fast, ref) << t.text;
  }
}

/// The example's paragraphs, shaped for real, in every family.
TEST(TextBreaksFast, ExampleParagraphsMatchOneIcuPass) {
  std::vector<std::string> paras;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_string()) paras.push_back(j.get<std::string>());
    else if (j.is_structured())
      for (const auto& el : j) walk(el);
  };
  walk(test::example_records());
  ASSERT_GT(paras.size(), 20u);
  const BreakRules rules;
  for (const std::string& fam : test::fonts().families())
    for (const std::string& p : paras) {
      const ShapedText t = shape_paragraph(p, test::fonts().chain(fam), 14);
      ASSERT_EQ(find_breaks(t, rules), detail::find_breaks_reference(t, rules)) << p;
    }
}
