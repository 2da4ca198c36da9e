// .xlsx record source: a worksheet's header row names the fields, every row below it is a record.
// Cells keep their types (numbers, dates, booleans, formulas by cached value); merged cells
// spread their value over the cells they cover; rows stream from the sheet XML.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "data/cells.hpp"
#include "data/sources.hpp"
#include "data/xlsx_sheet.hpp"
#include "data/xlsx_workbook.hpp"

namespace gongwen::data_detail {

using nlohmann::json;

namespace {

/// OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ for a carriage return);
/// "\r\n" and "\r" line breaks become "\n", as CSV cells have them.
std::string decode_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6 && hex; ++k) {
        const char c = s[k];
        hex = std::isxdigit(static_cast<unsigned char>(c));
        cp = cp * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      }
      if (hex && (cp < 0xD800 || cp > 0xDFFF)) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
        else out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  std::string norm;
  norm.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r') {
      norm += '\n';
      if (i + 1 < out.size() && out[i + 1] == '\n') ++i;
    } else {
      norm += out[i];
    }
  }
  return norm;
}

/// "SUM(C3:C12)" in column C above row 13: the totals row gongwen (and many offices) write
/// under a table. Such a row is no record.
bool is_column_total(const RawCell& c, uint32_t row) {
  std::string_view f = c.formula;
  if (f.starts_with('=')) f.remove_prefix(1);
  if (!f.starts_with("SUM(") || !f.ends_with(')')) return false;
  f = f.substr(4, f.size() - 5);
  const size_t colon = f.find(':');
  if (colon == std::string_view::npos) return false;
  try {
    auto a = parse_cell_ref(f.substr(0, colon), ""), b = parse_cell_ref(f.substr(colon + 1), "");
    return a && b && a->first == c.col && b->first == c.col && b->second < row;
  } catch (const Error&) {
    return false;
  }
}

class XlsxSource : public RecordSource {
 public:
  XlsxSource(std::string bytes, const std::string& path, std::string name, const DataOptions& o)
      : name_(std::move(name)), bytes_(std::move(bytes)),
        zip_(path.empty() ? ZipArchive::open_bytes(bytes_, name_, o.part_limit) : ZipArchive::open_file(path, name_, o.part_limit)),
        book_(load_workbook(zip_)), separator_(o.list_separator) {
    const XlsxWorkbook::Sheet* sheet = &book_.sheets.front();
    if (!o.sheet.empty()) {
      auto it = std::find_if(book_.sheets.begin(), book_.sheets.end(), [&](const auto& s) { return s.name == o.sheet; });
      if (it == book_.sheets.end()) {
        std::string names;
        for (const auto& s : book_.sheets) names += (names.empty() ? "" : ", ") + s.name;
        fail(name_ + ": no sheet named '" + o.sheet + "' (the workbook has " + names + ")");
      }
      sheet = &*it;
    }
    sheet_ = sheet->name;
    if (!zip_.has(sheet->part)) fail(name_ + ": sheet '" + sheet_ + "' has no part " + sheet->part + " in the zip archive");
    for (auto& s : book_.shared) s = decode_text(s);
    reader_ = std::make_unique<SheetReader>(zip_, sheet->part, sheet_);
    read_header(o);
  }

  std::optional<Record> next() override {
    for (;;) {
      auto row = next_row();
      if (!row) return std::nullopt;
      if (std::any_of(row->cells.begin(), row->cells.end(), [&](const RawCell& c) { return is_column_total(c, row->row); })) continue;
      bool any = false;
      for (const RawCell& c : row->cells) any |= c.has_value && c.col < fields_.size() && !fields_[c.col].empty() && !c.value.empty();
      if (!any) continue;  // a blank row (or one with cells only outside the table) is no record
      return record(*row, ++count_);
    }
  }
  const json& document() const override { return document_; }

 private:
  enum class Kind { Value, List, Lines, Paragraphs, Number };

  std::string ref(const RawCell& c, uint32_t row) const { return sheet_ + "!" + column_name(c.col) + std::to_string(row); }

  /// The next row, merges spread; the row read ahead while looking for the header first.
  std::optional<RawRow> next_row() {
    if (pending_) {
      std::optional<RawRow> r = std::move(pending_);
      pending_.reset();
      return r;
    }
    auto row = reader_->next();
    if (row) spread_merges(*row);
    return row;
  }

  static size_t filled_count(const RawRow& row) {
    return static_cast<size_t>(std::count_if(row.cells.begin(), row.cells.end(), [](const RawCell& c) { return c.has_value && !c.value.empty(); }));
  }

