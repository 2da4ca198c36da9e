// Issue #12, items 2 and 3: pictures in table cells (paths templated over the record, found next
// to the data file and then the layout, fitted into the cell keeping proportions, in the PDF and
// the workbook), checkboxes (☑/☐ from a boolean, a choice or a list) and `when` on blocks and
// cells. The shipped 推荐表 (layouts/expert-form.toml) is read back from outside: text through
// pdftotext, pictures through pdfimages, anchors and merges from the workbook's XML.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "template/template.hpp"
#include "core/error.hpp"
#include "flow/compose.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gongwen {
namespace {

fs::path write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

fs::path copy_png(const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(test::source_dir() / "examples/expert-form/photos/wang-lihua.png", to, fs::copy_options::overwrite_existing);
  return to;
}

std::string shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

Document compose_one(const Layout& layout, const json& rec, const fs::path& data_file) {
  DocumentInput in;
  static const json doc = json::object();
  in.document = &doc;
  in.data_name = data_file.string();
  in.records = {&rec};
  return compose(layout, in);
}

std::string texts(const Document& d) {
  std::string all;
  for (const Page& p : d.pages)
    for (const Item& it : p.items)
      if (const auto* g = std::get_if<GlyphRun>(&it)) all += g->text + "|";
  return all;
}

std::vector<Image> images(const Document& d) {
  std::vector<Image> out;
  for (const Page& p : d.pages)
    for (const Item& it : p.items)
      if (const auto* im = std::get_if<Image>(&it)) out.push_back(*im);
  return out;
}

/// The vertical rules' x positions on the first page (the table's column edges).
std::vector<double> vertical_rules(const Document& d) {
  std::vector<double> xs;
  for (const Item& it : d.pages.at(0).items)
    if (const auto* r = std::get_if<Rule>(&it); r && std::abs(r->x0 - r->x1) < 0.01) xs.push_back(r->x0);
  std::sort(xs.begin(), xs.end());
  return xs;
}

const char* const kPhotoLayout = R"([[record.blocks]]
type = "table"
columns = ["30mm", "1fr", "40mm"]
padding = ["3pt", "4pt"]

  [[record.blocks.rows]]
  cells = ["姓名", "{{name}}", { image = "{{photo}}", rowspan = 2, image_width = "25mm" }]

  [[record.blocks.rows]]
  cells = ["单位", "{{unit}}"]
)";

TEST(FormsImages, TemplatedPathFoundNextToTheDataFileThenTheLayout) {
  const fs::path dir = test::scratch_path("img-dirs");
  const fs::path layout_file = write(dir / "layouts/form.toml", kPhotoLayout);
  const auto layout = load_layout(layout_file, test::fonts());
  const json rec = json::parse(R"({"name": "王丽华", "unit": "示例市财政局", "photo": "photos/a.png"})");
  // Next to the data file.
  copy_png(dir / "data/photos/a.png");
  Document d = compose_one(*layout, rec, dir / "data/records.json");
  ASSERT_EQ(images(d).size(), 1u);
  // Fitted to 25 mm wide keeping the picture's proportions (210 × 294 px).
  const Image im = images(d).front();
  EXPECT_NEAR(im.w, 25 * 72 / 25.4, 0.01);
  EXPECT_NEAR(im.h / im.w, 294.0 / 210.0, 1e-6);
  // Inside the third column's content box.
  const auto xs = vertical_rules(d);
  ASSERT_GE(xs.size(), 2u);
  EXPECT_GE(im.x, xs[xs.size() - 2] + 4 - 0.01);
  EXPECT_LE(im.x + im.w, xs.back() - 4 + 0.01);
  // Only next to the layout: found there.
  fs::remove_all(dir / "data/photos");
  copy_png(dir / "layouts/photos/a.png");
  d = compose_one(*layout, rec, dir / "data/records.json");
  EXPECT_EQ(images(d).size(), 1u);
  EXPECT_EQ(std::string(images(d).front().data->bytes.begin(), images(d).front().data->bytes.end()),
            test::read_file(dir / "layouts/photos/a.png"));
  // Both there: the data folder's wins.
  fs::create_directories(dir / "data/photos");
  fs::copy_file(test::source_dir() / "examples/expert-form/photos/zhao-min.png", dir / "data/photos/a.png");
  d = compose_one(*layout, rec, dir / "data/records.json");
  ASSERT_EQ(images(d).size(), 1u);
  EXPECT_EQ(std::string(images(d).front().data->bytes.begin(), images(d).front().data->bytes.end()),
            test::read_file(dir / "data/photos/a.png"));
}

