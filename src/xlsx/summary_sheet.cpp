#include "xlsx/summary_sheet.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "xlsx/cell_text.hpp"
#include "xlsx/cells.hpp"
#include "xlsx/excel_units.hpp"
#include "xlsx/lxw_support.hpp"
#include "xlsx/print_setup.hpp"

namespace gongwen::xlsx {

double estimate_width(std::string_view text, double size) {
  double widest = 0, line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = utf8::next(text, pos);
    if (cp == U'\n') {
      widest = std::max(widest, line);
      line = 0;
      continue;
    }
    line += (cp < 0x80 ? 0.7 : 1.0) * size;
  }
  return std::max(widest, line);
}

namespace {

/// Measured columns never grow past this many ems of the body font; longer values wrap.
constexpr double kMaxColumnEm = 24;
/// Room around a measured value: Excel's cell margins plus a little air.
constexpr double kColumnAir = 2 * CellMetrics::kSideMargin + 4;

struct ColumnInfo {
  double natural = 0;  ///< widest value or header, pt
  double pt = 0;       ///< the column as Excel draws it, pt
  double width = 0;    ///< Excel character units
  // For the totals row: the widest decimals seen and the literal text around the numbers.
  int decimals = -1;
  std::string prefix, suffix;
  bool grouping = false, percent = false;
  double sum = 0;
};

class Summary {
 public:
  Summary(lxw_workbook* wb, FormatCache& formats, const std::string& name, const Layout& layout, const BoundDocument& doc,
          const FontBook& fonts, bool streaming)
      : wb_(wb), formats_(formats), name_(name), layout_(layout), x_(layout.xlsx), doc_(doc), fonts_(fonts),
        streaming_(streaming), body_(excel_style(*x_.summary_style)), head_(excel_style(*x_.summary_header_style)) {}

  void run() {
    const size_t n = doc_.records.size();
    const uint32_t header_row = x_.summary_title ? 1 : 0;
    const uint32_t first_data = header_row + 1;
    if (first_data + n + 1 > kMaxRows)
      throw Error(ErrorKind::Render, "XLSX: " + std::to_string(n) + " records do not fit in one sheet (Excel's limit is " +
                                         std::to_string(kMaxRows) + " rows)");
    measure_columns();
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name_.c_str());
    if (!ws) throw Error(ErrorKind::Render, "XLSX: cannot add sheet '" + name_ + "' (name rejected or out of memory)");
    SheetWriter out(ws, name_);
    double total_pt = 0;
    for (uint32_t c = 0; c < cols_.size(); ++c) {
      out.column_width(c, cols_[c].width);
      total_pt += cols_[c].pt;
    }
    const uint32_t last_col = static_cast<uint32_t>(cols_.size() - 1);

