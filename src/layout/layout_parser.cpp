// Parsing layouts/*.toml into a Layout. Every value is read through TomlReader so errors are
// located; unknown keys are errors (a typo must not silently do nothing).
#include <algorithm>
#include <sstream>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>

#include "core/units.hpp"
#include "layout/layout.hpp"
#include "layout/limits.hpp"
#include "layout/parser_base.hpp"
#include "core/toml_guard.hpp"
#include "layout/table_grid.hpp"
#include "layout/toml_reader.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxXlsxHeaderChars = 255;  ///< Excel's limit for a page header or footer

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct Paper {
  std::string_view name;
  double w_mm, h_mm;
};
constexpr Paper kPapers[] = {{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"B5", 176, 250},
                             {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6}};

class Parser : public ParserBase {
 public:
  Parser(const fs::path& file, const FontBook& fonts) : ParserBase(file, fonts) {}

  std::shared_ptr<const Layout> parse(const toml::table& root) {
    auto layout = std::make_shared<Layout>();
    layout_ = layout.get();
    layout_->source = file_;
    TomlReader r(file_, root, "");
    std::optional<std::string> preset = r.string("preset");
    if (preset && *preset != "gbt9704") r.fail_key("preset", "unknown preset '" + *preset + "' (known: gbt9704)");
    if (preset) {
      gbt9704_ = true;
      apply_gbt9704_page(true);
    }
    if (auto page = r.table("page")) parse_page(*page);
    // The preset's styles follow the final page and grid; [styles] may override them by name.
    if (gbt9704_) make_gbt9704_styles();
    if (auto styles = r.table("styles")) parse_styles(*styles);
    for (auto& [name, style] : preset_styles_)
      if (!layout_->styles.count(name)) layout_->styles[name] = std::move(style);
    preset_styles_.clear();
    ensure_default_style();
    snap_styles_to_grid();
    if (gbt9704_) apply_gbt9704_furniture();
    if (auto d = r.table("document")) parse_document(*d);
    if (auto h = r.table("header")) layout_->header = parse_furniture(*h, layout_->header, layout_->page.top);
    if (auto f = r.table("footer")) layout_->footer = parse_furniture(*f, layout_->footer, layout_->page.bottom);
    for (auto& b : r.tables("front")) layout_->front.push_back(parse_block(b));
    for (auto& b : r.tables("back")) layout_->back.push_back(parse_block(b));
    if (auto rec = r.table("record")) {
      layout_->record_page_break = rec->boolean("page_break").value_or(false);
      if (auto bm = rec->string("bookmark")) layout_->bookmark = parse_template(*rec, "bookmark", *bm);
      for (auto& b : rec->tables("blocks")) layout_->record.push_back(parse_block(b));
      rec->finish({"page_break", "bookmark", "blocks"});
    }
    if (auto c = r.table("check")) parse_check(*c);
    if (auto x = r.table("xlsx")) parse_xlsx(*x);
    r.finish({"preset", "page", "styles", "document", "header", "footer", "front", "record", "back", "check", "xlsx"});
    if (layout_->record.empty() && layout_->front.empty() && layout_->back.empty())
      r.fail(nullptr, "the layout has no blocks: add [[front]], [[record.blocks]] and/or [[back]]");
    return layout;
  }

