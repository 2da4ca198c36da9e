// Unit tests of the PDF writer's byte-level helpers: number and date formatting, UTF-16BE,
// subset tags, and the ToUnicode CMap builder.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/to_unicode.hpp"

namespace gongwen::pdf {
namespace {

TEST(PdfFormat, NumbersAreFixedWithTrimmedZeros) {
  EXPECT_EQ(num(0), "0");
  EXPECT_EQ(num(12), "12");
  EXPECT_EQ(num(0.5), "0.5");
  EXPECT_EQ(num(595.276), "595.276");
  EXPECT_EQ(num(841.89), "841.89");
  EXPECT_EQ(num(-3.1254), "-3.125");
  EXPECT_EQ(num(1.0004), "1");
  EXPECT_EQ(num(-0.0001), "0");  // never "-0"
  EXPECT_EQ(num(123456.7891), "123456.789");
  EXPECT_THROW(num(std::nan("")), Error);
  EXPECT_DOUBLE_EQ(quantize(1.23456), 1.235);
}

TEST(PdfFormat, DatesAreUtcAndArithmetic) {
  EXPECT_EQ(pdf_date(0), "D:19700101000000Z");
  EXPECT_EQ(pdf_date(1700000000), "D:20231114221320Z");
  EXPECT_EQ(xmp_date(1700000000), "2023-11-14T22:13:20Z");
  EXPECT_EQ(pdf_date(951782400), "D:20000229000000Z");  // leap day
  EXPECT_EQ(pdf_date(-1), "D:19691231235959Z");
  EXPECT_EQ(pdf_date(4107542400), "D:21000301000000Z");  // 2100 is not a leap year
  // The first and last second PDF dates can write (years 1–9999); a second beyond is refused.
  EXPECT_EQ(pdf_date(-62135596800), "D:00010101000000Z");
  EXPECT_EQ(pdf_date(253402300799), "D:99991231235959Z");
  EXPECT_THROW(pdf_date(-62135596801), Error);
  EXPECT_THROW(pdf_date(253402300800), Error);
  EXPECT_THROW(pdf_date(INT64_MAX), Error);
  EXPECT_THROW(pdf_date(INT64_MIN), Error);
}

TEST(PdfFormat, Utf16BigEndianWithSurrogates) {
  EXPECT_EQ(utf16be("A"), std::string("\x00\x41", 2));
  EXPECT_EQ(utf16be("中"), std::string("\x4E\x2D", 2));
  EXPECT_EQ(utf16be("\xF0\xA0\xAE\xB7"), std::string("\xD8\x42\xDF\xB7", 4));  // U+20BB7
}

TEST(PdfFormat, SubsetTagIsSixUppercaseLettersAndStable) {
  std::string t = subset_tag(0x123456789abcdefull);
  ASSERT_EQ(t.size(), 6u);
  for (char c : t) EXPECT_TRUE(c >= 'A' && c <= 'Z');
  EXPECT_EQ(t, subset_tag(0x123456789abcdefull));
  EXPECT_NE(t, subset_tag(0x123456789abcdeeull));
  EXPECT_EQ(sanitize_font_name("Fandol Song(R)"), "FandolSongR");
}

TEST(PdfToUnicode, LigatureMapsAllCharactersAndEmptyRangeMapsNothing) {
  ToUnicodeMap m;
  m.add(0x0010, "fi");  // ligature glyph for two characters
  m.add(0x0011, "");    // glyph continuing a cluster
  m.add(0x0010, "x");   // later use of the same code: first mapping wins
  std::string cmap = build_to_unicode_cmap(m);
  EXPECT_NE(cmap.find("1 beginbfchar\n<0010> <00660069>\nendbfchar"), std::string::npos) << cmap;
  EXPECT_EQ(cmap.find("<0011>"), std::string::npos);
  EXPECT_NE(cmap.find("begincodespacerange\n<0000> <FFFF>"), std::string::npos);
}

TEST(PdfToUnicode, NonBmpUsesSurrogatePairs) {
  ToUnicodeMap m;
  m.add(0x0203, "\xF0\xA0\xAE\xB7");  // 𠮷 U+20BB7
  std::string cmap = build_to_unicode_cmap(m);
  EXPECT_NE(cmap.find("<0203> <D842DFB7>"), std::string::npos) << cmap;
}

TEST(PdfToUnicode, RangesStayInsideOneLastByteAndBlocksHoldAtMost100) {
  ToUnicodeMap m;
  for (uint16_t c = 0x00FE; c <= 0x0101; ++c) {  // crosses a code high-byte boundary
    std::string s(1, static_cast<char>('A' + (c - 0x00FE)));
    m.add(c, s);
  }
  std::string cmap = build_to_unicode_cmap(m);
  EXPECT_NE(cmap.find("<00FE> <00FF> <0041>"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("<0100> <0101> <0043>"), std::string::npos) << cmap;

  ToUnicodeMap big;
  for (uint16_t c = 0; c < 250; ++c) big.add(static_cast<uint16_t>(c * 2), "A");  // no ranges possible
  std::string b = build_to_unicode_cmap(big);
  EXPECT_NE(b.find("100 beginbfchar"), std::string::npos);
  EXPECT_NE(b.find("50 beginbfchar"), std::string::npos);
  EXPECT_EQ(b.find("101 beginbfchar"), std::string::npos);
}

}  // namespace
}  // namespace gongwen::pdf
