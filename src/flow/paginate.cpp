#include "flow/paginate.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "bind/bind_table.hpp"
#include "bind/cell_image.hpp"
#include "core/units.hpp"
#include "core/error.hpp"
#include "text/shape.hpp"

namespace gongwen {

namespace {
constexpr double kEps = 1e-6;
}

void Paginator::new_page() {
  Page page;
  page.width = layout_.page.width;
  page.height = layout_.page.height;
  doc_.pages.push_back(std::move(page));
  page_ = &doc_.pages.back();
  y_ = top();
}

void Paginator::page_break() {
  if (!page_empty()) new_page();
}

void Paginator::snap() {
  const double g = grid();
  if (g <= 0 || !page_) return;
  y_ = std::min(bottom(), top() + std::ceil((y_ - top()) / g - 1e-6) * g);
}

std::vector<BoundOfficial> bind_official_blocks(const std::vector<Block>& specs, const nlohmann::json* data,
                                                const nlohmann::json* document, const RecordOrigin& origin) {
  static const nlohmann::json empty = nlohmann::json::object();
  const TemplateContext ctx{data ? data : &empty, document ? document : &empty, origin.index};
  // Rendered and checked against the fonts of `style` here, so an uncovered character is named
  // with its record and field (layout errors later could only name the font).
  auto render = [&](const Template& t, const Style* style) {
    std::vector<std::string> parts;
    try {
      parts = t.render(ctx);
    } catch (const BindError& e) {
      throw Error(ErrorKind::Data, data_error(origin, e.field, e.what()));
    }
    const auto fields = t.fields();
    for (const auto& p : parts) {
      try {
        if (style && style->paragraph.fonts) check_covered(p, *style->paragraph.fonts);
      } catch (const Error& e) {
        throw Error(ErrorKind::Data, data_error(origin, fields.empty() ? t.source() : fields.front(), e.what()));
      }
    }
    return parts;
  };
  auto one = [&](const Template& t, const Style* style) {
    std::string s;
    for (const auto& p : render(t, style)) s += p;
    return s;
  };
  auto opt = [&](const std::optional<Template>& t, const Style* style) { return t ? one(*t, style) : std::string(); };
  // A picture whose path is a template: found next to the data file, then the layout; an empty
  // path is no picture.
  auto picture = [&](const Template& t, const std::filesystem::path& layout_dir) -> std::shared_ptr<const ImageData> {
    const std::string path = one(t, nullptr);
    if (path.empty()) return nullptr;
    std::string problem;
    auto img = find_cell_image(path, std::filesystem::path(origin.data_name).parent_path(), layout_dir, problem);
    if (!img) {
      const auto f = t.fields();
      throw Error(ErrorKind::Data, data_error(origin, f.empty() ? t.source() : f.front(), problem));
    }
    return img;
  };
  std::vector<BoundOfficial> out;
  out.reserve(specs.size());
  for (const Block& b : specs) {
    const Template* when = block_condition(b);
    const bool generic = std::holds_alternative<ParagraphBlock>(b) || std::holds_alternative<TableBlock>(b) ||
                         std::holds_alternative<SignoffBlock>(b) || std::holds_alternative<SpacerBlock>(b);
    if (when && !generic && !condition_holds(render(*when, nullptr))) {
      out.emplace_back(HiddenBlock{});
    } else if (auto* a = std::get_if<AttachmentBlock>(&b)) {
      BoundAttachments ba{a, {}};
      for (auto& item : render(a->items, a->style))
        if (!item.empty()) ba.items.push_back(std::move(item));
      out.emplace_back(std::move(ba));
    } else if (auto* sg = std::get_if<SignatureBlock>(&b)) {
      BoundSignature bs{sg, one(sg->name, sg->style), one(sg->date, sg->style), sg->seal, sg->seal_width, sg->seal_height};
      if (sg->seal_file && (bs.seal = picture(*sg->seal_file, sg->base_dir)))
        std::tie(bs.seal_width, bs.seal_height) = image_size(*bs.seal, sg->seal_width_given, sg->seal_height_given);
      if (sg->seal_file && bs.seal && sg->seal_width_given <= 0 && sg->seal_height_given <= 0)
        std::tie(bs.seal_width, bs.seal_height) = image_size(*bs.seal, mm_to_pt(42), 0);  // 42 mm across
      out.emplace_back(std::move(bs));
    } else if (auto* bj = std::get_if<BanjiBlock>(&b)) {
      out.emplace_back(BoundBanji{bj, opt(bj->copy_to, bj->style), one(bj->printed_by, bj->style), one(bj->printed_on, bj->style)});
    } else if (auto* mh = std::get_if<MastheadBlock>(&b)) {
      out.emplace_back(BoundMasthead{mh, one(mh->mark, mh->mark_style), opt(mh->number, mh->number_style),
                                     opt(mh->copy_no, mh->number_style), opt(mh->secrecy, mh->note_style),
                                     opt(mh->urgency, mh->note_style)});
    } else if (auto* im = std::get_if<ImageBlock>(&b)) {
      BoundImage bi{im, im->image, im->width, im->height};
      if (im->file && (bi.image = picture(*im->file, im->base_dir)))
        std::tie(bi.width, bi.height) = image_size(*bi.image, im->width_given, im->height_given);
      out.emplace_back(std::move(bi));
    } else {
      out.emplace_back(std::monostate{});
    }
  }
  return out;
}

std::vector<Paginator::Step> Paginator::steps(const BoundRecord& record, const RecordOrigin& origin,
                                              const std::vector<Block>* specs, const nlohmann::json* data,
                                              const nlohmann::json* document) const {
  std::vector<Step> out;
  auto generic = [](const Block& b) {
    return std::holds_alternative<ParagraphBlock>(b) || std::holds_alternative<TableBlock>(b) ||
           std::holds_alternative<SignoffBlock>(b) || std::holds_alternative<SpacerBlock>(b);
  };
  size_t bound_count = 0;
  if (specs)
    for (const Block& b : *specs) bound_count += generic(b);
  // The binder gives one bound block per generic layout block, in order; anything else means
  // the blocks came from elsewhere, and they are placed as they are.
  if (!specs || bound_count != record.blocks.size()) {
    for (const BoundBlock& b : record.blocks) out.push_back({&b, nullptr, {}});
    return out;
  }
  std::vector<BoundOfficial> official = bind_official_blocks(*specs, data, document, origin);
  size_t j = 0;
  for (size_t k = 0; k < specs->size(); ++k) {
    const Block& b = (*specs)[k];
    Step st{nullptr, &b, std::move(official[k])};
    if (generic(b)) st.bound = &record.blocks[j++];
    out.push_back(std::move(st));
  }
  return out;
}

double Paginator::closing_height(const std::vector<Step>& s, size_t i) {
  double h = 0;
  for (; i < s.size(); ++i) {
    if (auto* a = std::get_if<BoundAttachments>(&s[i].official)) h += attachments_height(*a);
    else if (auto* g = std::get_if<BoundSignature>(&s[i].official)) h += signature_height(*g);
    else break;
  }
  return h;
}

void Paginator::place(const BoundRecord& record, const RecordOrigin& origin, const std::vector<Block>* specs,
                      const nlohmann::json* data, const nlohmann::json* document) {
  if (!page_) new_page();
  if (document) document_ = document, data_name_ = origin.data_name;  // furniture: {{document.x}}
  const std::vector<Step> all = steps(record, origin, specs, data, document);
  bool bookmarked = false;
  for (size_t i = 0; i < all.size(); ++i) {
    const Step& step = all[i];
    snap();
    if (!step.bound) {
      if (std::holds_alternative<HiddenBlock>(step.official)) continue;
      if (auto* a = std::get_if<BoundAttachments>(&step.official)) place_attachments(*a, closing_height(all, i + 1));
      else if (auto* g = std::get_if<BoundSignature>(&step.official)) place_signature(*g);
      else if (auto* bj = std::get_if<BoundBanji>(&step.official)) place_banji(*bj);
      else if (auto* mh = std::get_if<BoundMasthead>(&step.official)) place_masthead(*mh);
      else if (auto* im = std::get_if<BoundImage>(&step.official)) place_image(*im);
      else if (auto* r = std::get_if<RuleBlock>(step.spec)) place_rule(*r);
      continue;
    }
    const BoundBlock& block = *step.bound;
    // A sign-off that follows a table is kept with the table's last row.
    const BoundSignoff* signoff = i + 1 < all.size() && all[i + 1].bound ? std::get_if<BoundSignoff>(all[i + 1].bound) : nullptr;
    if (auto* p = std::get_if<BoundParagraphs>(&block)) {
      const bool keep_next = (p->keep_with_next || p->style->keep_with_next) && i + 1 < all.size();
      double keep = keep_next ? start_height(all[i + 1], origin) : 0;
      keep = std::max(keep, closing_height(all, i + 1));
      if (!bookmarked && !record.bookmark.empty()) {
        if (p->texts.size() > 0 && remaining() < kEps) new_page();
        doc_.outline.push_back({record.bookmark, doc_.pages.size() - 1, y_});
        bookmarked = true;
      }
      place_paragraphs(*p, step.spec ? std::get_if<ParagraphBlock>(step.spec) : nullptr, keep, origin);
    } else if (auto* t = std::get_if<BoundTable>(&block)) {
      place_table(*t, signoff ? t->spec->space_after + signoff_height(*signoff, origin) : 0, origin, bookmarked ? "" : record.bookmark);
      bookmarked = true;
      y_ += t->spec->space_after;
    } else if (auto* s = std::get_if<BoundSignoff>(&block)) {
      place_signoff(*s, origin);
    } else if (auto* sp = std::get_if<SpacerBlock>(&block)) {
      const double line = grid() > 0 ? grid() : layout_.styles.at("default")->paragraph.pitch();
      y_ = std::min(bottom(), y_ + sp->height + sp->lines * line);
    }
  }
  // Keyed by address: a later record's table may reuse this one's, so never keep them.
  own_.clear();
}

const MeasuredTable& Paginator::measured(const BoundTable& t, const RecordOrigin& origin) {
  if (cache_)
    if (auto it = cache_->find(&t); it != cache_->end()) return it->second;
  auto it = own_.find(&t);
  if (it == own_.end()) it = own_.emplace(&t, measure_table(t, width(), origin)).first;
  return it->second;
}

double Paginator::start_height(const Step& step, const RecordOrigin& origin) {
  if (step.bound) return start_height(*step.bound, origin);
  if (auto* a = std::get_if<BoundAttachments>(&step.official)) return attachments_height(*a);
  if (auto* g = std::get_if<BoundSignature>(&step.official)) return signature_height(*g);
  if (auto* im = std::get_if<BoundImage>(&step.official)) return im->height;
  return 0;
}

double Paginator::start_height(const BoundBlock& block, const RecordOrigin& origin) {
  if (auto* p = std::get_if<BoundParagraphs>(&block)) {
    if (p->texts.empty()) return 0;
    const double pitch = p->style->paragraph.pitch();
    return p->style->space_before + 2 * pitch;
  }
  if (auto* t = std::get_if<BoundTable>(&block)) {
    // Caption plus the first row's first two lines (or the whole row).
    const MeasuredTable& m = measured(*t, origin);
    double first = 0;
    for (const MeasuredCell& c : m.cells)
      if (c.cell->row == 0) first = std::max(first, c.text.span(0, std::min<size_t>(2, c.text.lines.size())));
    double h = m.caption.height;
    if (!m.row_heights.empty()) h += std::min(m.row_heights[0], t->spec->pad_top + t->spec->pad_bottom + first);
    return h;
  }
  return 0;
}

void Paginator::place_lines(const CellText& text, double x, double keep_next, bool widow_control) {
  const size_t n = text.lines.size();
  size_t i = 0;
  while (i < n) {
    const double rest = text.span(i, n);
    if (rest + keep_next <= remaining() + kEps) {
      for (; i < n; ++i) {
        const auto& l = text.lines[i];
        emit_lines(text.paragraphs[l.paragraph], l.line, l.line + 1, x, y_, items());
        y_ += text.paragraphs[l.paragraph].pitch;
      }
      break;
    }
    size_t k = text.fit(i, remaining());
    // No orphan (one line at the bottom) and no widow (one line carried over).
    if (widow_control && n - k == 1 && k - i > 2) --k;
    if (keep_next > 0 && k == n) --k;
    if (widow_control && k - i < 2 && n - i >= 2) k = i;
    if (k == i) {
      if (page_empty()) k = std::max(i + 1, text.fit(i, remaining()));  // a page cannot hold more
      else { new_page(); continue; }
    }
    for (; i < k; ++i) {
      const auto& l = text.lines[i];
      emit_lines(text.paragraphs[l.paragraph], l.line, l.line + 1, x, y_, items());
      y_ += text.paragraphs[l.paragraph].pitch;
    }
    if (i < n) new_page();
  }
}

void Paginator::place_paragraphs(const BoundParagraphs& p, const ParagraphBlock* spec, double keep_next,
                                 const RecordOrigin& origin) {
  if (p.texts.empty()) return;
  if (!page_empty()) y_ = std::min(bottom(), y_ + p.style->space_before);
  snap();
  if (spec && spec->headings.enabled()) {
    place_headed(p, spec->headings, keep_next, origin);
  } else {
    CellText text;
    try {
      if (p.style->balance) {
        std::vector<std::string> lines;
        for (const auto& t : p.texts)
          for (auto& l : balance_lines(t, p.style->paragraph, width())) lines.push_back(std::move(l));
        text = layout_cell_text(lines, *p.style, width());
      } else {
        text = layout_cell_text(p.texts, *p.style, width());
      }
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Font) throw;
      throw Error(ErrorKind::Data, data_error(origin, p.field, e.what()));
    }
    place_lines(text, left(), keep_next, p.style->widow_control);
  }
  y_ = std::min(bottom(), y_ + p.style->space_after);
  snap();
}

