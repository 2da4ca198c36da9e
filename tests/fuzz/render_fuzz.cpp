// End to end: the input drives a generator of a small layout (page, styles, footer, paragraphs,
// tables with spans, spacers, rules, signoffs, a workbook summary) and of 1–3 records, which are
// then laid out and written as PDF (in memory) and XLSX (to the scratch folder). Values stay in
// the ranges where issue #14's separately tracked bugs (huge lengths, NaN sizes, lines taller
// than the page, rowspans past the last row, tiny XLSX columns) cannot fire; everything else —
// the text, the structure, the combinations — comes from the input.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "flow/compose.hpp"
#include "fuzz_support.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "xlsx/xlsx_writer.hpp"

namespace {

using gongwen::ErrorKind;
using nlohmann::json;

template <size_t N>
const char* pick(FuzzedDataProvider& in, const char* const (&options)[N]) {
  return options[in.ConsumeIntegralInRange<size_t>(0, N - 1)];
}

std::string mm(FuzzedDataProvider& in, int lo, int hi) { return "\"" + std::to_string(in.ConsumeIntegralInRange(lo, hi)) + "mm\""; }

/// Text from pieces: CJK, punctuation that line breaking cares about, Latin, digits, spaces,
/// line breaks, and now and then a character no shipped font covers.
std::string text(FuzzedDataProvider& in, size_t max_pieces) {
  static const char* const kPieces[] = {"中", "文", "国", "财政", "项目", "。", "，", "、", "；", "：", "（", "）", "《", "》",
                                        "“", "”", "——", "……", "A", "b", "word ", "https://example.org/a/long/path",
                                        "1", "20", "0.5", "%", "万元", " ", "　", "\n", "一、", "（一）", "1.", "（1）",
                                        "é", "Ω", "¥", "€", "–", "ｱ", "\t", "壹", "〇"};
  std::string s;
  for (size_t n = in.ConsumeIntegralInRange<size_t>(0, max_pieces); n > 0 && in.remaining_bytes(); --n) s += pick(in, kPieces);
  if (in.ConsumeIntegralInRange(0, 63) == 0) s += "😀";  // rare: it fails the whole record
  return s;
}

void styles(FuzzedDataProvider& in, std::string& t) {
  static const char* const kFonts[] = {"宋体", "仿宋", "黑体", "楷体", "小标宋", "仿宋_GB2312"};
  static const char* const kSizes[] = {"9", "10.5", "12", "14", "16", "\"三号\"", "\"小四\"", "\"二号\"", "\"12pt\"", "\"5mm\""};
  static const char* const kAlign[] = {"justify", "left", "center", "right"};
  static const char* const kValign[] = {"top", "middle", "bottom"};
  static const char* const kPitch[] = {"1.0", "1.25", "1.5", "2", "\"20pt\"", "\"28.95pt\""};
  static const char* const kSpacing[] = {"0", "0.5", "-0.5", "2"};
  static const char* const kPunct[] = {"standard", "compress", "full_width"};
  for (int k = 0; k < 3; ++k) {
    t += "[styles.s" + std::to_string(k) + "]\nfont = \"" + pick(in, kFonts) + "\"\nsize = " + pick(in, kSizes) +
         "\nalign = \"" + pick(in, kAlign) + "\"\nvalign = \"" + pick(in, kValign) + "\"\nline_pitch = " + pick(in, kPitch) +
         "\nletter_spacing = " + pick(in, kSpacing) + "\npunctuation = \"" + pick(in, kPunct) + "\"\n";
    if (in.ConsumeBool()) t += "indent = " + std::to_string(in.ConsumeIntegralInRange(0, 3)) + "\n";
    if (in.ConsumeBool()) t += "hanging_indent = " + std::to_string(in.ConsumeIntegralInRange(0, 2)) + "\n";
    if (in.ConsumeBool()) t += "weight = \"bold\"\n";
    for (const char* flag : {"orphan_control", "widow_control", "balance", "glue_number_unit", "cjk_latin_space", "keep_with_next"})
      if (in.ConsumeBool()) t += std::string(flag) + " = " + (in.ConsumeBool() ? "true" : "false") + "\n";
    if (in.ConsumeBool()) t += "space_before = " + std::to_string(in.ConsumeIntegralInRange(0, 12)) + "\n";
  }
}

const char* value_template(FuzzedDataProvider& in) {
  static const char* const kTemplates[] = {
      "{{t0}}", "{{t1}}", "{{list}}", "{{t2 | trim}}", "前缀{{num | fixed(2)}}万元", "{{num | daxie(rmb)}}",
      "{{num | group}}", "{{num | percent(1)}}", "{{num | wan}}", "{{num | decimals(2, 4)}}",
      "{{list | numbered(\"1、\")}}", "{{list | numbered(\"（一）\", always)}}", "{{list | join}}", "{{list | count}}",
      "{{missing | default(\"—\")}}", "{{t2}}{{t3}}", "{{date | date(cn)}}", "{{date | date}}", "{{t0 | upper}}",
      "第{{index}}号", "{{document.title}}", "固定文字"};
  return pick(in, kTemplates);
}

/// Cells for `rows` × `cols`, spans inside the grid (a rowspan never reaches past the last row).
void table_rows(FuzzedDataProvider& in, std::string& t, const std::string& key, int cols) {
  const int rows = in.ConsumeIntegralInRange(1, 5);
  std::vector<std::vector<bool>> used(rows, std::vector<bool>(cols, false));
  for (int r = 0; r < rows; ++r) {
    t += "[[" + key + ".rows]]\n";
    if (r == 0 && in.ConsumeBool()) t += "header = true\n";
    if (in.ConsumeIntegralInRange(0, 7) == 0) t += "omit_if_empty = true\n";
    if (in.ConsumeIntegralInRange(0, 7) == 0) t += "min_height = " + std::to_string(in.ConsumeIntegralInRange(1, 30)) + "\n";
    t += "cells = [";
    for (int c = 0; c < cols;) {
      if (used[r][c]) { ++c; continue; }
      int free = 0;
      while (c + free < cols && !used[r][c + free]) ++free;
      const int colspan = in.ConsumeIntegralInRange(1, free), rowspan = in.ConsumeIntegralInRange(1, rows - r);
      for (int dr = 0; dr < rowspan; ++dr)
        for (int dc = 0; dc < colspan; ++dc) used[r + dr][c + dc] = true;
      t += "{ text = '" + std::string(value_template(in)) + "', colspan = " + std::to_string(colspan) +
           ", rowspan = " + std::to_string(rowspan) + (in.ConsumeBool() ? ", style = \"s1\"" : "") + " }, ";
      c += colspan;
    }
    t += "]\n";
  }
  if (cols >= 2 && in.ConsumeBool())
    t += "[[" + key + ".rows]]\nfor_each = \"{{rows}}\"\nmerge = [1]\ncells = [\"{{item.a}}\", \"{{n}}、{{item.b}}\"" +
         std::string(cols > 2 ? ", { text = '{{item.b}}', colspan = " + std::to_string(cols - 2) + " }" : "") + "]\n";
}

void block(FuzzedDataProvider& in, std::string& t, const std::string& key) {
  static const char* const kColumns[] = {"\"20mm\"", "\"30mm\"", "\"45mm\"", "\"1fr\"", "\"2fr\""};
  static const char* const kStyle[] = {"s0", "s1", "s2"};
  t += "[[" + key + "]]\n";
  switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0:
    case 1:
      t += "type = \"paragraph\"\ntext = '" + std::string(value_template(in)) + "'\nstyle = \"" + pick(in, kStyle) + "\"\n";
      if (in.ConsumeBool()) t += "keep_with_next = true\n";
      break;
    case 2: {
      const int cols = in.ConsumeIntegralInRange(1, 4);
      t += "type = \"table\"\ncaption = '表{{index}}'\ncaption_style = \"s0\"\nlabel_style = \"s1\"\nvalue_style = \"s2\"\ncolumns = [";
      for (int c = 0; c < cols; ++c) t += std::string(pick(in, kColumns)) + ", ";
      t += "]\n";
      if (in.ConsumeBool()) t += "border = \"" + std::string(in.ConsumeBool() ? "0.5pt" : "2pt") + "\"\n";
      if (in.ConsumeBool()) t += "padding = [\"1mm\", \"2mm\"]\n";
      if (in.ConsumeBool()) t += "space_after = " + mm(in, 0, 10) + "\n";
      table_rows(in, t, key, cols);
      break;
    }
    case 3:
      t += "type = \"spacer\"\n" + std::string(in.ConsumeBool() ? "height = " + mm(in, 1, 30) : "lines = 1") + "\n";
      break;
    case 4:
      t += "type = \"rule\"\nthickness = \"0.5mm\"\ncolor = \"#C00000\"\nspace_after = 6\n";
      break;
    default:
      t += "type = \"signoff\"\nstyle = \"s2\"\ncolumns = " + std::to_string(in.ConsumeIntegralInRange(1, 3)) + "\n";
      for (int e = in.ConsumeIntegralInRange(1, 3); e > 0; --e)
        t += "[[" + key + ".entries]]\nlabel = \"评价单位：\"\nvalue = '" + value_template(in) + "'\n";
  }
}