 private:
 private:
  // ---- page ---------------------------------------------------------------------------------
  void parse_page(TomlReader r) {
    PageSpec& p = layout_->page;
    if (auto preset = r.string("preset")) {
      if (*preset != "gbt9704") r.fail_key("preset", "unknown page preset '" + *preset + "' (known: gbt9704)");
      apply_gbt9704_page(gbt9704_);  // [page] preset alone sets the geometry only
    }
    if (auto paper = r.string("paper")) {
      const Paper* found = nullptr;
      for (const auto& k : kPapers)
        if (k.name.size() == paper->size() && std::equal(k.name.begin(), k.name.end(), paper->begin(),
                                                          [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
          found = &k;
      if (!found) r.fail_key("paper", "unknown paper '" + *paper + "' (known: A3, A4, A5, B5, Letter, Legal; or use size)");
      p.width = mm_to_pt(found->w_mm);
      p.height = mm_to_pt(found->h_mm);
    }
    if (const toml::node* n = r.node("size")) {
      const toml::array* a = n->as_array();
      if (!a || a->size() != 2) r.fail(n, r.key_path("size") + ": expected [width, height]");
      p.width = length_of(r, &(*a)[0], r.key_path("size") + "[0]", {limits::kMinPagePt, limits::kMaxPagePt});
      p.height = length_of(r, &(*a)[1], r.key_path("size") + "[1]", {limits::kMinPagePt, limits::kMaxPagePt});
    }
    if (auto o = r.string("orientation")) {
      if (*o == "landscape") { if (p.width < p.height) std::swap(p.width, p.height); }
      else if (*o == "portrait") { if (p.width > p.height) std::swap(p.width, p.height); }
      else r.fail_key("orientation", "expected \"portrait\" or \"landscape\"");
    }
    if (auto m = r.table("margins")) {
      // Each margin within the page; together they must leave a type area (checked below).
      if (auto v = opt_length(*m, "top", {0, p.height})) p.top = *v;
      if (auto v = opt_length(*m, "bottom", {0, p.height})) p.bottom = *v;
      if (auto v = opt_length(*m, "left", {0, p.width})) p.left = *v;
      if (auto v = opt_length(*m, "right", {0, p.width})) p.right = *v;
      m->finish({"top", "bottom", "left", "right"});
    }
    if (const toml::node* n = r.node("grid")) {
      if (n->value<bool>() == false) {
        p.grid_lines = p.grid_chars = 0;
      } else if (auto g = r.table("grid")) {
        auto lines = g->integer("lines"), chars = g->integer("chars");
        if (!lines || *lines < 1 || *lines > 200) g->fail_key("lines", "expected the number of lines per page (1 to 200)");
        if (!chars || *chars < 1 || *chars > 200) g->fail_key("chars", "expected the number of characters per line (1 to 200)");
        p.grid_lines = static_cast<int>(*lines);
        p.grid_chars = static_cast<int>(*chars);
        g->finish({"lines", "chars"});
      } else {
        r.fail(n, r.key_path("grid") + ": expected { lines = 22, chars = 28 } or false");
      }
    }
    r.finish({"preset", "paper", "size", "orientation", "margins", "grid"});
    if (p.type_width() < 20 || p.type_height() < 20) r.fail(nullptr, "page: the margins leave no room for text");
  }

  // ---- styles -------------------------------------------------------------------------------
  void parse_styles(TomlReader r) {
    // Styles may be based on others declared anywhere in the table: resolve in dependency order.
    std::vector<std::string> names;
    for (const auto& [k, v] : r.raw()) names.emplace_back(k.str());
    std::set<std::string> resolving;
    for (const auto& n : names) resolve_style(r, n, resolving);
    for (const auto& n : names) r.node(n);
    r.finish({});
  }

  const Style* resolve_style(TomlReader& parent, const std::string& name, std::set<std::string>& resolving) {
    if (auto it = layout_->styles.find(name); it != layout_->styles.end()) return it->second.get();
    auto sub = parent.table(name);
    if (!sub) parent.fail(nullptr, "styles: no style '" + name + "'");
    if (!resolving.insert(name).second) sub->fail(nullptr, sub->path() + ": based_on forms a cycle");
    TomlReader& r = *sub;
    auto style = std::make_unique<Style>();
    if (auto base = r.string("based_on")) {
      if (parent.has(*base)) *style = *resolve_style(parent, *base, resolving);
      else if (auto it = preset_styles_.find(*base); it != preset_styles_.end()) *style = *it->second;
      else r.fail_key("based_on", "unknown style '" + *base + "'");
    } else if (auto it = preset_styles_.find(name); it != preset_styles_.end()) {
      *style = *it->second;  // [styles.body] under a preset changes the preset's body
    } else {
      style->family = fonts_.canonical("宋体");
      style->paragraph.size = 12;
    }
    style->name = name;
    if (auto f = r.string("font")) {
      if (!fonts_.has_family(*f)) {
        std::string known;
        for (const auto& k : fonts_.families()) known += (known.empty() ? "" : ", ") + k;
        r.fail_key("font", "unknown font family '" + *f + "' (font map has: " + known + ")");
      }
      style->family = fonts_.canonical(*f);
    }
    if (auto w = r.string("weight")) {
      if (*w == "bold") style->weight = Weight::Bold;
      else if (*w == "regular" || *w == "normal") style->weight = Weight::Regular;
      else r.fail_key("weight", "expected \"regular\" or \"bold\"");
    }
    ParagraphStyle& ps = style->paragraph;
    parse_style_metrics(r, *style);
    const double em = ps.size;
    if (r.has("color")) ps.color = color(r, "color");
    if (auto a = r.string("align")) {
      if (*a == "justify") ps.align = Align::Justify;
      else if (*a == "left") ps.align = Align::Left;
      else if (*a == "center") ps.align = Align::Center;
      else if (*a == "right") ps.align = Align::Right;
      else r.fail_key("align", "expected justify, left, center or right");
    }
    if (auto a = r.string("valign")) {
      if (*a == "top") style->valign = VAlign::Top;
      else if (*a == "middle") style->valign = VAlign::Middle;
      else if (*a == "bottom") style->valign = VAlign::Bottom;
      else r.fail_key("valign", "expected top, middle or bottom");
    }
    const PageSpec& page = layout_->page;
    if (auto v = r.boolean("cjk_latin_space")) ps.cjk_latin_space = *v;
    if (auto v = r.string("punctuation")) {
      if (*v == "standard") ps.punctuation = PunctuationStyle::Standard;
      else if (*v == "compress") ps.punctuation = PunctuationStyle::Compress;
      else if (*v == "full_width") ps.punctuation = PunctuationStyle::FullWidth;
      else r.fail_key("punctuation", "expected \"standard\", \"compress\" or \"full_width\"");
    }
    if (auto v = r.string("line_start_bracket")) {
      if (*v == "full") ps.line_start_half = false;
      else if (*v == "half") ps.line_start_half = true;
      else r.fail_key("line_start_bracket", "expected \"full\" or \"half\"");
    }
    if (auto v = r.boolean("orphan_control")) ps.orphan_control = *v;
    if (auto v = r.boolean("glue_number_unit")) ps.breaks.glue_number_unit = *v;
    if (auto v = opt_length(r, "space_before", {0, page.type_height()}, em, "pt")) style->space_before = *v;
    if (auto v = opt_length(r, "space_after", {0, page.type_height()}, em, "pt")) style->space_after = *v;
    if (auto v = r.boolean("keep_with_next")) style->keep_with_next = *v;
    if (auto v = r.boolean("widow_control")) style->widow_control = *v;
    if (auto v = r.boolean("balance")) style->balance = *v;
    r.finish({"based_on", "font", "weight", "size", "color", "align", "valign", "indent", "hanging_indent",
              "line_pitch", "letter_spacing", "cjk_latin_space", "punctuation", "line_start_bracket", "orphan_control",
              "glue_number_unit", "space_before", "space_after", "keep_with_next", "widow_control", "balance"});
    ps.fonts = &fonts_.chain(style->family, style->weight);
    resolving.erase(name);
    const Style* out = style.get();
    layout_->styles[name] = std::move(style);
    return out;
  }

  /// size, indent, hanging_indent, line_pitch and letter_spacing: each in its range, and one
  /// line no taller than the type area.
  void parse_style_metrics(TomlReader& r, Style& style) {
    ParagraphStyle& ps = style.paragraph;
    if (const toml::node* n = r.node("size")) {
      std::optional<double> v;
      if (n->is_number()) v = *n->value<double>();
      else if (n->is_string()) v = parse_font_size(*n->value<std::string>());
      if (!v)
        r.fail(n, r.key_path("size") + ": expected a font size such as 16, \"16pt\", \"5.6mm\" or a 字号 (\"三号\", \"小四\")");
      check_range(r, n, r.key_path("size"), *v, {limits::kMinFontPt, limits::kMaxFontPt}, "pt");
      ps.size = *v;
    }
    const double em = ps.size;
    const PageSpec& page = layout_->page;
    if (auto v = opt_length(r, "indent", {0, page.type_width()}, em, "em")) ps.first_indent = *v;
    if (auto v = opt_length(r, "hanging_indent", {0, page.type_width()}, em, "em")) ps.hanging_indent = *v;
    if (const toml::node* n = r.node("line_pitch")) {
      if (n->is_number()) {
        const double m = *n->value<double>();
        check_range(r, n, r.key_path("line_pitch"), m, {limits::kMinPitchEm, limits::kMaxPitchEm}, "× the size");
        style.pitch_multiple = m;
        style.pitch_absolute = 0;
      } else {
        style.pitch_absolute = length(r, "line_pitch", {limits::kMinPitchEm * em, limits::kMaxPitchEm * em}, em, "pt");
      }
    }
    ps.line_pitch = style.pitch_absolute > 0 ? style.pitch_absolute : style.pitch_multiple * em;
    if (ps.line_pitch > page.type_height()) {
      // Blame the key that made the line too tall: the pitch when given here, else the size.
      const std::string_view key = r.has("line_pitch") ? "line_pitch" : r.has("size") ? "size" : "based_on";
      r.fail(r.has(key) ? r.raw().get(key) : nullptr,
             r.key_path(key) + ": a line of this style (" + std::to_string(std::lround(ps.line_pitch)) +
                 " pt) is taller than the type area (" + std::to_string(std::lround(page.type_height())) + " pt)");
    }
    if (auto v = opt_length(r, "letter_spacing", {limits::kMinSpacingEm * em, limits::kMaxSpacingEm * em}, em, "pt"))
      ps.letter_spacing = *v;
  }

  void ensure_default_style() {
    if (layout_->styles.count("default")) return;
    auto s = std::make_unique<Style>();
    s->name = "default";
    s->family = fonts_.canonical("宋体");
    s->paragraph.size = 12;
    s->paragraph.fonts = &fonts_.chain(s->family);
    s->paragraph.line_pitch = s->pitch_multiple * s->paragraph.size;
    layout_->styles["default"] = std::move(s);
  }
  // ---- document, furniture, check -----------------------------------------------------------
  void parse_document(TomlReader r) {
    layout_->title = opt_template(r, "title");
    layout_->author = opt_template(r, "author");
    layout_->subject = opt_template(r, "subject");
    layout_->keywords = opt_template(r, "keywords");
    if (auto d = r.string("date")) {
      int y = 0, m = 0, day = 0;
      if (std::sscanf(d->c_str(), "%4d-%2d-%2d", &y, &m, &day) != 3 || m < 1 || m > 12 || day < 1 || day > 31 ||
          !std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                       std::chrono::day{static_cast<unsigned>(day)}}.ok())
        r.fail_key("date", "expected an ISO date YYYY-MM-DD");
      layout_->date = *d;
    }
    if (auto p = r.string("pdfa")) {
      if (*p != "3u") r.fail_key("pdfa", "expected \"3u\" (PDF/A-3u, the archival level gongwen writes), got \"" + *p + "\"");
      layout_->pdfa = true;
    }
    if (auto d = r.table("defaults")) {
      // Document fields the data may leave out (a CSV or workbook has none of its own).
      std::ostringstream js;
      js << toml::json_formatter(d->raw());
      layout_->document_defaults = nlohmann::json::parse(js.str());
    }
    r.finish({"title", "author", "subject", "keywords", "date", "pdfa", "defaults"});
  }

  /// A [header]/[footer] over `base` (the preset's page numbers, or nothing); `margin` is the
  /// room between the type area and the page's edge on its side.
  Furniture parse_furniture(TomlReader r, const Furniture& base, double margin) {
    Furniture f = base;
    if (auto t = opt_template(r, "text")) f.text = std::move(t);
    f.style = style_ref(r, "style", f.style ? f.style : default_style());
    if (auto p = r.string("placement")) {
      using P = Furniture::Placement;
      if (*p == "center") f.placement = P::Center;
      else if (*p == "outside") f.placement = P::Outside;
      else if (*p == "inside") f.placement = P::Inside;
      else if (*p == "left") f.placement = P::Left;
      else if (*p == "right") f.placement = P::Right;
      else r.fail_key("placement", "expected center, outside (odd pages right, even left), inside, left or right");
    }
    const double em = f.style->paragraph.size;
    f.distance = opt_length(r, "distance", {0, margin}, em).value_or(base.text ? base.distance : mm_to_pt(7));
    f.side = opt_length(r, "side", {0, layout_->page.type_width()}, em, "em")
                 .value_or(base.text && base.style == f.style ? base.side : em);
    f.skip_first = r.boolean("skip_first").value_or(f.skip_first);
    r.finish({"text", "style", "placement", "distance", "side", "skip_first"});
    return f;
  }

  void parse_check(TomlReader r) {
    layout_->band_score_field = r.string("score_field").value_or("score");
    layout_->band_label_field = r.string("label_field").value_or("conclusion");
    for (auto& b : r.tables("bands")) {
      ScoreBand band;
      band.min = b.number("min").value_or(0);
      auto label = b.string("label");
      if (!label) b.fail(nullptr, b.path() + ": needs a label");
      band.label = *label;
      b.finish({"min", "label"});
      layout_->bands.push_back(band);
    }
    std::sort(layout_->bands.begin(), layout_->bands.end(), [](auto& a, auto& b) { return a.min > b.min; });
    r.finish({"score_field", "label_field", "bands"});
  }

  void parse_xlsx(TomlReader r) {
    XlsxSpec& x = layout_->xlsx;
    x.sheet_name = opt_template(r, "sheet_name");
    x.footer = r.string("footer").value_or(x.footer);
    x.header = r.string("header").value_or(x.header);
    // Excel refuses longer page headers and footers; found here, before any output is written.
    for (const char* key : {"header", "footer"})
      if (const std::string& t = key[0] == 'h' ? x.header : x.footer; utf8_length(t) > kMaxXlsxHeaderChars)
        r.fail_key(key, std::to_string(utf8_length(t)) + " characters; an XLSX page " + key + " holds at most " +
                            std::to_string(kMaxXlsxHeaderChars));
    x.max_record_sheets =
        static_cast<size_t>(opt_count(r, "max_record_sheets", 0, limits::kMaxRecordSheets, "a number of sheets").value_or(2000));
    if (auto s = r.table("summary")) {
      x.summary_name = s->string("name").value_or(x.summary_name);
      x.summary_title = opt_template(*s, "title");
      x.total_label = s->string("total_label").value_or(x.total_label);
      x.summary_style = style_ref(*s, "style", default_style());
      x.summary_header_style = style_ref(*s, "header_style", x.summary_style);
      for (auto& c : s->tables("columns")) {
        XlsxSpec::SummaryColumn col;
        col.header = c.string("header").value_or("");
        auto v = c.string("value");
        if (!v) c.fail(nullptr, c.path() + ": needs value = \"{{field}}\"");
        col.value = parse_template(c, "value", *v);
        if (c.has("width")) col.width = length(c, "width", {0, limits::kMaxSummaryColumnPt});
        col.total = c.boolean("total").value_or(false);
        col.number_format = c.string("number_format").value_or("");
        c.finish({"header", "value", "width", "total", "number_format"});
        x.summary.push_back(std::move(col));
      }
      s->finish({"name", "title", "total_label", "style", "header_style", "columns"});
    }
    if (!x.summary_style) x.summary_style = x.summary_header_style = default_style();
    r.finish({"sheet_name", "footer", "header", "max_record_sheets", "summary"});
  }

  // ---- blocks -------------------------------------------------------------------------------
  Block parse_block(TomlReader& r) {
    Condition when = opt_template(r, "when");  // any block: shown only when it holds
    Block b = parse_block_body(r);
    std::visit([&](auto& x) { x.when = std::move(when); }, b);
    return b;
  }

  Block parse_block_body(TomlReader& r) {
    auto type = r.string("type");
    static const std::string kTypes = "paragraph, table, signoff, spacer, image, rule, attachments, signature, banji, masthead";
    if (!type) r.fail(nullptr, r.path() + ": needs a type (" + kTypes + ")");
    if (*type == "paragraph") return parse_paragraph(r);
    if (*type == "table") return parse_table(r);
    if (*type == "signoff") return parse_signoff(r);
    if (*type == "spacer") {
      SpacerBlock s;
      if (!r.has("height") && !r.has("lines")) r.fail(nullptr, r.path() + ": a spacer needs height or lines");
      if (r.has("height")) s.height = length(r, "height", {0, layout_->page.type_height()});
      if (auto n = opt_count(r, "lines", 0, 200, "a number of lines")) s.lines = static_cast<int>(*n);
      r.finish({"type", "height", "lines"});
      return s;
    }
    if (auto b = parse_official_block(r, *type)) return std::move(*b);
    r.fail_key("type", "unknown block type '" + *type + "' (" + kTypes + ")");
  }

  ParagraphBlock parse_paragraph(TomlReader& r) {
    ParagraphBlock p;
    auto text = r.string("text");
    if (!text) r.fail(nullptr, r.path() + ": a paragraph needs text");
    p.text = parse_template(r, "text", *text);
    note_paragraph_list(p.text);
    p.style = style_ref(r, "style", default_style());
    check_layout_text(r, "text", p.text, p.style);
    p.keep_with_next = r.boolean("keep_with_next").value_or(false);
    p.headings = parse_headings(r);
    r.finish({"type", "text", "style", "keep_with_next", "headings"});
    return p;
  }

  TableBlock parse_table(TomlReader& r) {
    TableBlock t;
    t.caption = opt_template(r, "caption");
    t.caption_style = style_ref(r, "caption_style", default_style());
    if (t.caption) check_layout_text(r, "caption", *t.caption, t.caption_style);
    const Style* label = style_ref(r, "label_style", default_style());
    const Style* value = style_ref(r, "value_style", default_style());
    parse_columns(r, t);
    if (auto v = opt_length(r, "border", {0, limits::kMaxBorderPt}, 0, "pt")) t.border_outer = *v;
    if (auto v = opt_length(r, "inner_border", {0, limits::kMaxBorderPt}, 0, "pt")) t.border_inner = *v;
    if (r.has("border_color")) t.border_color = color(r, "border_color");
    if (const toml::node* n = r.node("padding")) {
      const double em = value->paragraph.size;
      if (const toml::array* a = n->as_array()) {
        if (a->size() != 2) r.fail(n, r.key_path("padding") + ": expected [vertical, horizontal]");
        t.pad_top = t.pad_bottom = length_of(r, &(*a)[0], r.key_path("padding") + "[0]", {0, limits::kMaxPaddingPt}, em);
        t.pad_left = t.pad_right = length_of(r, &(*a)[1], r.key_path("padding") + "[1]", {0, limits::kMaxPaddingPt}, em);
      } else {
        t.pad_top = t.pad_bottom = t.pad_left = t.pad_right = length(r, "padding", {0, limits::kMaxPaddingPt}, em);
      }
    }
    t.continued_mark = r.string("continued").value_or(t.continued_mark);
    if (auto v = opt_length(r, "space_after", {0, layout_->page.type_height()}, 0, "pt")) t.space_after = *v;
    auto rows = r.tables("rows");
    if (rows.empty()) r.fail(nullptr, r.path() + ": a table needs [[" + r.key_path("rows") + "]]");
    for (auto& row : rows) t.rows.push_back(parse_row(row, t, label, value));
    check_rows_fit(rows, t);
    resolve_table_grid(t, file_);
    r.finish({"type", "caption", "caption_style", "label_style", "value_style", "columns", "border", "inner_border",
              "border_color", "padding", "continued", "space_after", "rows"});
    return t;
  }

  /// Every row, at its smallest (one line of its tallest style, or min_height), must fit in the
  /// type area under the header rows repeated above it, the first rows under the caption's first
  /// line too: pagination could not place them otherwise.
  void check_rows_fit(std::vector<TomlReader>& rows, const TableBlock& t) {
    const double room = layout_->page.type_height();
    const double caption = t.caption ? t.caption_style->paragraph.pitch() : 0;
    double header = 0;
    bool leading = true;  // still in the rows that start the table with the caption
    for (size_t i = 0; i < t.rows.size(); ++i) {
      const RowSpec& row = t.rows[i];
      double h = row.min_height;
      for (const CellSpec& c : row.cells) h = std::max(h, c.style->paragraph.pitch() + t.pad_top + t.pad_bottom);
      const double above = header + (leading ? caption : 0);
      if (above + h > room + 0.01)
        rows[i].fail(nullptr, rows[i].path() + ": this row needs at least " + std::to_string(std::lround(h)) + " pt" +
                                  (above > 0 ? " below " + std::to_string(std::lround(above)) + " pt of caption and header rows" : "") +
                                  ", more than the type area's height (" + std::to_string(std::lround(room)) + " pt)");
      if (row.header && leading) header += h;  // pagination repeats the leading header rows
      else leading = false;
    }
  }

  /// columns = ["30mm", "1fr", …]: at most kMaxTableColumns, each at least kMinColumnPt wide once
  /// the fractions share out what the fixed widths leave of the type width.
  void parse_columns(TomlReader& r, TableBlock& t) {
    const toml::node* cols = r.node("columns");
    const std::string key = r.key_path("columns");
    if (!cols || !cols->is_array() || cols->as_array()->empty())
      r.fail(cols, key + ": expected a list of widths such as [\"30mm\", \"1fr\"]");
    const toml::array& list = *cols->as_array();
    if (list.size() > limits::kMaxTableColumns)
      r.fail(cols, key + ": " + std::to_string(list.size()) + " columns; a table has at most " +
                       std::to_string(limits::kMaxTableColumns));
    const double width = layout_->page.type_width();
    double fixed = 0, fractions = 0;
    for (const auto& c : list) {
      Column col;
      const std::string s = c.is_string() ? *c.value<std::string>() : "";
      if (c.is_number()) {
        col.fixed = mm_to_pt(*c.value<double>());
      } else if (s.size() > 2 && s.ends_with("fr")) {
        const std::string_view num(s.data(), s.size() - 2);
        auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), col.fraction);
        if (ec != std::errc() || p != num.data() + num.size()) r.fail(&c, key + ": bad fraction '" + s + "'");
      } else if (auto v = parse_length_pt(s)) {
        col.fixed = *v;
      } else {
        r.fail(&c, key + ": expected a width (\"30mm\", \"80pt\") or a fraction (\"1fr\"), got '" + s + "'");
      }
      if (col.fraction != 0) check_range(r, &c, key, col.fraction, {limits::kMinFraction, limits::kMaxFraction}, "fr");
      else check_range(r, &c, key, col.fixed, {limits::kMinColumnPt, width}, "pt");
      fixed += col.fixed;
      fractions += col.fraction;
      t.columns.push_back(col);
    }
    if (fixed > width + 0.01)
      r.fail(cols, key + ": the fixed widths add up to " + std::to_string(std::lround(pt_to_mm(fixed))) +
                       " mm, more than the type width (" + std::to_string(std::lround(pt_to_mm(width))) + " mm)");
    for (size_t i = 0; i < list.size(); ++i)
      if (t.columns[i].fraction > 0 && (width - fixed) * t.columns[i].fraction / fractions < limits::kMinColumnPt - 1e-9)
        r.fail(&list[i], key + ": column " + std::to_string(i + 1) + " would be narrower than 1 mm (the fractions share " +
                             std::to_string(std::lround(pt_to_mm(width - fixed))) + " mm)");
  }