  /// The first row with values that is not a title: one merged range across columns, or a lone
  /// cell above a row with several.
  void read_header(const DataOptions& o) {
    for (;;) {
      auto row = next_row();
      if (!row) fail(name_ + ": sheet '" + sheet_ + "' is empty (a header row is needed)");
      std::vector<const RawCell*> filled;
      for (const RawCell& c : row->cells)
        if (c.has_value && !c.value.empty()) filled.push_back(&c);
      if (filled.empty() || is_title(*row, filled)) continue;
      if (filled.size() == 1) {
        pending_ = next_row();
        if (pending_ && filled_count(*pending_) > 1) continue;
      }
      header_row_ = row->row;
      for (const RawCell& c : row->cells) {
        std::string field(trim_blank(text_of(c, row->row, "")));
        if (field.empty()) continue;  // a column without a heading is not read
        if (fields_.size() <= c.col) fields_.resize(c.col + 1);
        for (uint32_t k = 1; k < c.col && k < fields_.size(); ++k)
          if (fields_[k] == field) fail(name_ + ": " + ref(c, row->row) + ": duplicate column '" + field + "' (also in column " + column_name(k) + ")");
        fields_[c.col] = std::move(field);
      }
      break;
    }
    kinds_.assign(fields_.size(), Kind::Value);
    auto mark = [&](const std::vector<std::string>& names, Kind kind, const char* what, bool must_exist) {
      for (const auto& f : names) {
        auto it = std::find(fields_.begin(), fields_.end(), f);
        if (it == fields_.end()) {
          if (must_exist) fail(name_ + ": " + what + " field '" + f + "' is not a column of the header (row " + std::to_string(header_row_) + " of sheet '" + sheet_ + "')");
          continue;
        }
        Kind& k = kinds_[static_cast<size_t>(it - fields_.begin())];
        if (k == Kind::Value) k = kind;
        else if (must_exist && k != kind) fail(name_ + ": column '" + f + "' cannot be both a list and a number field");
      }
    };
    mark(o.list_fields, Kind::List, "list", true);
    mark(o.number_fields, Kind::Number, "number", true);
    mark(o.line_list_fields, Kind::Lines, "", false);
    mark(o.paragraph_fields, Kind::Paragraphs, "", false);
  }

  /// A title row: its values all lie in one merged range spanning several columns.
  bool is_title(const RawRow& row, const std::vector<const RawCell*>& filled) const {
    for (const auto& m : active_) {
      if (m.range.c2 == m.range.c1 || m.range.r1 > row.row || m.range.r2 < row.row) continue;
      if (std::all_of(filled.begin(), filled.end(), [&](const RawCell* c) { return c->col >= m.range.c1 && c->col <= m.range.c2; })) return true;
    }
    return false;
  }

  /// Copies each merged range's top-left cell to the other cells of the range in this row.
  void spread_merges(RawRow& row) {
    const auto& merges = reader_->merges();
    std::erase_if(active_, [&](const Active& a) { return a.range.r2 < row.row; });
    for (; next_merge_ < merges.size() && merges[next_merge_].r1 <= row.row; ++next_merge_) {
      const MergedRange& m = merges[next_merge_];
      if (m.r2 < row.row) continue;
      Active a{m, std::nullopt};
      if (m.r1 == row.row)
        for (const RawCell& c : row.cells)
          if (c.col == m.c1 && c.has_value) a.value = c;
      active_.push_back(std::move(a));
    }
    bool added = false;
    for (const Active& a : active_) {
      if (!a.value) continue;
      for (uint32_t col = a.range.c1; col <= a.range.c2 && col < std::max<size_t>(fields_.size(), a.range.c1 + 1); ++col) {
        if (row.row == a.range.r1 && col == a.range.c1) continue;
        auto it = std::find_if(row.cells.begin(), row.cells.end(), [&](const RawCell& c) { return c.col == col; });
        if (it != row.cells.end() && it->has_value && !it->value.empty()) continue;
        RawCell copy = *a.value;
        copy.col = col;
        copy.formula.clear();
        if (it != row.cells.end()) *it = std::move(copy);
        else row.cells.push_back(std::move(copy)), added = true;
      }
    }
    if (added) std::sort(row.cells.begin(), row.cells.end(), [](const RawCell& a, const RawCell& b) { return a.col < b.col; });
  }

  /// A cell's text (header cells, and strings), shared strings resolved.
  std::string text_of(const RawCell& c, uint32_t row, const std::string& field) const {
    if (c.type == "s") return shared(c, row, field);
    if (c.type == "inlineStr" || c.type == "str") return decode_text(c.value);
    if (c.type.empty() || c.type == "n") {
      if (auto n = parse_stored_number(c.value)) {
        const NumberShape shape = c.style < book_.styles.size() ? book_.styles[c.style] : NumberShape::Number;
        if (shape != NumberShape::Number) {
          const std::string d = excel_date_text(n->get<double>(), book_.date1904, shape);
          if (!d.empty()) return d;
        }
        return n->dump();
      }
    }
    return c.value;
  }