std::string layout(FuzzedDataProvider& in) {
  static const char* const kPaper[] = {"A4", "A5", "B5", "Letter"};
  std::string t = "[page]\npaper = \"" + std::string(pick(in, kPaper)) + "\"\n";
  if (in.ConsumeBool()) t += "orientation = \"landscape\"\n";
  t += "margins = { top = " + mm(in, 10, 40) + ", bottom = " + mm(in, 10, 40) + ", left = " + mm(in, 10, 30) +
       ", right = " + mm(in, 10, 30) + " }\n";
  if (in.ConsumeIntegralInRange(0, 3) == 0)
    t += "grid = { lines = " + std::to_string(in.ConsumeIntegralInRange(15, 28)) +
         ", chars = " + std::to_string(in.ConsumeIntegralInRange(15, 30)) + " }\n";
  t += "[document]\ntitle = '{{document.title | join(\"\")}}'\ndate = \"2018-06-30\"\n";
  styles(in, t);
  if (in.ConsumeBool())
    t += "[footer]\ntext = '— {{page}} / {{pages}} —'\nstyle = \"s2\"\nplacement = \"" +
         std::string(in.ConsumeBool() ? "outside" : "center") + "\"\n";
  if (in.ConsumeBool()) t += "[[front]]\ntype = \"paragraph\"\ntext = \"{{document.title}}\"\nstyle = \"s0\"\n";
  t += "[record]\npage_break = " + std::string(in.ConsumeBool() ? "true" : "false") + "\n";
  if (in.ConsumeBool()) t += "bookmark = '{{t0}}'\n";
  for (int n = in.ConsumeIntegralInRange(1, 4), k = 0; k < n; ++k) block(in, t, "record.blocks");
  if (in.ConsumeBool()) {
    t += "[xlsx]\nsheet_name = '{{t1}}'\n[xlsx.summary]\ntitle = '{{document.title | join(\"\")}}'\n";
    t += "[[xlsx.summary.columns]]\nheader = \"序号\"\nvalue = \"{{index}}\"\n";
    t += "[[xlsx.summary.columns]]\nheader = \"金额\"\nvalue = '{{num | fixed(2)}}'\ntotal = true\n";
    t += "[[xlsx.summary.columns]]\nheader = \"名称\"\nvalue = '" + std::string(value_template(in)) + "'\n";
  }
  return t;
}

