// The font map: families, aliases, workbook names, user maps and font folders, located errors;
// and 字号 → pt (spec §3).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>

#include "core/error.hpp"
#include "core/units.hpp"
#include "test_support.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

/// A scratch folder removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("gongwen-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& file, const std::string& text) const {
    std::ofstream(path / file) << text;
    return path / file;
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Font);
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

TEST(FontBook, ShippedFamilies) {
  const FontBook& book = test::fonts();
  for (const char* fam : {"宋体", "仿宋", "黑体", "楷体", "小标宋"}) {
    ASSERT_TRUE(book.has_family(fam)) << fam;
    const FontChain& chain = book.chain(fam);
    ASSERT_GE(chain.faces.size(), 2u) << fam;
    EXPECT_TRUE(chain.faces.front()->postscript_name().starts_with("Fandol")) << fam;
    // Noto CJK for the rarer characters, then DejaVu Sans for the form symbols (☐ ☑ ☒).
    ASSERT_GE(chain.faces.size(), 3u) << fam;
    EXPECT_TRUE(chain.faces[chain.faces.size() - 2]->postscript_name().starts_with("Noto")) << fam;
    EXPECT_TRUE(chain.faces.back()->postscript_name().starts_with("DejaVuSans")) << fam;
    for (char32_t box : {U'\u2610', U'\u2611', U'\u2612'}) EXPECT_TRUE(chain.faces.back()->covers(box)) << fam;
    EXPECT_EQ(chain.family, fam);
  }
  EXPECT_EQ(book.chain("仿宋").faces.front()->postscript_name(), "FandolFang-Regular");
  EXPECT_EQ(book.chain("小标宋").faces.front()->postscript_name(), "FandolSong-Bold");
  EXPECT_EQ(book.chain("黑体", Weight::Bold).faces.front()->postscript_name(), "FandolHei-Bold");
}

TEST(FontBook, AliasesResolve) {
  const FontBook& book = test::fonts();
  struct { const char* alias; const char* family; } cases[] = {
      {"仿宋_GB2312", "仿宋"}, {"FangSong", "仿宋"}, {"fangsong", "仿宋"}, {"SimHei", "黑体"},
      {"方正小标宋简体", "小标宋"}, {"SimSun", "宋体"}, {"楷体_GB2312", "楷体"}, {"KaiTi", "楷体"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.alias);
    ASSERT_TRUE(book.has_family(c.alias));
    EXPECT_EQ(book.canonical(c.alias), c.family);
    EXPECT_EQ(&book.chain(c.alias), &book.chain(c.family));
  }
}

TEST(FontBook, UnknownFamilyListsKnown) {
  const std::string msg = error_of([] { test::fonts().chain("Comic Sans"); });
  EXPECT_NE(msg.find("Comic Sans"), std::string::npos) << msg;
  for (const char* fam : {"宋体", "仿宋", "黑体", "楷体", "小标宋"})
    EXPECT_NE(msg.find(fam), std::string::npos) << msg;
  EXPECT_FALSE(test::fonts().has_family("Comic Sans"));
}

TEST(FontBook, WorkbookNames) {
  const FontBook& book = test::fonts();
  EXPECT_EQ(book.xlsx_name("仿宋"), "仿宋_GB2312");
  EXPECT_EQ(book.xlsx_name("FangSong"), "仿宋_GB2312");
  EXPECT_EQ(book.xlsx_name("楷体"), "楷体_GB2312");
  EXPECT_EQ(book.xlsx_name("小标宋"), "方正小标宋简体");
  EXPECT_EQ(book.xlsx_name("黑体"), "黑体");
}

/// A user map overlays the shipped one: extra aliases, and new families that reuse the shipped
/// faces by id.
TEST(FontBook, UserMapAddsAliasAndFamily) {
  TempDir dir("usermap");
  const fs::path map = dir.write("my.toml",
                                 "[families.\"仿宋\"]\n"
                                 "aliases = [\"公文仿宋\"]\n"
                                 "\n"
                                 "[families.\"正文\"]\n"
                                 "xlsx = \"仿宋_GB2312\"\n"
                                 "regular = [\"fandol-kai\", \"noto-serif-sc\"]\n");
  FontBook book = FontBook::load(FontBook::default_map_path());
  book.add_map(map);
  EXPECT_EQ(book.canonical("公文仿宋"), "仿宋");
  EXPECT_EQ(book.chain("公文仿宋").faces.front()->postscript_name(), "FandolFang-Regular");
  EXPECT_EQ(book.canonical("FangSong"), "仿宋");  // the shipped aliases stay
  ASSERT_TRUE(book.has_family("正文"));
  EXPECT_EQ(book.chain("正文").faces.front()->postscript_name(), "FandolKai-Regular");
  EXPECT_EQ(book.chain("正文", Weight::Bold).faces.front()->postscript_name(), "FandolKai-Regular");
  EXPECT_EQ(book.xlsx_name("正文"), "仿宋_GB2312");
}