  const std::string& shared(const RawCell& c, uint32_t row, const std::string& field) const {
    size_t i = 0;
    const bool digits = !c.value.empty() && c.value.size() < 12 && c.value.find_first_not_of("0123456789") == std::string::npos;
    if (digits) i = std::stoul(c.value);
    if (!digits || i >= book_.shared.size())
      fail(name_ + ": " + ref(c, row) + ": " + (field.empty() ? "" : field + ": ") + "shared string index " + printable(c.value) +
           " out of range (the workbook has " + std::to_string(book_.shared.size()) + ")");
    return book_.shared[i];
  }

  json value_of(const RawCell& c, uint32_t row, size_t index, const std::string& field) const {
    if (!c.has_value) return nullptr;
    const std::string at = " (" + ref(c, row) + ")";
    if (c.type == "b") return c.value == "1" || c.value == "true";
    if (c.type == "e") fail(record_message(name_, index, field, "the cell holds the error " + printable(c.value) + at));
    if (c.type == "s" || c.type == "inlineStr" || c.type == "str") return text_of(c, row, field);
    if (c.type == "d") {  // ISO 8601 (strict OOXML); midnight is a date
      std::string d = c.value;
      if (d.ends_with("T00:00:00") || d.ends_with("T00:00:00Z")) d.resize(10);
      return d;
    }
    if (!c.type.empty() && c.type != "n") fail(name_ + ": " + ref(c, row) + ": " + field + ": unknown cell type \"" + printable(c.type) + "\"");
    if (c.value.empty()) return nullptr;
    auto n = parse_stored_number(c.value);
    if (!n) fail(name_ + ": " + ref(c, row) + ": " + field + ": malformed number \"" + printable(c.value) + "\"");
    const NumberShape shape = c.style < book_.styles.size() ? book_.styles[c.style] : NumberShape::Number;
    if (shape == NumberShape::Number) return std::move(*n);
    const std::string d = excel_date_text(n->get<double>(), book_.date1904, shape);
    if (d.empty()) fail(record_message(name_, index, field, "date serial " + c.value + " is outside the years 1900-9999" + at));
    return d;
  }

  Record record(const RawRow& row, size_t index) const {
    json fields = json::object();
    for (size_t col = 1; col < fields_.size(); ++col)
      if (!fields_[col].empty()) fields[fields_[col]] = kinds_[col] == Kind::List || kinds_[col] == Kind::Lines ? json::array() : json();
    for (const RawCell& c : row.cells) {
      if (c.col >= fields_.size() || fields_[c.col].empty()) continue;
      const std::string& field = fields_[c.col];
      json v = value_of(c, row.row, index, field);
      switch (kinds_[c.col]) {
        case Kind::Value: break;
        case Kind::Paragraphs:
          if (v.is_string() && v.get_ref<const std::string&>().find('\n') != std::string::npos)
            v = split_items(v.get_ref<const std::string&>(), "\n");
          break;
        case Kind::List:
        case Kind::Lines:
          if (v.is_string()) v = split_items(v.get_ref<const std::string&>(), kinds_[c.col] == Kind::List ? std::string_view(separator_) : "\n");
          else v = v.is_null() ? json::array() : json::array({std::move(v)});
          break;
        case Kind::Number:
          if (v.is_string()) {
            const std::string_view t = trim_blank(v.get_ref<const std::string&>());
            if (t.empty()) v = nullptr;
            else if (auto n = parse_number(t)) v = std::move(*n);
            else fail(record_message(name_, index, field, "expected a number, got \"" + printable(t) + "\" (" + ref(c, row.row) + ")"));
          }
          break;
      }
      fields[field] = std::move(v);
    }
    return Record{index, std::move(fields)};
  }

  struct Active {
    MergedRange range;
    std::optional<RawCell> value;
  };

  std::string name_;
  std::string bytes_;  // the workbook when read from memory
  ZipArchive zip_;
  XlsxWorkbook book_;
  std::string separator_;
  std::string sheet_;
  std::unique_ptr<SheetReader> reader_;
  std::optional<RawRow> pending_;
  std::vector<std::string> fields_;  // by column (1-based); "" for unread columns
  std::vector<Kind> kinds_;
  std::vector<Active> active_;
  size_t next_merge_ = 0, count_ = 0;
  uint32_t header_row_ = 0;
  json document_ = json::object();
};

}  // namespace

std::unique_ptr<RecordSource> make_xlsx_source(const std::string& path, const std::string& name, const DataOptions& options) {
  return std::make_unique<XlsxSource>(std::string(), path, name, options);
}

std::unique_ptr<RecordSource> make_xlsx_source_from_bytes(std::string bytes, const std::string& name, const DataOptions& options) {
  return std::make_unique<XlsxSource>(std::move(bytes), std::string(), name, options);
}

}  // namespace gongwen::data_detail