  RowSpec parse_row(TomlReader& r, const TableBlock& t, const Style* label, const Style* value) {
    RowSpec row;
    row.header = r.boolean("header").value_or(false);
    row.omit_if_empty = r.boolean("omit_if_empty").value_or(false);
    row.when = opt_template(r, "when");
    row.for_each = opt_template(r, "for_each");
    if (row.for_each && row.for_each->fields().size() != 1)
      r.fail_key("for_each", "expected one list field, such as \"{{indicators}}\"");
    if (row.for_each) note_list_field(row.for_each->fields()[0]);
    if (const toml::node* m = r.node("merge")) {
      const toml::array* a = m->as_array();
      if (!a) r.fail(m, r.key_path("merge") + ": expected a list of column numbers (1-based)");
      for (const auto& v : *a) {
        auto i = v.value<int64_t>();
        if (!i || *i < 1 || *i > static_cast<int64_t>(t.columns.size()))
          r.fail(&v, r.key_path("merge") + ": column numbers run from 1 to " + std::to_string(t.columns.size()));
        row.merge_columns.push_back(static_cast<int>(*i - 1));
      }
    }
    if (auto v = opt_length(r, "min_height", {0, layout_->page.type_height()}, 0, "mm")) row.min_height = *v;
    const toml::node* cells = r.node("cells");
    if (!cells || !cells->is_array()) r.fail(cells, r.path() + ": needs cells = [ ... ]");
    row.key_path = r.path();
    row.line = static_cast<int>(cells->source().begin.line);
    row.column = static_cast<int>(cells->source().begin.column);
    // Header cells are labels whatever their text (a templated column head included).
    const Style* fixed_style = row.header ? label : nullptr;
    size_t i = 0;
    for (const auto& c : *cells->as_array()) {
      CellSpec cell;
      cell.key_path = r.key_path("cells") + "[" + std::to_string(i++) + "]";
      cell.line = static_cast<int>(c.source().begin.line);
      cell.column = static_cast<int>(c.source().begin.column);
      if (c.is_string()) {
        toml::table tt;
        tt.insert("text", c);
        TomlReader cr(file_, tt, cell.key_path);
        fill_cell(cell, cr, label, value, fixed_style);
      } else if (const toml::table* ct = c.as_table()) {
        TomlReader cr(file_, *ct, cell.key_path);
        fill_cell(cell, cr, label, value, fixed_style);
        fill_cell_extras(cell, cr);
        cr.finish({"text", "style", "colspan", "rowspan", "when", "image", "image_width", "image_height", "image_behind"});
      } else {
        r.fail(&c, cell.key_path + ": expected a string or { text = ..., style = ... }");
      }
      row.cells.push_back(std::move(cell));
    }
    link_aggregates(r, row, t);
    r.finish({"header", "omit_if_empty", "when", "for_each", "merge", "min_height", "cells", "group_by", "subtotal"});
    return row;
  }