TEST(FormsImages, MissingImageIsADataErrorNamingRecordAndField) {
  const fs::path dir = test::scratch_path("img-missing");
  const auto layout = load_layout(write(dir / "form.toml", kPhotoLayout), test::fonts());
  const json rec = json::parse(R"({"name": "王丽华", "unit": "示例市财政局", "photo": "photos/nobody.png"})");
  try {
    compose_one(*layout, rec, dir / "records.json");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Data);
    const std::string m = e.what();
    EXPECT_NE(m.find("record 1: photo: cannot read image 'photos/nobody.png': no such file"), std::string::npos) << m;
  }
  // A missing field is named too; an empty path shows no picture.
  json no_field = rec;
  no_field.erase("photo");
  EXPECT_THROW(compose_one(*layout, no_field, dir / "records.json"), Error);
  json empty = rec;
  empty["photo"] = "";
  EXPECT_TRUE(images(compose_one(*layout, empty, dir / "records.json")).empty());
  // Not an image at all.
  write(dir / "photos/text.png", "this is not a picture");
  json bad = rec;
  bad["photo"] = "photos/text.png";
  try {
    compose_one(*layout, bad, dir / "records.json");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("record 1: photo: image '"), std::string::npos) << e.what();
  }
}

TEST(FormsImages, CommandLineRenderAndCheckAgreeAndWriteNothing) {
  const fs::path dir = test::scratch_path("img-cli");
  write(dir / "form.toml", kPhotoLayout);
  write(dir / "data.json", R"([{"name": "甲", "unit": "乙", "photo": "photos/missing.png"}])");
  const auto r = test::run_gongwen("render form.toml data.json -o out --format pdf,xlsx", dir);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("data.json: record 1: photo: cannot read image 'photos/missing.png': no such file"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out/data.pdf"));
  EXPECT_FALSE(fs::exists(dir / "out/data.xlsx"));
  const auto c = test::run_gongwen("check form.toml data.json", dir);
  EXPECT_NE(c.status, 0);
  EXPECT_NE(c.output.find("data.json: record 1: photo: cannot read image 'photos/missing.png': no such file"), std::string::npos) << c.output;
}

TEST(FormsImages, PictureNeverWiderThanItsCell) {
  const fs::path dir = test::scratch_path("img-fit");
  copy_png(dir / "seal.png");
  // A fixed path (read with the layout), asked wider than the 20 mm column.
  const auto layout = load_layout(write(dir / "form.toml", R"([[record.blocks]]
type = "table"
columns = ["1fr", "20mm"]
padding = ["2pt", "3pt"]

  [[record.blocks.rows]]
  cells = ["{{name}}", { image = "seal.png", image_width = "60mm", image_behind = true, text = "（盖章）" }]
)"), test::fonts());
  const Document d = compose_one(*layout, json::parse(R"({"name": "甲"})"), dir / "r.json");
  const auto ims = images(d);
  ASSERT_EQ(ims.size(), 1u);
  const auto xs = vertical_rules(d);
  ASSERT_GE(xs.size(), 2u);
  EXPECT_NEAR(ims[0].w, 20 * 72 / 25.4 - 6, 0.01);
  EXPECT_LE(ims[0].x + ims[0].w, xs.back() - 3 + 0.01);
  EXPECT_GE(ims[0].x, xs[xs.size() - 2] + 3 - 0.01);
  EXPECT_NE(texts(d).find("（盖章）"), std::string::npos);
}

/// A row with a picture moves whole to the next page (the header with its picture repeated); a
/// picture taller than a fresh page's room is drawn smaller, inside the type area.
TEST(FormsImages, PicturesStayOnTheirPage) {
  const fs::path dir = test::scratch_path("img-pages");
  copy_png(dir / "p.png");
  const auto layout = load_layout(write(dir / "form.toml", R"([page]
paper = "A5"
margins = { top = 15, bottom = 15, left = 15, right = 15 }

[[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]
  [[record.blocks.rows]]
  header = true
  cells = ["头", { image = "p.png", image_height = "20mm", text = "表头" }]
  [[record.blocks.rows]]
  cells = ["照片", { image = "{{photo}}", image_height = "175mm", text = "说明文字" }]
  [[record.blocks.rows]]
  for_each = "{{items}}"
  cells = ["{{item.k}}", { image = "{{item.img}}", text = "{{item.k}}", when = "{{item.show}}", image_height = "60mm" }]
)"), test::fonts());
  const json rec = json::parse(R"({"photo": "p.png", "items": [{"k": "一", "img": "p.png", "show": true},
      {"k": "二", "img": "p.png", "show": false}, {"k": "三", "img": "p.png", "show": true}, {"k": "四", "img": "p.png", "show": true}]})");
  const Document d = compose_one(*layout, rec, dir / "r.json");
  const double top = 15 * 72 / 25.4, bottom = d.pages.at(0).height - 15 * 72 / 25.4;
  size_t n = 0, header = 0;
  for (const Page& p : d.pages)
    for (const Item& it : p.items)
      if (const auto* im = std::get_if<Image>(&it)) {
        ++n;
        EXPECT_GE(im->y, top - 0.01);
        EXPECT_LE(im->y + im->h, bottom + 0.01);
        EXPECT_NEAR(im->h / im->w, 294.0 / 210.0, 1e-6);  // smaller, never distorted
        if (std::abs(im->h - 20 * 72 / 25.4) < 0.01) ++header;
      }
  EXPECT_EQ(header, d.pages.size());        // the header's picture on every page
  EXPECT_EQ(n, d.pages.size() + 1 + 3);     // + the tall photo + items 一, 三, 四 (二's cell is hidden)
  EXPECT_NE(texts(d).find("说明文字"), std::string::npos);
}

/// The seal of a signature and the file of an image block may be templates too.
TEST(FormsImages, TemplatedSealAndImageBlock) {
  const fs::path dir = test::scratch_path("img-seal");
  fs::create_directories(dir / "data");
  fs::copy_file(test::source_dir() / "examples/expert-form/seal.png", dir / "data/unit.png");
  copy_png(dir / "data/logo.png");
  const auto layout = load_layout(write(dir / "form.toml", R"(preset = "gbt9704"

[[record.blocks]]
type = "image"
file = "{{logo}}"
width = "20mm"

[[record.blocks]]
type = "paragraph"
text = "正文{{name}}"
style = "body"

[[record.blocks]]
type = "signature"
name = "{{unit}}"
date = "2024-03-18"
seal = "{{unit_seal}}"
)"), test::fonts());
  const json with = json::parse(R"({"name": "甲", "unit": "示例市财政局", "unit_seal": "unit.png", "logo": "logo.png"})");
  const Document a = compose_one(*layout, with, dir / "data/records.json");
  const auto ims = images(a);
  ASSERT_EQ(ims.size(), 2u);
  EXPECT_NEAR(ims[0].w, 20 * 72 / 25.4, 0.01);                 // the logo at its given width
  EXPECT_NEAR(ims[0].h / ims[0].w, 294.0 / 210.0, 1e-6);
  EXPECT_NEAR(ims[1].w, 42 * 72 / 25.4, 0.01);                 // the seal, 42 mm across
  json without = with;
  without["unit_seal"] = "";
  EXPECT_EQ(images(compose_one(*layout, without, dir / "data/records.json")).size(), 1u);  // no seal
  json missing = with;
  missing["unit_seal"] = "elsewhere.png";
  try {
    compose_one(*layout, missing, dir / "data/records.json");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("record 1: unit_seal: cannot read image 'elsewhere.png': no such file"), std::string::npos)
        << e.what();
  }
}

TEST(FormsImages, LayoutMistakesAreLocated) {
  const fs::path dir = test::scratch_path("img-layout");
  auto error_of = [&](const std::string& text) {
    try {
      load_layout(write(dir / "bad.toml", text), test::fonts());
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Layout);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string head = "[[record.blocks]]\ntype = \"table\"\ncolumns = [\"1fr\"]\n  [[record.blocks.rows]]\n";
  std::string m = error_of(head + "  cells = [{ image = \"nothere.png\" }]\n");
  EXPECT_NE(m.find("bad.toml:5:"), std::string::npos) << m;
  EXPECT_NE(m.find("record.blocks[0].rows[0].cells[0].image: cannot read image"), std::string::npos) << m;
  m = error_of(head + "  cells = [{ text = \"x\", image_width = \"20mm\" }]\n");
  EXPECT_NE(m.find("need image ="), std::string::npos) << m;
  m = error_of(head + "  cells = [{ text = \"x\", when = \"{{a\" }]\n");
  EXPECT_NE(m.find("bad.toml:5:"), std::string::npos) << m;
  m = error_of("[[record.blocks]]\ntype = \"paragraph\"\ntext = \"x\"\nwhen = \"{{a | nofilter}}\"\n");
  EXPECT_NE(m.find("bad.toml:4:"), std::string::npos) << m;
}

TEST(FormsImages, CheckboxFilters) {
  const json rec = json::parse(R"({"yes": true, "no": false, "csv": "1", "fields": ["财政财务", "工程建设"],
      "category": "技术类", "none": null, "n": 3})");
  auto render = [&](const std::string& t) {
    std::string s;
    for (const auto& p : Template::parse(t).render(TemplateContext{&rec, nullptr, 1})) s += p;
    return s;
  };
  EXPECT_EQ(render("{{yes | checkbox}}同意{{no | checkbox}}不同意"), "☑同意☐不同意");
  EXPECT_EQ(render("{{csv | checkbox}}"), "☑");
  EXPECT_EQ(render("{{fields | checkbox(\"工程建设\")}}工程{{fields | checkbox(\"农业农村\")}}农业"), "☑工程☐农业");
  EXPECT_EQ(render("{{category | checkbox(\"技术类\")}}{{category | checkbox(\"财务类\")}}"), "☑☐");
  EXPECT_EQ(render("{{none | checkbox(\"技术类\")}}"), "☐");
  EXPECT_EQ(render("{{n | equals(\"3\")}}{{category | equals(\"财务类\")}}"), "是否");
  EXPECT_EQ(render("{{category | equals(\"技术类\") | choose(\"■\", \"□\")}}"), "■");
  EXPECT_THROW(render("{{category | checkbox}}"), BindError);   // not a boolean
  EXPECT_THROW(render("{{absent | checkbox(\"x\")}}"), BindError);  // a missing field
}

const char* const kWhenLayout = R"(preset = "gbt9704"

[[record.blocks]]
type = "paragraph"
text = "正文{{name}}"
style = "body"

[[record.blocks]]
type = "paragraph"
when = "{{renewal}}"
text = "注：续聘推荐。"

[[record.blocks]]
type = "table"
columns = ["30mm", "1fr"]

  [[record.blocks.rows]]
  cells = ["意见", { text = "同意{{name}}", when = "{{agree}}" }]

[[record.blocks]]
type = "signature"
when = "{{kind | equals(\"通知\")}}"
name = "示例市财政局"
date = "{{date | date}}"
)";

TEST(FormsConditions, BlocksAndCellsFollowTheirCondition) {
  const fs::path dir = test::scratch_path("when-blocks");
  const auto layout = load_layout(write(dir / "form.toml", kWhenLayout), test::fonts());
  const json a = json::parse(R"({"name": "甲", "renewal": true, "agree": true, "kind": "通知", "date": "2024-03-18"})");
  const std::string ta = texts(compose_one(*layout, a, dir / "r.json"));
  EXPECT_NE(ta.find("续聘推荐"), std::string::npos) << ta;
  EXPECT_NE(ta.find("同意甲"), std::string::npos) << ta;
  EXPECT_NE(ta.find("示例市财政局"), std::string::npos) << ta;
  EXPECT_NE(ta.find("2024年3月18日"), std::string::npos) << ta;
  const json b = json::parse(R"({"name": "乙", "renewal": false, "agree": "否", "kind": "函", "date": "2024-03-18"})");
  const std::string tb = texts(compose_one(*layout, b, dir / "r.json"));
  EXPECT_NE(tb.find("正文乙"), std::string::npos) << tb;
  EXPECT_NE(tb.find("意见"), std::string::npos) << tb;  // the cell's row stays, the cell is empty
  EXPECT_EQ(tb.find("续聘推荐"), std::string::npos) << tb;
  EXPECT_EQ(tb.find("同意乙"), std::string::npos) << tb;
  EXPECT_EQ(tb.find("示例市财政局"), std::string::npos) << tb;
  // A condition on a missing field is a data error naming the record and field.
  json c = a;
  c.erase("renewal");
  try {
    compose_one(*layout, c, dir / "r.json");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("record 1: renewal: missing field"), std::string::npos) << e.what();
  }
  json d = a;
  d.erase("kind");
  EXPECT_THROW(compose_one(*layout, d, dir / "r.json"), Error);
}