json record(FuzzedDataProvider& in) {
  static const double kNumbers[] = {0, 1, -1, 20.645, 206450, 1234567.891, 0.8913, 1e15, -0.005, 99.995};
  json r = {{"t0", text(in, 40)}, {"t1", text(in, 8)}, {"t2", text(in, 20)}, {"t3", text(in, 60)}};
  r["num"] = in.ConsumeIntegralInRange(0, 7) ? json(kNumbers[in.ConsumeIntegralInRange(0, 9)]) : json(text(in, 3));
  r["date"] = in.ConsumeBool() ? json("2018-07-01") : json(text(in, 4));
  json list = json::array(), rows = json::array();
  for (int k = in.ConsumeIntegralInRange(0, 4); k > 0; --k) list.push_back(text(in, 30));
  for (int k = in.ConsumeIntegralInRange(0, 4); k > 0; --k) rows.push_back({{"a", text(in, 4)}, {"b", text(in, 12)}});
  r["list"] = list;
  r["rows"] = rows;
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongwen;
  FuzzedDataProvider in(data, size);
  const std::string layout_text = layout(in);
  // A list, as `join` in [document] title wants (a string there is a Data error, tested elsewhere).
  json title = json::array({text(in, 20)});
  if (in.ConsumeBool()) title.push_back(text(in, 10));
  const json document = {{"title", title}};
  std::vector<json> records;
  for (int k = in.ConsumeIntegralInRange(1, 3); k > 0; --k) records.push_back(record(in));

  std::shared_ptr<const Layout> lay;
  try {
    lay = load_layout(fuzz::scratch_file("layout.toml", layout_text), fuzz::fonts());
  } catch (const Error& e) {
    // The generator means to write valid layouts: GONGWEN_FUZZ_VERBOSE=1 shows those it did not.
    if (std::getenv("GONGWEN_FUZZ_VERBOSE")) std::fprintf(stderr, "%s\n---\n%s\n", layout_text.c_str(), e.what());
    if (e.kind() != ErrorKind::Layout) __builtin_trap();
    return 0;
  }
  DocumentInput ci;
  ci.document = &document;
  ci.data_name = "fuzz";
  for (size_t k = 0; k < records.size(); ++k) {
    ci.records.push_back(&records[k]);
    ci.indices.push_back(k + 1);
  }
  try {
    const BoundDocument bound = bind_document(*lay, ci);
    const std::string pdf = render_pdf(paginate(*lay, bound));
    if (pdf.compare(0, 5, "%PDF-") != 0 || pdf.find("%%EOF", pdf.size() - 8) == std::string::npos) __builtin_trap();
    const auto xlsx = fuzz::scratch_dir() / "out.xlsx";
    write_xlsx(*lay, bound, fuzz::fonts(), xlsx);
    std::ifstream f(xlsx, std::ios::binary);
    char magic[2] = {};
    if (!f.read(magic, 2) || magic[0] != 'P' || magic[1] != 'K') __builtin_trap();
  } catch (const Error& e) {
    if (std::getenv("GONGWEN_FUZZ_VERBOSE")) std::fprintf(stderr, "%s\n", e.what());
    if (e.kind() != ErrorKind::Data) __builtin_trap();  // bad text or values: the record's fault
  }
  return 0;
}