  /// group_by / subtotal / aggregate cells: checked against the rows above.
  void link_aggregates(TomlReader& r, RowSpec& row, const TableBlock& t) {
    row.group_by = opt_template(r, "group_by");
    row.subtotal = r.boolean("subtotal").value_or(false);
    if (row.group_by && !row.for_each) r.fail_key("group_by", "group_by needs for_each in the same row");
    bool aggregates = false;
    for (const CellSpec& c : row.cells)
      for (const auto& f : c.text.fields()) aggregates = aggregates || f.find('(') != std::string::npos;
    int source = -1;
    for (int i = static_cast<int>(t.rows.size()) - 1; i >= 0 && source < 0; --i)
      if (t.rows[static_cast<size_t>(i)].for_each) source = i;
    if (row.subtotal) {
      const bool after = !t.rows.empty() && (t.rows.back().subtotal || t.rows.back().for_each);
      if (!after || source < 0 || !t.rows[static_cast<size_t>(source)].group_by)
        r.fail_key("subtotal", "a subtotal row follows a for_each row with group_by (or another subtotal row)");
    }
    if (!aggregates && !row.subtotal) return;
    if (row.for_each) r.fail_key("cells", "sum(), count(), avg(), min() and max() go in the rows after a for_each row, not in it");
    if (source < 0) r.fail_key("cells", "sum(), count(), avg(), min() and max() need a for_each row above them in the table");
    row.aggregate_of = source;
  }