/// The workbook follows the same conditions: a hidden block has no row, a hidden cell is empty.
TEST(FormsConditions, WorkbookFollowsTheConditions) {
  const fs::path dir = test::scratch_path("when-xlsx");
  write(dir / "form.toml", kWhenLayout);
  write(dir / "data.json", R"([{"name": "甲", "renewal": true, "agree": true, "kind": "通知", "date": "2024-03-18"},
      {"name": "乙", "renewal": false, "agree": false, "kind": "函", "date": "2024-03-18"}])");
  const auto r = test::run_gongwen("render form.toml data.json -o out --format xlsx", dir);
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string py = shell("/usr/bin/python3 -c \"import openpyxl,sys\n"
                               "wb=openpyxl.load_workbook(sys.argv[1])\n"
                               "for ws in wb.worksheets: print('|'.join(str(c.value) for row in ws.iter_rows() for c in row if c.value))\" '" +
                               (dir / "out/data.xlsx").string() + "'");
  const size_t nl = py.find('\n');
  ASSERT_NE(nl, std::string::npos) << py;
  const std::string first = py.substr(0, nl), second = py.substr(nl + 1);
  EXPECT_NE(first.find("注：续聘推荐。"), std::string::npos) << py;
  EXPECT_NE(first.find("同意甲"), std::string::npos) << py;
  EXPECT_NE(first.find("示例市财政局"), std::string::npos) << py;
  EXPECT_NE(second.find("正文乙"), std::string::npos) << py;
  EXPECT_NE(second.find("意见"), std::string::npos) << py;
  EXPECT_EQ(second.find("续聘"), std::string::npos) << py;
  EXPECT_EQ(second.find("同意乙"), std::string::npos) << py;
  EXPECT_EQ(second.find("示例市财政局"), std::string::npos) << py;
}

