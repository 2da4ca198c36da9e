// The GB/T 9704-2012 preset: A4 with the 156 × 225 mm type area, the 22 × 28 grid, the named
// styles of an official document and page numbers "— 1 —" (spec §1–2).
#include <cmath>

#include "layout/parser_base.hpp"

namespace gongwen {

void ParserBase::apply_gbt9704_page(bool grid) {
  PageSpec& p = layout_->page;
  p.width = mm_to_pt(210);
  p.height = mm_to_pt(297);
  p.top = mm_to_pt(37);
  p.bottom = mm_to_pt(35);
  p.left = mm_to_pt(28);
  p.right = mm_to_pt(26);
  if (grid) {
    p.grid_lines = 22;
    p.grid_chars = 28;
  }
}

void ParserBase::make_gbt9704_styles() {
  const PageSpec& pg = layout_->page;
  // Without a grid ([page] grid = false) the preset keeps 三号 on its natural pitch.
  const double pitch = pg.grid_lines > 0 ? pg.grid_pitch() : 28.95;
  auto make = [&](const std::string& name, const char* family, double size, Align align) {
    auto s = std::make_unique<Style>();
    s->name = name;
    s->family = fonts_.canonical(family);
    s->paragraph.size = size;
    s->paragraph.align = align;
    s->pitch_absolute = pitch;
    s->paragraph.line_pitch = pitch;
    s->paragraph.fonts = &fonts_.chain(s->family, s->weight);
    Style* out = s.get();
    preset_styles_[name] = std::move(s);
    return out;
  };
  // 三号 text on the character grid: 28 characters fill the 156 mm measure exactly, by tracking
  // (15.793 pt per character, so −0.207 pt after each 16 pt glyph).
  const double size = 16;
  const double char_pitch = pg.grid_chars > 0 ? pg.char_pitch() : size;
  auto text = [&](const std::string& name, const char* family, double indent_chars) {
    Style* s = make(name, family, size, Align::Justify);
    s->paragraph.letter_spacing = char_pitch - size;
    s->paragraph.first_indent = indent_chars * char_pitch;
    s->paragraph.punctuation = PunctuationStyle::FullWidth;  // marks on the grid, lines end flush
    s->widow_control = false;  // 撑满版心: every page carries its 22 lines
    return s;
  };
  text("default", "仿宋", 0);
  text("body", "仿宋", 2);
  text("addressee", "仿宋", 0);    // 主送机关: 顶格
  text("attachment", "仿宋", 0);   // 附件说明: the block indents it
  Style* signature = text("signature", "仿宋", 0);
  signature->paragraph.align = Align::Left;
  signature->paragraph.cjk_latin_space = false;  // dates set solid: "2018年7月1日" (§7.3.5.4)
  text("h1", "黑体", 2)->keep_with_next = true;   // 一、
  text("h2", "楷体", 2)->keep_with_next = true;   // （一）
  text("h3", "仿宋", 2)->keep_with_next = true;   // 1.
  text("h4", "仿宋", 2)->keep_with_next = true;   // （1）
  Style* title = make("title", "小标宋", 22, Align::Center);  // 2号小标宋
  title->balance = true;
  title->keep_with_next = true;
  title->paragraph.orphan_control = false;  // balancing decides the lines
  title->paragraph.punctuation = PunctuationStyle::FullWidth;
  Style* banji = make("banji", "仿宋", 14, Align::Justify);  // 4号仿宋
  banji->widow_control = false;
  banji->paragraph.punctuation = PunctuationStyle::FullWidth;
  banji->paragraph.cjk_latin_space = false;  // 印发日期 set solid, as the signature's date
  make("page_number", "宋体", 14, Align::Left);  // 4号 半角宋体
  // 版头 (§7.2): 发文机关标志 in red 小标宋 (初号 here; the standard leaves the size to the
  // office), 发文字号 3号仿宋 centred, 密级 and 紧急程度 3号黑体 顶格.
  Style* mark = make("masthead", "小标宋", 42, Align::Center);
  mark->paragraph.color = Color{1, 0, 0};
  mark->paragraph.orphan_control = false;
  text("doc_number", "仿宋", 0)->paragraph.align = Align::Center;
  text("masthead_note", "黑体", 0)->paragraph.align = Align::Left;
}

void ParserBase::apply_gbt9704_furniture() {
  Furniture& f = layout_->footer;
  f.text = Template::parse("— {{page}} —");
  f.style = named_style("page_number", default_style());
  f.placement = Furniture::Placement::Outside;  // odd pages right, even pages left
  f.distance = mm_to_pt(7);                      // 一字线 7 mm below the type area
  f.side = f.style->paragraph.size;              // 空一字
}

void ParserBase::snap_styles_to_grid() {
  const double g = layout_->page.grid_pitch();
  if (g <= 0) return;
  for (auto& [name, s] : layout_->styles) {
    // A line takes as many grid lines as its pitch needs, at least one ("snap to grid").
    const double lines = std::max(1.0, std::ceil(s->paragraph.pitch() / g - 0.02));
    s->paragraph.line_pitch = lines * g;
  }
}

}  // namespace gongwen