  void fill_cell(CellSpec& cell, TomlReader& cr, const Style* label, const Style* value, const Style* fixed_style) {
    auto text = cr.string("text").value_or("");
    cell.text = parse_template(cr, "text", text);
    cell.is_label = cell.text.is_static();
    cell.style = style_ref(cr, "style", fixed_style ? fixed_style : cell.is_label ? label : value);
    check_layout_text(cr, "text", cell.text, cell.style, cell.line, cell.column);
    // Checked before narrowing to int, so 2^32 + 1 is not taken for 1.
    cell.colspan = static_cast<int>(opt_count(cr, "colspan", 1, 64, "a number of columns").value_or(1));
    cell.rowspan = static_cast<int>(opt_count(cr, "rowspan", 1, 1000, "a number of rows").value_or(1));
  }

  /// A cell's `when` and its picture (`image`, fitted into `image_width` × `image_height`).
  void fill_cell_extras(CellSpec& cell, TomlReader& cr) {
    cell.when = opt_template(cr, "when");
    if (cell.when) cell.is_label = false;  // its content depends on the record
    const PageSpec& page = layout_->page;
    if (auto v = opt_length(cr, "image_width", {0.1, page.type_width()})) cell.image_width = *v;
    if (auto v = opt_length(cr, "image_height", {0.1, page.type_height()})) cell.image_height = *v;
    cell.image_behind = cr.boolean("image_behind").value_or(false);
    const bool sized = cr.has("image_width") || cr.has("image_height") || cr.has("image_behind");
    if (!cr.has("image")) {
      if (sized) cr.fail(nullptr, cell.key_path + ": image_width, image_height and image_behind need image = \"…\"");
      return;
    }
    cell.image = opt_template(cr, "image");
    cell.is_label = false;  // never repeated with the continuation mark
    if (cell.image->is_static()) {
      cell.static_image = load_cell_image(cr);  // read with the layout: a mistake is the layout's
      cell.image.reset();
    }
  }

