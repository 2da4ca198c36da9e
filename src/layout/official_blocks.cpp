// Layout blocks of official documents (GB/T 9704-2012 §7): image, rule, attachments (附件说明),
// signature (署名, 成文日期, seal), banji (版记) and masthead (版头); and headings = "auto" on
// paragraphs.
#include <cmath>
#include <fstream>
#include <iterator>

#include "layout/image_check.hpp"
#include "layout/limits.hpp"
#include "layout/parser_base.hpp"

namespace gongwen {

namespace fs = std::filesystem;

std::shared_ptr<const ImageData> ParserBase::load_image(TomlReader& r, std::string_view key) {
  auto name = r.string(key);
  if (!name || name->empty()) r.fail(nullptr, r.path() + ": needs " + std::string(key) + " = \"file.png\" (PNG or JPEG, relative to the layout)");
  const fs::path path = fs::path(*name).is_absolute() ? fs::path(*name) : file_.parent_path() / *name;
  std::string problem;
  auto img = read_image_file(path, fs::path(*name).filename().string(), problem);
  if (!img) r.fail_key(key, problem);
  return img;
}

/// Width and height in pt: either may be given; the other follows the image's aspect ratio.
void ParserBase::image_size(TomlReader& r, const ImageData& img, double& w, double& h, std::string_view wkey,
                            std::string_view hkey, double default_w) {
  const double aspect = static_cast<double>(img.height_px) / img.width_px;
  // Finite and positive here; the type area check below gives the sizes it found.
  auto wv = opt_length(r, wkey, {0, limits::kMaxPagePt}), hv = opt_length(r, hkey, {0, limits::kMaxPagePt});
  if ((wv && *wv <= 0) || (hv && *hv <= 0)) r.fail(nullptr, r.path() + ": image sizes must be positive");
  w = wv ? *wv : hv ? *hv / aspect : default_w;
  h = hv ? *hv : w * aspect;
  const PageSpec& p = layout_->page;
  if (w > p.type_width() + 0.01 || h > p.type_height() + 0.01)
    r.fail(nullptr, r.path() + ": the image (" + std::to_string(std::lround(pt_to_mm(w))) + " × " +
                        std::to_string(std::lround(pt_to_mm(h))) + " mm) is larger than the type area");
}

void ParserBase::given_sizes(TomlReader& r, double& w, double& h, std::string_view wkey, std::string_view hkey) {
  const PageSpec& p = layout_->page;
  w = opt_length(r, wkey, {0, p.type_width()}).value_or(0);
  h = opt_length(r, hkey, {0, p.type_height()}).value_or(0);
  if ((r.has(wkey) && w <= 0) || (r.has(hkey) && h <= 0)) r.fail(nullptr, r.path() + ": image sizes must be positive");
}

HeadingStyles ParserBase::parse_headings(TomlReader& r) {
  HeadingStyles h;
  const toml::node* n = r.node("headings");
  if (!n) return h;
  static const char* kNames[] = {"h1", "h2", "h3", "h4"};
  if (n->is_string()) {
    if (n->value<std::string>() != "auto") r.fail(n, r.key_path("headings") + ": expected \"auto\" or { h1 = \"style\", h2 = …, h3 = …, h4 = … }");
    for (int i = 0; i < 4; ++i) {
      h.level[static_cast<size_t>(i)] = named_style(kNames[i], nullptr);
      if (!h.level[static_cast<size_t>(i)])
        r.fail(n, r.key_path("headings") + ": \"auto\" needs the styles h1, h2, h3 and h4 (preset = \"gbt9704\" has them); '" +
                      kNames[i] + "' is not defined");
    }
  } else if (auto t = r.table("headings")) {
    // { h1 = "style", … }: only the levels named are detected.
    for (int i = 0; i < 4; ++i) h.level[static_cast<size_t>(i)] = style_ref(*t, kNames[i], nullptr);
    t->finish({"h1", "h2", "h3", "h4"});
  } else {
    r.fail(n, r.key_path("headings") + ": expected \"auto\" or { h1 = \"style\", h2 = …, h3 = …, h4 = … }");
  }
  return h;
}

void ParserBase::check_official_text(TomlReader& r, const Block& block) {
  auto opt = [&](std::string_view key, const std::optional<Template>& t, const Style* style) {
    if (t) check_layout_text(r, key, *t, style);
  };
  if (const auto* a = std::get_if<AttachmentBlock>(&block)) {
    check_layout_text(r, "items", a->items, a->style);
    check_layout_string(r, "label", a->label, a->style);
  } else if (const auto* s = std::get_if<SignatureBlock>(&block)) {
    check_layout_text(r, "name", s->name, s->style);
    check_layout_text(r, "date", s->date, s->style);
  } else if (const auto* b = std::get_if<BanjiBlock>(&block)) {
    opt("copy_to", b->copy_to, b->style);
    check_layout_string(r, "copy_label", b->copy_label, b->style);
    check_layout_text(r, "printed_by", b->printed_by, b->style);
    check_layout_text(r, "printed_on", b->printed_on, b->style);
    check_layout_string(r, "printed_suffix", b->printed_suffix, b->style);
  } else if (const auto* m = std::get_if<MastheadBlock>(&block)) {
    check_layout_text(r, "mark", m->mark, m->mark_style);
    opt("number", m->number, m->number_style);
    opt("copy_no", m->copy_no, m->number_style);
    opt("secrecy", m->secrecy, m->note_style);
    opt("urgency", m->urgency, m->note_style);
  }
}

namespace {

/// blank_lines / lines_after: 0 to 20 lines, or `fallback` when absent.
int blank_line_count(TomlReader& r, std::string_view key, int fallback) {
  auto n = r.integer(key);
  if (n && (*n < 0 || *n > 20)) r.fail_key(key, "expected a number of lines between 0 and 20");
  return n ? static_cast<int>(*n) : fallback;
}

}  // namespace

ImageBlock ParserBase::parse_image_block(TomlReader& r) {
  ImageBlock b;
  if (const auto f = r.string("file"); f && f->find("{{") != std::string::npos) {
    // A path over the record: read, sized and checked for each record.
    b.file = parse_template(r, "file", *f);
    b.base_dir = file_.parent_path();
    given_sizes(r, b.width_given, b.height_given, "width", "height");
  } else {
    b.image = load_image(r, "file");
    // Without a size the image is shown at 96 dpi.
    image_size(r, *b.image, b.width, b.height, "width", "height", b.image->width_px * 0.75);
  }
  if (auto a = r.string("align")) {
    if (*a == "left") b.align = Align::Left;
    else if (*a == "center") b.align = Align::Center;
    else if (*a == "right") b.align = Align::Right;
    else r.fail_key("align", "expected left, center or right");
  }
  r.finish({"type", "file", "width", "height", "align"});
  return b;
}

RuleBlock ParserBase::parse_rule_block(TomlReader& r) {
  RuleBlock b;
  const PageSpec& page = layout_->page;
  b.thickness = opt_length(r, "thickness", {0, 20}, 0, "pt").value_or(mm_to_pt(0.35));
  if (b.thickness <= 0) r.fail_key("thickness", "expected a width between 0 and 20 pt");
  b.length = opt_length(r, "length", {0, page.type_width()}).value_or(0);
  if (r.has("color")) b.color = color(r, "color");
  b.space_before = opt_length(r, "space_before", {0, page.type_height()}, 0, "pt").value_or(0);
  b.space_after = opt_length(r, "space_after", {0, page.type_height()}, 0, "pt").value_or(0);
  r.finish({"type", "thickness", "length", "color", "space_before", "space_after"});
  return b;
}

AttachmentBlock ParserBase::parse_attachments_block(TomlReader& r) {
  AttachmentBlock b;
  b.items = required_template(r, "items", "an attachments block");
  note_paragraph_list(b.items);
  b.label = r.string("label").value_or(b.label);
  b.style = style_ref(r, "style", named_style("attachment", default_style()));
  b.blank_lines = blank_line_count(r, "blank_lines", 1);
  r.finish({"type", "items", "label", "style", "blank_lines"});
  return b;
}

SignatureBlock ParserBase::parse_signature_block(TomlReader& r) {
  SignatureBlock b;
  b.name = required_template(r, "name", "a signature block");
  b.date = required_template(r, "date", "a signature block");
  b.style = style_ref(r, "style", named_style("signature", default_style()));
  if (const auto f = r.string("seal"); f && f->find("{{") != std::string::npos) {
    b.seal_file = parse_template(r, "seal", *f);
    b.base_dir = file_.parent_path();
    given_sizes(r, b.seal_width_given, b.seal_height_given, "seal_width", "seal_height");
  } else if (r.has("seal")) {
    b.seal = load_image(r, "seal");
    // 42 mm: the usual diameter of an organ's official seal.
    image_size(r, *b.seal, b.seal_width, b.seal_height, "seal_width", "seal_height", mm_to_pt(42));
  } else if (r.has("seal_width") || r.has("seal_height")) {
    r.fail(nullptr, r.path() + ": seal_width/seal_height need seal = \"seal.png\"");
  }
  b.blank_lines = blank_line_count(r, "blank_lines", -1);
  r.finish({"type", "name", "date", "style", "seal", "seal_width", "seal_height", "blank_lines"});
  return b;
}

BanjiBlock ParserBase::parse_banji_block(TomlReader& r) {
  BanjiBlock b;
  b.copy_to = opt_template(r, "copy_to");
  b.copy_label = r.string("copy_label").value_or(b.copy_label);
  b.printed_by = required_template(r, "printed_by", "a banji block");
  b.printed_on = required_template(r, "printed_on", "a banji block");
  b.printed_suffix = r.string("printed_suffix").value_or(b.printed_suffix);
  b.style = style_ref(r, "style", named_style("banji", default_style()));
  b.thick = opt_length(r, "thick_rule", {0, 10}, 0, "pt").value_or(mm_to_pt(0.35));
  b.thin = opt_length(r, "thin_rule", {0, 10}, 0, "pt").value_or(mm_to_pt(0.25));
  if (b.thick <= 0 || b.thick > 10) r.fail_key("thick_rule", "expected a width between 0 and 10 pt");
  if (b.thin <= 0 || b.thin > 10) r.fail_key("thin_rule", "expected a width between 0 and 10 pt");
  b.even_page = r.boolean("even_page").value_or(false);
  r.finish({"type", "copy_to", "copy_label", "printed_by", "printed_on", "printed_suffix", "style", "thick_rule",
            "thin_rule", "even_page"});
  return b;
}

MastheadBlock ParserBase::parse_masthead_block(TomlReader& r) {
  MastheadBlock b;
  b.mark = required_template(r, "mark", "a masthead block");
  b.number = opt_template(r, "number");
  b.copy_no = opt_template(r, "copy_no");
  b.secrecy = opt_template(r, "secrecy");
  b.urgency = opt_template(r, "urgency");
  b.mark_style = style_ref(r, "mark_style", named_style("masthead", default_style()));
  b.number_style = style_ref(r, "number_style", named_style("doc_number", default_style()));
  b.note_style = style_ref(r, "note_style", named_style("masthead_note", default_style()));
  b.mark_top = opt_length(r, "mark_top", {0, layout_->page.type_height()}, 0, "pt").value_or(mm_to_pt(35));
  if (b.mark_top > layout_->page.type_height()) r.fail_key("mark_top", "outside the type area");
  b.rule_gap = opt_length(r, "rule_gap", {0, 100}, 0, "pt").value_or(mm_to_pt(4));
  b.rule_thickness = opt_length(r, "rule_thickness", {0, 10}, 0, "pt").value_or(mm_to_pt(0.35));
  if (b.rule_thickness <= 0 || b.rule_thickness > 10) r.fail_key("rule_thickness", "expected a width between 0 and 10 pt");
  b.rule_color = r.has("rule_color") ? color(r, "rule_color") : Color{1, 0, 0};
  b.lines_after = blank_line_count(r, "lines_after", 2);
  r.finish({"type", "mark", "number", "copy_no", "secrecy", "urgency", "mark_style", "number_style", "note_style",
            "mark_top", "rule_gap", "rule_thickness", "rule_color", "lines_after"});
  return b;
}

std::optional<Block> ParserBase::parse_official_block(TomlReader& r, const std::string& type) {
  if (type == "image") return parse_image_block(r);
  if (type == "rule") return parse_rule_block(r);
  if (type == "attachments") return parse_attachments_block(r);
  if (type == "signature") return parse_signature_block(r);
  if (type == "banji") return parse_banji_block(r);
  if (type == "masthead") return parse_masthead_block(r);
  return std::nullopt;
}

}  // namespace gongwen