void Paginator::place_headed(const BoundParagraphs& p, const HeadingStyles& h, double keep_next, const RecordOrigin& origin) {
  const ParagraphStyle& body = p.style->paragraph;
  std::vector<CellText> paras;
  std::vector<bool> keeps;
  try {
    for (const auto& t : p.texts) {
      const int level = heading_level(t);
      const Style* hs = level > 0 ? h.level[static_cast<size_t>(level - 1)] : nullptr;
      CellText ct;
      bool keep = false;
      if (!hs) {
        ct.paragraphs.push_back(layout_paragraph(t, body, width()));
      } else {
        const size_t head = heading_extent(t);
        // A heading alone in its paragraph is set whole in its style and kept with what follows;
        // a run-in heading ("（一）范围。本次……") needs the body's size to share its lines.
        if (head >= t.size() || hs->paragraph.size != body.size) {
          ct.paragraphs.push_back(layout_paragraph(t, hs->paragraph, width()));
          // A title-like heading ("一、评价范围") leads what follows; an item that is a sentence
          // ("（1）……为“良”；") does not.
          static const std::string_view kEnds[] = {"。", "；", "！", "？", "…"};
          keep = hs->keep_with_next && std::none_of(std::begin(kEnds), std::end(kEnds), [&](std::string_view e) {
                   return std::string_view(t).ends_with(e);
                 });
        } else {
          ct.paragraphs.push_back(layout_run_in(t, head, hs->paragraph, body, body, width()));
        }
      }
      for (uint32_t i = 0; i < ct.paragraphs[0].lines.size(); ++i)
        ct.lines.push_back({0, i, i * ct.paragraphs[0].pitch});
      ct.height = ct.paragraphs[0].height();
      paras.push_back(std::move(ct));
      keeps.push_back(keep);
    }
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Font) throw;
    throw Error(ErrorKind::Data, data_error(origin, p.field, e.what()));
  }
  for (size_t i = 0; i < paras.size(); ++i) {
    double keep = i + 1 == paras.size() ? keep_next : 0;
    // A heading keeps the next paragraph's first two lines on its page.
    if (keeps[i] && i + 1 < paras.size()) keep = paras[i + 1].span(0, std::min<size_t>(2, paras[i + 1].lines.size()));
    place_lines(paras[i], left(), keep, p.style->widow_control);
  }
}