/// The shipped 推荐表: three experts, photos, checkboxes, a seal in the 推荐单位意见 cell.
TEST(FormsImages, ShippedExpertFormReadBackFromOutside) {
  const fs::path dir = test::scratch_path("expert-form");
  const fs::path src = test::source_dir();
  const auto r = test::run_gongwen("render '" + (src / "layouts/expert-form.toml").string() + "' '" +
                                   (src / "examples/expert-form/records.json").string() + "' -o '" + dir.string() +
                                   "' --format pdf,xlsx");
  ASSERT_EQ(r.status, 0) << r.output;
  const fs::path pdf = dir / "records.pdf", xlsx = dir / "records.xlsx";
  ASSERT_TRUE(fs::exists(pdf) && fs::exists(xlsx));
  auto page = [&](int n) { return shell("pdftotext -f " + std::to_string(n) + " -l " + std::to_string(n) + " '" + pdf.string() + "' -"); };
  const std::string p1 = page(1), p2 = page(2), p3 = page(3);
  EXPECT_NE(p1.find("王丽华"), std::string::npos);
  EXPECT_NE(p1.find("☑财政财务"), std::string::npos) << p1;
  EXPECT_NE(p1.find("☐工程建设"), std::string::npos) << p1;
  EXPECT_NE(p1.find("☑财务类"), std::string::npos) << p1;
  EXPECT_NE(p1.find("☑本人承诺"), std::string::npos) << p1;
  EXPECT_NE(p1.find("示例市财政科学研究所承接的评价项目"), std::string::npos) << p1;  // 申请回避范围 shown
  EXPECT_EQ(p1.find("备注"), std::string::npos) << p1;   // remark empty: row left out
  EXPECT_EQ(p1.find("续聘推荐"), std::string::npos) << p1;  // note only for renewals
  EXPECT_NE(p2.find("陈建国"), std::string::npos);
  EXPECT_NE(p2.find("☑技术类"), std::string::npos) << p2;
  EXPECT_NE(p2.find("备注"), std::string::npos) << p2;
  EXPECT_NE(p2.find("本表为续聘推荐"), std::string::npos) << p2;
  EXPECT_EQ(p2.find("范围"), std::string::npos) << p2;  // no 申请回避范围 row
  EXPECT_NE(p3.find("赵敏"), std::string::npos);
  EXPECT_NE(p3.find("2024年3月20日"), std::string::npos) << p3;
  // Pictures per page (one form per page): photo and seal on pages 1 and 2, the photo alone on
  // page 3 (its record has no seal path).
  const std::string list = shell("pdfimages -list '" + pdf.string() + "'");
  auto count_on = [&](int n) {
    int k = 0;
    static const std::regex line(R"(^\s*(\d+)\s+\d+\s+(image|smask))");
    std::istringstream in(list);
    for (std::string l; std::getline(in, l);) {
      std::smatch m;
      if (std::regex_search(l, m, line) && std::stoi(m[1]) == n && m[2] == "image") ++k;
    }
    return k;
  };
  EXPECT_EQ(count_on(1), 2) << list;
  EXPECT_EQ(count_on(2), 2) << list;
  EXPECT_EQ(count_on(3), 1) << list;
  // The seal is stored once for both pages (one object number).
  EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 2 + 5 + 2) << list;  // head, 5 images, 2 soft masks
  const std::string fonts = shell("pdffonts '" + pdf.string() + "'");
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;  // the checkboxes' face, embedded
  // The workbook: a sheet per expert, the photo anchored in column E from the first row of the
  // table, the seal anchored too; the photo cell is a merged range over the first four rows.
  const std::string drawing1 = shell("unzip -p '" + xlsx.string() + "' xl/drawings/drawing1.xml");
  static const std::regex from(R"(<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>)");
  std::vector<std::pair<int, int>> anchors;
  for (std::sregex_iterator it(drawing1.begin(), drawing1.end(), from), e; it != e; ++it)
    anchors.push_back({std::stoi((*it)[1]), std::stoi((*it)[2])});
  ASSERT_EQ(anchors.size(), 2u) << drawing1;
  const std::string sheet1 = shell("unzip -p '" + xlsx.string() + "' xl/worksheets/sheet1.xml");
  static const std::regex merge(R"re(<mergeCell ref="E(\d+):E(\d+)"/>)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sheet1, m, merge)) << sheet1.substr(0, 2000);
  const int photo_top = std::stoi(m[1]) - 1, photo_bottom = std::stoi(m[2]) - 1;  // 0-based rows
  EXPECT_EQ(photo_bottom - photo_top, 3);
  // One picture anchored inside the photo's range (column E), the seal below it.
  const auto in_photo = [&](const std::pair<int, int>& a) { return a.first == 4 && a.second >= photo_top && a.second <= photo_bottom; };
  EXPECT_EQ(std::count_if(anchors.begin(), anchors.end(), in_photo), 1) << drawing1;
  EXPECT_EQ(std::count_if(anchors.begin(), anchors.end(), [&](const auto& a) { return a.second > photo_bottom + 10; }), 1) << drawing1;
  const std::string drawing3 = shell("unzip -p '" + xlsx.string() + "' xl/drawings/drawing3.xml");
  size_t pics = 0;
  for (size_t p = drawing3.find("<xdr:pic>"); p != std::string::npos; p = drawing3.find("<xdr:pic>", p + 1)) ++pics;
  EXPECT_EQ(pics, 1u) << drawing3;
  // openpyxl reads the workbook and finds the checkbox text and the merged photo range.
  const std::string py = shell("/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.worksheets[0]; "
                               "print(any('☑财政财务' in str(c.value) for r in ws.iter_rows() for c in r if c.value)); "
                               "print(sorted(str(r) for r in ws.merged_cells.ranges if str(r).startswith('E'))[:1])\" '" + xlsx.string() + "'");
  EXPECT_NE(py.find("True"), std::string::npos) << py;
  EXPECT_NE(py.find("E"), std::string::npos) << py;
}

}  // namespace
}  // namespace gongwen