  SignoffBlock parse_signoff(TomlReader& r) {
    SignoffBlock s;
    s.style = style_ref(r, "style", default_style());
    const double em = s.style->paragraph.size;
    s.columns = static_cast<int>(opt_count(r, "columns", 1, 4, "a number of entries per row").value_or(2));
    const PageSpec& page = layout_->page;
    if (auto v = opt_length(r, "space_before", {0, page.type_height()}, em)) s.space_before = *v;
    if (auto v = opt_length(r, "line_gap", {0, page.type_height()}, em)) s.line_gap = *v;
    if (auto v = opt_length(r, "blank_width", {0, page.type_width()}, em)) s.blank_width = *v;
    auto entries = r.tables("entries");
    if (entries.empty()) r.fail(nullptr, r.path() + ": a signoff block needs [[" + r.key_path("entries") + "]]");
    for (auto& e : entries) {
      SignoffBlock::Entry entry{parse_template(e, "label", e.string("label").value_or("")),
                                parse_template(e, "value", e.string("value").value_or(""))};
      check_layout_text(e, "label", entry.label, s.style);
      check_layout_text(e, "value", entry.value, s.style);
      e.finish({"label", "value"});
      s.entries.push_back(std::move(entry));
    }
    r.finish({"type", "style", "columns", "space_before", "line_gap", "blank_width", "entries"});
    return s;
  }

};

}  // namespace