namespace {
/// A sign-off entry laid out in its column: the label, and the value on the signing line after it.
struct SignoffEntry {
  ParagraphLayout label, value;
  double label_end = 0, room = 0;
  size_t lines() const { return std::max<size_t>({1, label.lines.size(), value.lines.size()}); }
};

ParagraphStyle signoff_style(const SignoffBlock& spec) {
  ParagraphStyle st = spec.style->paragraph;
  st.align = Align::Left;
  st.first_indent = st.hanging_indent = 0;
  return st;
}

/// Every entry in a column `col_w` wide. A value longer than its line wraps under itself and the
/// row grows, so nothing runs past the column or over the next row. An uncovered character is the
/// record's fault: named with its record and field.
std::vector<SignoffEntry> layout_signoff(const BoundSignoff& s, double col_w, const RecordOrigin& origin) {
  const ParagraphStyle st = signoff_style(*s.spec);
  std::vector<SignoffEntry> out;
  for (size_t i = 0; i < s.entries.size(); ++i) {
    const auto& [label, value] = s.entries[i];
    auto layout_entry = [&](const std::string& text, const Template& t, double w) {
      try {
        return layout_paragraph(text, st, w);
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::Font) throw;
        const auto fields = t.fields();
        throw Error(ErrorKind::Data, data_error(origin, fields.empty() ? t.source() : fields.front(), e.what()));
      }
    };
    SignoffEntry e;
    e.label = layout_entry(label, s.spec->entries[i].label, col_w);
    e.label_end = e.label.lines.empty() ? 0 : e.label.lines[0].right;
    if (e.label.lines.size() > 1 || col_w - e.label_end < st.size) e.label_end = 0;  // a long label: the value below it
    e.room = std::max(col_w - e.label_end, st.size);
    e.value = layout_entry(value, s.spec->entries[i].value, e.room);
    out.push_back(std::move(e));
  }
  return out;
}

