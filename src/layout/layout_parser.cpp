// Parsing layouts/*.toml into a Layout: the top level, [page], [document], [header]/[footer],
// [check], [xlsx] and the block dispatch (styles: style_parser.cpp; tables and sign-off lines:
// table_parser.cpp; official blocks: official_blocks.cpp). Every value is read through TomlReader
// so errors are located; unknown keys are errors (a typo must not silently do nothing).
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

  // Styles: style_parser.cpp; tables and sign-off lines: table_parser.cpp (ParserBase members).

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
    // Drawn once a page is complete, away from any record: only the page number and count.
    if (f.text && r.has("text"))
      for (const std::string& field : f.text->fields())
        if (field != "page" && field != "pages" && !field.starts_with("document."))
          r.fail_key("text", "{{" + field + "}}: a header or footer shows only {{page}}, {{pages}} (the page number and count) and "
                             "document fields ({{document.title}})");
    f.style = style_ref(r, "style", f.style ? f.style : default_style());
    if (f.text && r.has("text")) check_layout_text(r, "text", *f.text, f.style);
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
    if (f.text && f.distance + em > margin + 0.01)  // it would be drawn off the page
      r.fail(nullptr, r.path() + ": no room in the " + (r.path() == "header" ? "top" : "bottom") + " margin (" +
                          std::to_string(std::lround(pt_to_mm(margin))) + " mm) for the text: its distance and one line need " +
                          std::to_string(std::lround(pt_to_mm(f.distance + em))) + " mm; give [page] margins or a smaller distance");
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
    if (auto b = parse_official_block(r, *type)) {
      check_official_text(r, *b);  // 附件：, 印发, a fixed 署名 … against their styles' fonts
      return std::move(*b);
    }
    r.fail_key("type", "unknown block type '" + *type + "' (" + kTypes + ")");
  }

  ParagraphBlock parse_paragraph(TomlReader& r) {
    ParagraphBlock p;
    if (const toml::node* n = r.node("text"); n && n->is_array())
      r.fail(n, r.key_path("text") + ": expected one template string; a field holding a list (\"{{items}}\") gives "
                                     "one paragraph per item, and fixed paragraphs are one block each");
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
