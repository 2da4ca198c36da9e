#pragma once
// A layout file (layouts/*.toml) parsed and resolved: page geometry, styles bound to font
// chains, and the blocks a document and each record become. Immutable after loading; shared by
// every worker. Key-by-key documentation: docs/layout-format.md.
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "template/template.hpp"
#include "font/font_book.hpp"
#include "model/document.hpp"
#include "text/paragraph.hpp"

namespace gongwen {

struct PageSpec {
  double width = 595.276, height = 841.89;  ///< pt (A4 portrait)
  double top = 0, bottom = 0, left = 0, right = 0;  ///< margins, pt: the type area lies inside
  double type_width() const { return width - left - right; }
  double type_height() const { return height - top - bottom; }
  /// The text grid (GB/T 9704: 22 lines × 28 characters): 0 = no grid. With a grid every block
  /// starts on a grid line and every style's pitch is a whole number of grid lines.
  int grid_lines = 0, grid_chars = 0;
  double grid_pitch() const { return grid_lines > 0 ? type_height() / grid_lines : 0; }
  double char_pitch() const { return grid_chars > 0 ? type_width() / grid_chars : 0; }
};

enum class VAlign { Top = 0, Middle, Bottom };

/// A named style: text settings plus, for table cells, alignment in the cell.
struct Style {
  std::string name;
  std::string family;      ///< canonical family name from the font map
  Weight weight = Weight::Regular;
  ParagraphStyle paragraph;  ///< fonts, size, colour, indent, pitch, alignment, spacing
  VAlign valign = VAlign::Middle;
  double space_before = 0, space_after = 0;  ///< pt, paragraph blocks
  double pitch_multiple = 1.5;  ///< line pitch as a multiple of the size (inherited by based_on)
  double pitch_absolute = 0;    ///< pt; overrides the multiple when > 0
  bool keep_with_next = false;  ///< headings: never the last line of a page
  bool widow_control = true;    ///< false: a page may end/start with one line of a paragraph (fills the grid)
  bool balance = false;         ///< titles: lines of similar length, broken between words
};

/// Page numbers and running text outside the type area.
struct Furniture {
  std::optional<Template> text;  ///< "— {{page}} —", "第 {{page}} 页 共 {{pages}} 页"
  const Style* style = nullptr;
  enum class Placement { Center = 0, Outside, Inside, Left, Right } placement = Placement::Center;
  double distance = 0;  ///< pt between the type area and the furniture's top (footer) / bottom (header)
  double side = 0;      ///< pt in from the type area's edge for Outside/Inside/Left/Right
  bool skip_first = false;
};

/// Heading styles picked by a paragraph's numbering prefix (一、 （一） 1. （1）).
struct HeadingStyles {
  std::array<const Style*, 4> level{};  ///< h1..h4; all null = no detection
  bool enabled() const { return level[0] || level[1] || level[2] || level[3]; }
};

/// A condition: shown only when the template renders to other than "", "false", "0" or "否".
using Condition = std::optional<Template>;

struct ParagraphBlock {
  Template text;          ///< a list value gives one paragraph per item
  const Style* style = nullptr;
  bool keep_with_next = false;
  HeadingStyles headings;  ///< headings = "auto"
  Condition when;  ///< `when`: the block is left out unless this holds
};

struct CellSpec {
  Template text;
  const Style* style = nullptr;
  int colspan = 1, rowspan = 1;  ///< rowspan counts [[rows]] entries; a for_each row counts as one
  int col = 0;            ///< 0-based grid column, resolved by the parser (layout/table_grid.cpp)
  bool is_label = false;  ///< static text: repeated with the continuation mark when its row splits
  std::string key_path;   ///< "record.blocks[1].rows[3].cells[0]" for messages
  int line = 0, column = 0;  ///< where the cell is written, for grid errors
  /// A picture in the cell (photo, seal): a path template over the record, resolved against the
  /// data file's folder, then the layout's. A path without fields is read with the layout.
  std::optional<Template> image;
  std::shared_ptr<const ImageData> static_image;  ///< the image when its path has no fields
  double image_width = 0, image_height = 0;  ///< pt: the box it is fitted into (0 = the cell's)
  bool image_behind = false;  ///< drawn behind the cell's text (a seal over 盖章 and the date), not above it
  std::optional<Template> when;  ///< the cell is left empty unless this holds
};

struct RowSpec {
  std::vector<CellSpec> cells;
  bool header = false;        ///< repeated at the top of every page the table continues on
  bool omit_if_empty = false; ///< drop the row when every templated cell renders empty
  std::optional<Template> when;  ///< shown only when this renders to other than "", "false", "0" or "否"
  std::optional<Template> for_each;  ///< one row per item of this list field ({{item.x}}, {{n}})
  std::vector<int> merge_columns;    ///< for_each rows: equal neighbouring values merge (row spans)
  std::optional<Template> group_by;  ///< for_each rows: items grouped by this value (first-appearance order)
  bool subtotal = false;             ///< placed after each group of the for_each row above it
  int aggregate_of = -1;             ///< rows with sum()/count()/avg()/min()/max(): the for_each row they aggregate
  double min_height = 0;      ///< pt
  std::string key_path;       ///< "record.blocks[1].rows[3]" for messages
  int line = 0, column = 0;   ///< where its cells are written
};

struct Column {
  double fixed = 0;     ///< pt, when > 0
  double fraction = 0;  ///< share of the rest, when > 0
};

struct TableBlock {
  std::optional<Template> caption;
  const Style* caption_style = nullptr;
  std::vector<Column> columns;
  std::vector<RowSpec> rows;
  double border_outer = 1.0, border_inner = 0.5;  ///< pt
  Color border_color;
  double pad_top = 3, pad_bottom = 3, pad_left = 4, pad_right = 4;  ///< pt
  std::string continued_mark = "（续）";
  double space_after = 0;  ///< pt
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// Signature and date lines under a record's table, kept on the page of its last row.
struct SignoffBlock {
  struct Entry {
    Template label, value;
  };
  std::vector<Entry> entries;
  const Style* style = nullptr;
  int columns = 2;            ///< entries per row
  double space_before = 24;   ///< pt between the table and the first line
  double line_gap = 12;       ///< pt between rows of entries
  double blank_width = 0;     ///< pt of underline after each label (0: none)
  Condition when;  ///< `when`: the block is left out unless this holds
};

struct SpacerBlock {
  double height = 0;  ///< pt
  int lines = 0;      ///< grid lines ("空一行" = 1); added to height
  Condition when;  ///< `when`: the block is left out unless this holds
};

// ---- official-document blocks (GB/T 9704-2012), bound like every block by bind/ (bind_official.cpp). ----

/// A picture from a file next to the layout (PNG with transparency, or JPEG).
struct ImageBlock {
  std::shared_ptr<const ImageData> image;  ///< null when `file` is a template (read per record)
  double width = 0, height = 0;  ///< pt (of `image`)
  Align align = Align::Center;
  /// `file` with fields ("{{logo}}"): found next to the data file, then in `base_dir` (the
  /// layout's folder), sized from `width_given`/`height_given` (pt, 0 = not given) at binding.
  std::optional<Template> file;
  std::filesystem::path base_dir;
  double width_given = 0, height_given = 0;
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// A horizontal rule, as wide as the type area unless `length` says otherwise.
struct RuleBlock {
  double thickness = 0;  ///< pt
  double length = 0;     ///< pt; 0 = the type width
  Color color;
  double space_before = 0, space_after = 0;  ///< pt
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// 附件说明 (§7.3.4): "附件：1.XXX", wrapped lines aligned to the name.
struct AttachmentBlock {
  Template items;              ///< a list: one attachment per item (numbered when several)
  std::string label = "附件：";
  const Style* style = nullptr;
  int blank_lines = 1;         ///< 正文下空一行
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// 署名 + 成文日期 (§7.3.5), with or without a seal.
struct SignatureBlock {
  Template name, date;
  const Style* style = nullptr;
  std::shared_ptr<const ImageData> seal;  ///< null: without a seal (§7.3.5.2), or a templated one
  double seal_width = 0, seal_height = 0;  ///< pt
  /// `seal` with fields ("{{unit_seal}}"): read per record as ImageBlock::file is.
  std::optional<Template> seal_file;
  std::filesystem::path base_dir;
  double seal_width_given = 0, seal_height_given = 0;
  int blank_lines = -1;        ///< before the 署名; -1 = per §7.3.5 (1, or room for the seal)
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// 版记 (§7.4): rules as wide as the type area; 抄送, 印发机关 and 印发日期; the last rule on the
/// type area's bottom edge of the page.
struct BanjiBlock {
  std::optional<Template> copy_to;  ///< 抄送 (may be absent)
  std::string copy_label = "抄送：";
  Template printed_by, printed_on;  ///< 印发机关, 印发日期
  std::string printed_suffix = "印发";
  const Style* style = nullptr;
  double thick = 0, thin = 0;       ///< rule widths, pt (0.35 mm, 0.25 mm)
  bool even_page = false;           ///< on an even page (the back of the sheet), after a blank page if needed
  Condition when;  ///< `when`: the block is left out unless this holds
};

/// 版头 (§7.2) of a 红头 document, at the top of its first page: 份号, 密级, 紧急程度 顶格 on the
/// first lines; the 发文机关标志 centred in red with its top edge `mark_top` below the type
/// area's top (shrunk to one line when too wide); the 发文字号 centred two lines below it; a red
/// rule as wide as the type area 4 mm below the 文号; the next block two lines below the rule.
struct MastheadBlock {
  Template mark;                                   ///< 发文机关标志 ("示例市财政局文件")
  std::optional<Template> number;                  ///< 发文字号 ("示财〔2018〕12号")
  std::optional<Template> copy_no, secrecy, urgency;  ///< 份号, 密级和保密期限, 紧急程度
  const Style* mark_style = nullptr;               ///< default: the preset's "masthead" (小标宋, red)
  const Style* number_style = nullptr;             ///< default: "doc_number" (3号仿宋, centred)
  const Style* note_style = nullptr;               ///< 密级 and 紧急程度: "masthead_note" (3号黑体)
  double mark_top = 0;                             ///< pt (35 mm)
  double rule_gap = 0;                             ///< pt below the 文号 (4 mm)
  double rule_thickness = 0;                       ///< pt
  Color rule_color;
  int lines_after = 2;                             ///< 红色分隔线下空二行
  Condition when;  ///< `when`: the block is left out unless this holds
};

using Block = std::variant<ParagraphBlock, TableBlock, SignoffBlock, SpacerBlock, ImageBlock, RuleBlock,
                           AttachmentBlock, SignatureBlock, BanjiBlock, MastheadBlock>;

/// A block's `when` (null: always shown).
inline const Template* block_condition(const Block& b) {
  return std::visit([](const auto& x) -> const Template* { return x.when ? &*x.when : nullptr; }, b);
}

struct ScoreBand {
  double min = 0;
  std::string label;
};

/// Workbook settings ([xlsx]): sheet naming, the summary sheet (一览表), print furniture.
struct XlsxSpec {
  std::optional<Template> sheet_name;  ///< per record; made valid and unique by the writer
  std::string footer = "&C第 &P 页 共 &N 页";  ///< Excel header/footer codes
  std::string header;
  struct SummaryColumn {
    std::string header;
    Template value;
    double width = 0;       ///< pt; 0 = measured from the content
    bool total = false;     ///< a SUM formula in the totals row
    std::string number_format;  ///< e.g. "0.000"; empty = from the value's decimals
  };
  std::string summary_name = "一览表";
  std::optional<Template> summary_title;
  std::vector<SummaryColumn> summary;  ///< empty: no summary sheet
  std::string total_label = "合计";
  const Style* summary_style = nullptr;  ///< cells of the summary sheet
  const Style* summary_header_style = nullptr;
  size_t max_record_sheets = 2000;  ///< beyond this only the summary is written (constant memory)
};

struct Layout {
  std::filesystem::path source;
  PageSpec page;
  std::map<std::string, std::unique_ptr<Style>, std::less<>> styles;
  Furniture header, footer;
  std::vector<Block> front;    ///< once, before the records (titles)
  std::vector<Block> record;   ///< for every record
  std::vector<Block> back;     ///< once, after the records (tables over all records, totals, 署名)
  bool record_page_break = false;  ///< each record starts a new page
  std::optional<Template> bookmark;  ///< outline entry per record
  // Metadata (templates over document-level data).
  std::optional<Template> title, author, subject, keywords;
  bool pdfa = false;  ///< [document] pdfa = "3u": PDFs are PDF/A-3u with their records attached
  std::string date;  ///< ISO date (YYYY-MM-DD) written as the creation date; empty: SOURCE_DATE_EPOCH or fixed
  nlohmann::json document_defaults = nlohmann::json::object();  ///< [document.defaults]: under the data's document
  /// Record fields the layout uses as lists (join, numbered, count, for_each): a CSV or XLSX
  /// text cell in such a column reads as one item per line. "document.x" paths likewise for
  /// document fields given as text (--set, a CSV's defaults).
  std::vector<std::string> list_fields;
  /// Record fields that are a paragraph (or attachment) template alone: a CSV or XLSX text cell
  /// with line breaks reads as its lines, one paragraph each.
  std::vector<std::string> paragraph_fields;
  // Validation: conclusion vs score bands (gongwen check).
  std::string band_score_field, band_label_field;
  std::vector<ScoreBand> bands;
  XlsxSpec xlsx;
};

/// Loads and resolves a layout. Every problem throws Error(Layout) "file:line:col: message"
/// naming the key path.
std::shared_ptr<const Layout> load_layout(const std::filesystem::path& path, const FontBook& fonts);
/// The same from TOML text; `path` names it in messages and anchors its relative paths.
std::shared_ptr<const Layout> load_layout_text(std::string_view text, const std::filesystem::path& path, const FontBook& fonts);

}  // namespace gongwen