/// The layout's text, refused when too large (load_layout_text checks it further).
static std::string read_layout_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(path, ec)) throw Error(ErrorKind::Layout, path.string() + ": cannot open layout file");
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > limits::kMaxLayoutBytes)
      throw Error(ErrorKind::Layout, path.string() + ": larger than " + std::to_string(limits::kMaxLayoutBytes >> 20) +
                                         " MiB; a layout file is at most that");
  }
  return text;
}

std::shared_ptr<const Layout> load_layout(const fs::path& path, const FontBook& fonts) {
  return load_layout_text(read_layout_text(path), path, fonts);
}

std::shared_ptr<const Layout> load_layout_text(std::string_view text, const fs::path& path, const FontBook& fonts) {
  if (text.size() > limits::kMaxLayoutBytes)
    throw Error(ErrorKind::Layout, path.string() + ": larger than " + std::to_string(limits::kMaxLayoutBytes >> 20) +
                                       " MiB; a layout file is at most that");
  check_toml_nesting(text, path.string(), limits::kMaxLayoutNesting);
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    throw Error(ErrorKind::Layout, at(path.string(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                                      "TOML syntax error: " + std::string(e.description())));
  }
  try {
    return Parser(path, fonts).parse(root);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Font) throw Error(ErrorKind::Layout, path.string() + ": " + e.what(), in_file(path.string()), e.what());
    throw;
  }
}

}  // namespace gongwen