/// Lines of each row of entries.
std::vector<size_t> signoff_rows(const std::vector<SignoffEntry>& entries, size_t columns) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i % columns == 0) rows.push_back(0);
    const SignoffEntry& e = entries[i];
    // A value under a wrapped label starts below the label's lines.
    const size_t n = e.label_end == 0 && !e.label.lines.empty() ? e.label.lines.size() + std::max<size_t>(1, e.value.lines.size()) : e.lines();
    rows.back() = std::max(rows.back(), n);
  }
  return rows;
}
}  // namespace

double Paginator::signoff_height(const BoundSignoff& s, const RecordOrigin& origin) const {
  const SignoffBlock& spec = *s.spec;
  const auto rows = signoff_rows(layout_signoff(s, width() / spec.columns, origin), static_cast<size_t>(spec.columns));
  double h = spec.space_before;
  for (size_t i = 0; i < rows.size(); ++i) h += static_cast<double>(rows[i]) * spec.style->paragraph.pitch() + (i ? spec.line_gap : 0);
  return h;
}

void Paginator::place_signoff(const BoundSignoff& s, const RecordOrigin& origin) {
  const SignoffBlock& spec = *s.spec;
  if (signoff_height(s, origin) > remaining() + kEps) new_page();
  y_ += spec.space_before;
  const size_t ncols = static_cast<size_t>(spec.columns);
  const double col_w = width() / spec.columns;
  const ParagraphStyle& ps = spec.style->paragraph;
  const auto entries = layout_signoff(s, col_w, origin);
  const auto rows = signoff_rows(entries, ncols);
  for (size_t i = 0; i < entries.size(); ++i) {
    const size_t col = i % ncols;
    if (col == 0 && i > 0) y_ += static_cast<double>(rows[i / ncols - 1]) * ps.pitch() + spec.line_gap;
    const double x = left() + static_cast<double>(col) * col_w;
    const SignoffEntry& e = entries[i];
    emit_lines(e.label, 0, e.label.lines.size(), x, y_, items());
    const double vy = e.label_end == 0 && !e.label.lines.empty() ? y_ + e.label.height() : y_;
    const double value_w = e.value.lines.empty() ? 0 : e.value.lines[0].right;
    const double blank = spec.blank_width > 0 ? std::min(e.room, std::max(spec.blank_width, value_w + ps.size)) : 0;
    if (blank > 0) {
      const double base = e.label.lines.empty() ? ps.size : e.label.baseline;
      const double uy = vy + base + 0.15 * ps.size;
      items().emplace_back(Rule{x + e.label_end, uy, x + e.label_end + blank, uy, 0.5, ps.color});
    }
    if (!e.value.lines.empty()) {
      const double shift = blank > 0 && e.value.lines.size() == 1 ? (blank - value_w) / 2 : 0;
      emit_lines(e.value, 0, e.value.lines.size(), x + e.label_end + std::max(0.0, shift), vy, items());
    }
  }
  if (!rows.empty()) y_ += static_cast<double>(rows.back()) * ps.pitch();
}

}  // namespace gongwen