    const uint32_t totals_row = first_data + static_cast<uint32_t>(n);
    // Before any row: in constant-memory mode ranges behind the written rows are refused.
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_row + 1), 0);
    check(worksheet_autofilter(ws, header_row, 0, n ? totals_row - 1 : header_row, static_cast<lxw_col_t>(last_col)),
          "sheet '" + name_ + "' autofilter");

    if (x_.summary_title) title(out, total_pt, last_col);
    header(out, header_row);
    for (size_t i = 0; i < n; ++i) record(out, first_data + static_cast<uint32_t>(i), i);
    totals(out, totals_row, first_data);
    SheetPrint print;
    // A summary wider than the portrait type area prints across the page.
    print.landscape = layout_.page.width > layout_.page.height || total_pt > layout_.page.type_width() + 1;
    print.title_first = 0;
    print.title_last = static_cast<int>(header_row);
    apply_print_setup(ws, name_, layout_, print);
  }

 private:
  TemplateContext context(size_t i) const {
    return TemplateContext{doc_.record_data[i], doc_.document, doc_.records[i].index};
  }
  std::string render(const Template& t, const TemplateContext& ctx, size_t index) const {
    try {
      std::string s;
      const auto paras = t.render(ctx);
      for (size_t k = 0; k < paras.size(); ++k) s += (k ? "\n" : "") + paras[k];
      return s;
    } catch (const BindError& e) {
      throw Error(ErrorKind::Data, data_error({doc_.data_name, index}, e.field, e.what()));
    }
  }
  static std::optional<NumericCell> numeric(const XlsxSpec::SummaryColumn& col, const TemplateContext& ctx) {
    try {
      // A column that sums or has a number format takes a text holding a number (CSV) as one.
      return col.value.numeric(ctx, col.total || !col.number_format.empty());
    } catch (const BindError&) {
      return std::nullopt;  // shown as text
    }
  }
  template <class F>
  auto measured(size_t index, const std::string& field, F&& f) const {
    try {
      return f();
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Font) throw;
      throw Error(ErrorKind::Data, data_error({doc_.data_name, index}, field, e.what()));
    }
  }

  /// First pass: widths from the widest header or value, and what the totals row needs. Values
  /// are rendered again when written, so nothing per record is kept.
  void measure_columns() {
    cols_.resize(x_.summary.size());
    for (size_t c = 0; c < cols_.size(); ++c)
      cols_[c].natural = measured(0, x_.summary[c].header, [&] { return natural_width(x_.summary[c].header, head_); });
    for (size_t i = 0; i < doc_.records.size(); ++i) {
      const TemplateContext ctx = context(i);
      for (size_t c = 0; c < cols_.size(); ++c) {
        const XlsxSpec::SummaryColumn& col = x_.summary[c];
        ColumnInfo& info = cols_[c];
        if (col.total) {
          if (auto v = numeric(col, ctx)) {
            info.sum += v->value;
            if (v->decimals > info.decimals) info.decimals = v->decimals;
            if (info.decimals == v->decimals) info.prefix = v->prefix, info.suffix = v->suffix, info.grouping = v->grouped, info.percent = v->percent;
          }
        }
        if (col.width > 0) continue;
        const std::string text = render(col.value, ctx, doc_.records[i].index);
        // Shape only what could widen the column.
        if (estimate_width(text, body_.paragraph.size) > info.natural)
          info.natural = std::max(info.natural, measured(doc_.records[i].index, col.header, [&] { return natural_width(text, body_); }));
      }
    }
    const double cap = kMaxColumnEm * body_.paragraph.size;
    for (size_t c = 0; c < cols_.size(); ++c) {
      ColumnInfo& info = cols_[c];
      const double pt = x_.summary[c].width > 0 ? x_.summary[c].width
                                                : std::min(cap, info.natural / CellMetrics::kWidthSafety + kColumnAir);
      info.width = column_width_from_pt(pt);
      info.pt = column_pt_from_width(info.width);
    }
  }

  CellFormat boxed(const Style& style) const {
    CellFormat f = style_format(style, fonts_);
    f.top = f.bottom = f.left = f.right = 1;  // LXW_BORDER_THIN
    return f;
  }

  /// Lines a text needs in column c (1 when it surely fits, without shaping).
  size_t lines(const std::string& text, const Style& xstyle, const Style& style, size_t c, size_t index) const {
    if (estimate_width(text, xstyle.paragraph.size) <= CellMetrics::text_width(cols_[c].pt) && text.find('\n') == std::string::npos)
      return 1;
    const auto paras = excel_paragraphs({text}, style);
    return measured(index, x_.summary[c].header, [&] { return line_count(paras, xstyle, cols_[c].pt); });
  }

  void title(SheetWriter& out, double total_pt, uint32_t last_col) {
    // The title in the style of the document's own title (the first front paragraph), if any.
    const Style* style = x_.summary_header_style;
    for (const Block& b : layout_.front)
      if (const auto* p = std::get_if<ParagraphBlock>(&b)) {
        style = p->style;
        break;
      }
    static const nlohmann::json empty = nlohmann::json::object();
    const std::string text = render(*x_.summary_title, TemplateContext{&empty, doc_.document, 0}, 0);
    const Style xs = excel_style(*style);
    const auto paras = excel_paragraphs({text}, *style);
    out.row_height(0, measured(0, "title", [&] { return text_height(paras, xs, total_pt); }));
    CellFormat f = style_format(*style, fonts_);
    f.align = LXW_ALIGN_CENTER;
    if (streaming_) {
      // No merges in constant-memory mode: "centre across selection" looks the same.
      // Wrapped text stays inside its own cell, so the title runs on one line across.
      f.align = LXW_ALIGN_CENTER_ACROSS;
      f.wrap = false;
      lxw_format* lf = formats_.get(f);
      out.text(0, 0, join_lines(paras), lf);
      for (uint32_t c = 1; c <= last_col; ++c) out.blank(0, c, lf);
      return;
    }
    lxw_format* lf = formats_.get(f);
    if (last_col > 0) out.merge(0, 0, 0, last_col, lf);
    out.text(0, 0, join_lines(paras), lf);
  }

  void header(SheetWriter& out, uint32_t row) {
    size_t most = 1;
    for (size_t c = 0; c < cols_.size(); ++c) most = std::max(most, lines(x_.summary[c].header, head_, *x_.summary_header_style, c, 0));
    out.row_height(row, CellMetrics::height(most, head_.paragraph.size));
    CellFormat f = boxed(*x_.summary_header_style);
    f.align = LXW_ALIGN_CENTER;
    lxw_format* lf = formats_.get(f);
    for (uint32_t c = 0; c < cols_.size(); ++c) out.text(row, c, x_.summary[c].header, lf);
  }

  void record(SheetWriter& out, uint32_t row, size_t i) {
    const TemplateContext ctx = context(i);
    const size_t index = doc_.records[i].index;
    // Rows are written in order: render the row, size it, then write its cells.
    std::vector<std::string> texts(cols_.size());
    std::vector<std::optional<NumericCell>> numbers(cols_.size());
    size_t most = 1;
    for (size_t c = 0; c < cols_.size(); ++c) {
      texts[c] = render(x_.summary[c].value, ctx, index);
      if (const size_t n = lxw_utf8_strlen(excel_text(texts[c]).c_str()); n > kMaxCellChars)
        throw Error(ErrorKind::Data, data_error({doc_.data_name, index}, x_.summary[c].header,
                                                "text of " + std::to_string(n) + " characters is longer than an XLSX cell holds (" +
                                                    std::to_string(kMaxCellChars) + ")"));
      numbers[c] = numeric(x_.summary[c], ctx);
      if (!numbers[c]) most = std::max(most, lines(texts[c], body_, *x_.summary_style, c, index));
    }
    out.row_height(row, CellMetrics::height(most, body_.paragraph.size));
    for (uint32_t c = 0; c < cols_.size(); ++c) {
      CellFormat f = boxed(*x_.summary_style);
      if (const auto& v = numbers[c]) {
        const std::string& fixed = x_.summary[c].number_format;
        f.num_format = fixed.empty() ? number_format(*v) : fixed;
        f.align = LXW_ALIGN_RIGHT;
        out.number(row, c, v->value, formats_.get(f));
      } else {
        out.text(row, c, texts[c], formats_.get(f));
      }
    }
  }

  void totals(SheetWriter& out, uint32_t row, uint32_t first_data) {
    bool any = false;
    for (const auto& col : x_.summary) any = any || col.total;
    if (!any) return;
    out.row_height(row, CellMetrics::height(1, head_.paragraph.size));
    bool labelled = false;
    for (uint32_t c = 0; c < cols_.size(); ++c) {
      const XlsxSpec::SummaryColumn& col = x_.summary[c];
      CellFormat f = boxed(*x_.summary_header_style);
      f.top = 2;  // LXW_BORDER_MEDIUM: the totals line
      if (!col.total) {
        if (!labelled) f.align = LXW_ALIGN_CENTER;
        out.text(row, c, labelled ? "" : x_.total_label, formats_.get(f));
        labelled = true;
        continue;
      }
      const ColumnInfo& info = cols_[c];
      f.align = LXW_ALIGN_RIGHT;
      f.num_format = !col.number_format.empty() ? col.number_format
                                                : number_format(std::max(info.decimals, 0), info.prefix, info.suffix, info.grouping, info.percent);
      if (row == first_data) {  // no records: nothing to sum
        out.number(row, c, 0, formats_.get(f));
        continue;
      }
      char range[LXW_MAX_CELL_RANGE_LENGTH];
      lxw_rowcol_to_range(range, first_data, static_cast<lxw_col_t>(c), row - 1, static_cast<lxw_col_t>(c));
      out.formula(row, c, std::string("=SUM(") + range + ")", info.sum, formats_.get(f));
    }
  }

  lxw_workbook* wb_;
  FormatCache& formats_;
  std::string name_;
  const Layout& layout_;
  const XlsxSpec& x_;
  const BoundDocument& doc_;
  const FontBook& fonts_;
  bool streaming_;
  Style body_, head_;  ///< summary styles as Excel sets them
  std::vector<ColumnInfo> cols_;
};

}  // namespace

void write_summary_sheet(lxw_workbook* wb, FormatCache& formats, const std::string& name, const Layout& layout,
                         const BoundDocument& doc, const FontBook& fonts, bool streaming) {
  if (layout.xlsx.summary.empty()) return;
  Summary(wb, formats, name, layout, doc, fonts, streaming).run();
}

}  // namespace gongwen::xlsx