/// A font folder: faces whose family name matches a family or alias go to the front of its chain.
TEST(FontBook, FontFolderMatchesByFamilyName) {
  const fs::path noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  if (!fs::exists(noto)) GTEST_SKIP() << "no " << noto;
  TempDir dir("fontdir");
  fs::create_symlink(noto, dir.path / "office.ttc");
  const fs::path map = dir.write("alias.toml", "[families.\"楷体\"]\naliases = [\"Noto Sans CJK SC\"]\n");
  FontBook book = FontBook::load(FontBook::default_map_path());
  book.add_map(map);
  EXPECT_EQ(book.add_font_dir(dir.path), 1u);  // only the SC face of the collection matches
  const FontChain& kai = book.chain("楷体");
  EXPECT_EQ(kai.faces.front()->postscript_name(), "NotoSansCJKsc-Regular");
  EXPECT_EQ(kai.faces.front()->index(), 2u);
  EXPECT_EQ(kai.faces[1]->postscript_name(), "FandolKai-Regular");
  EXPECT_EQ(book.chain("仿宋").faces.front()->postscript_name(), "FandolFang-Regular");  // untouched
  // A folder that does not exist is an error.
  EXPECT_NE(error_of([&] { book.add_font_dir(dir.path / "nope"); }).find("nope"), std::string::npos);
}

/// Malformed maps: every error carries file:line:col.
TEST(FontBook, MalformedMapIsLocated) {
  TempDir dir("badmap");
  struct { const char* file; const char* text; int line; const char* says; } cases[] = {
      {"syntax.toml", "[faces]\nx = { file = \"a.otf\"\n", 2, ""},
      {"unknown_face.toml", "[families.\"仿宋\"]\naliases = [\"X\"]\nregular = [\"no-such-face\"]\n", 3, "no-such-face"},
      {"bad_key.toml", "[families.\"仿宋\"]\ncolour = \"red\"\n", 2, "colour"},
      {"top_key.toml", "[fonts]\n", 1, "fonts"},
      {"not_strings.toml", "[families.\"仿宋\"]\naliases = [1, 2]\n", 2, "expected a string"},
      {"missing_file.toml", "[faces]\nf = \"missing.otf\"\n[families.\"新\"]\nregular = [\"f\"]\n", 4, "missing.otf"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const fs::path map = dir.write(c.file, c.text);
    const std::string msg = error_of([&] {
      FontBook book = FontBook::load(FontBook::default_map_path());
      book.add_map(map);
    });
    const std::regex located("^" + std::regex_replace(map.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                             ":" + std::to_string(c.line) + ":[0-9]+: ");
    EXPECT_TRUE(std::regex_search(msg, located)) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
  }
  // A map that cannot be read names the file.
  EXPECT_NE(error_of([&] { FontBook::load(dir.path / "absent.toml"); }).find("absent.toml"), std::string::npos);
}

/// 字号 → pt, the "word" system of spec §3, and explicit sizes.
TEST(FontSize, Zihao) {
  struct { const char* name; double pt; } table[] = {
      {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22},  {"小二", 18},
      {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
      {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5}};
  for (const auto& z : table) {
    SCOPED_TRACE(z.name);
    ASSERT_TRUE(parse_font_size(z.name).has_value());
    EXPECT_DOUBLE_EQ(*parse_font_size(z.name), z.pt);
  }
  EXPECT_DOUBLE_EQ(*parse_font_size("16pt"), 16);
  EXPECT_DOUBLE_EQ(*parse_font_size("16"), 16);
  EXPECT_NEAR(*parse_font_size("5.64mm"), 16.0, 0.02);
  EXPECT_DOUBLE_EQ(*parse_font_size("3号"), 16);
  EXPECT_DOUBLE_EQ(*parse_font_size("小4号"), 12);
  EXPECT_FALSE(parse_font_size("九号").has_value());
  EXPECT_FALSE(parse_font_size("big").has_value());
  EXPECT_FALSE(parse_font_size("-3pt").has_value());
}

}  // namespace
