#include "bind/bind.hpp"

#include <algorithm>
#include <map>

#include "bind/aggregate.hpp"
#include "bind/bind_official.hpp"
#include "bind/bind_table.hpp"
#include "bind/cell_image.hpp"
#include "core/error.hpp"

namespace gongwen {

namespace {

/// A table whose rows are made from every record, grouped, subtotalled or aggregated.
bool over_records(const TableBlock& spec) {
  for (const RowSpec& r : spec.rows)
    if (r.group_by || r.subtotal || r.aggregate_of >= 0 || (r.for_each && !r.for_each->fields().empty() && r.for_each->fields().front() == "records")) return true;
  return false;
}

class Binder : public CellSource {
 public:
  Binder(const nlohmann::json* record, const nlohmann::json& document, const RecordOrigin& origin, const RecordSet* records,
         bool warnings)
      : record_(record ? record : &empty_), document_(document), origin_(origin), records_(records), warnings_(warnings) {}

  /// Cell pictures are looked for next to the data file, then next to the layout.
  void set_image_dirs(const std::filesystem::path& layout_file) {
    layout_dir_ = layout_file.parent_path();
    data_dir_ = std::filesystem::path(origin_.data_name).parent_path();
  }

  /// A row generated from one record of a table over all records: errors name that record, and
  /// its fields without the "item." the template reads them through.
  struct Scope {
    RecordOrigin origin;
  };

  std::vector<std::string> render(const Template& t) const { return render_in(t, nullptr, nullptr); }
  std::vector<std::string> render_in(const Template& t, const nlohmann::json* record, const Scope* scope) const {
    try {
      return t.render(context(record));
    } catch (const BindError& e) {
      if (!scope) throw Error(ErrorKind::Data, data_error(origin_, e.field, e.what()));
      const std::string field = e.field.starts_with("item.") ? e.field.substr(5) : e.field;
      throw Error(ErrorKind::Data, data_error(scope->origin, field, e.what()));
    }
  }
  std::string render_one(const Template& t) const {
    std::string s;
    for (const auto& p : render(t)) s += (s.empty() ? "" : "\n") + p;
    return s;
  }

  BoundParagraphs paragraph(const ParagraphBlock& b) const {
    BoundParagraphs out;
    out.spec = &b;
    out.style = b.style;
    out.texts = render(b.text);
    out.keep_with_next = b.keep_with_next;
    auto f = b.text.fields();
    out.field = f.empty() ? "" : f.front();
    return out;
  }

  BoundTable table(const TableBlock& spec) const {
    // Tables with groups, subtotals, aggregates or rows over all records are generated here;
    // the others go through bind_table, which spans cells over the rows a list generates.
    if (!over_records(spec)) {
      std::vector<std::string> caption;
      if (spec.caption) caption = render(*spec.caption);
      BoundTable t = bind_table(spec, *this);
      t.caption = std::move(caption);
      return t;
    }
    BoundTable t;
    t.spec = &spec;
    if (spec.caption) t.caption = render(*spec.caption);
    // Cells take the grid columns the layout resolved; row spans are stretched over the bound
    // rows once every row is generated (stretch_spans).
    std::vector<size_t> row_spec;  // the spec row each bound row comes from
    std::vector<SpanStart> spans;
    auto place_row = [&](const RowSpec& row, const nlohmann::json* ctx_record, const Scope* scope = nullptr) {
      if (row.when && !condition_holds(render_in(*row.when, ctx_record, scope))) return;
      std::vector<BoundCell> cells;
      bool any_value = false, any_template = false;
      const Scope* outer = scope_;
      scope_ = scope;  // errors of this row's cells name its record
      for (const CellSpec& cs : row.cells) {
        BoundCell cell = bind_cell(cs, *this, ctx_record);
        if (!cs.is_label) {
          any_template = true;
          for (const auto& p : cell.paragraphs)
            if (!p.empty()) any_value = true;
          if (cell.image) any_value = true;
        }
        cells.push_back(std::move(cell));
      }
      scope_ = outer;
      if (row.omit_if_empty && any_template && !any_value) return;
      const int r = static_cast<int>(t.rows.size());
      t.rows.push_back({row.header, row.min_height});
      row_spec.push_back(static_cast<size_t>(&row - spec.rows.data()));
      for (size_t k = 0; k < cells.size(); ++k) {
        cells[k].row = r;
        if (cells[k].rowspan > 1) spans.push_back({t.cells.size(), row_spec.back(), k});
        t.cells.push_back(std::move(cells[k]));
      }
    };
    std::vector<Generated> generated(spec.rows.size());
    for (size_t ri = 0; ri < spec.rows.size(); ++ri) {
      const RowSpec& row = spec.rows[ri];
      if (row.subtotal) continue;  // placed after each group of its for_each row
      if (row.aggregate_of >= 0) {
        const Generated& g = generated[static_cast<size_t>(row.aggregate_of)];
        place_aggregate(t, row, place_row, g.items, g, nullptr);
        continue;
      }
      if (!row.for_each) {
        place_row(row, nullptr);
        continue;
      }
      generated[ri] = generate(t, spec, ri, place_row);
    }
    stretch_spans(t, spans, row_spec);
    return t;
  }

  // CellSource
  std::vector<std::string> render(const Template& t, const nlohmann::json* ctx) const override { return render_in(t, ctx, scope_); }
  std::shared_ptr<const ImageData> image(const CellSpec& cell, const nlohmann::json* ctx) const override {
    std::string path;
    for (const auto& p : render_in(*cell.image, ctx, scope_)) path += p;
    if (path.empty()) return nullptr;  // no picture for this record (`default("")`)
    std::string problem;
    auto img = find_cell_image(path, data_dir_, layout_dir_, problem);
    if (img) return img;
    const auto f = cell.image->fields();
    std::string field = f.empty() ? "image" : f.front();
    if (scope_ && field.starts_with("item.")) field = field.substr(5);
    throw Error(ErrorKind::Data, data_error(scope_ ? scope_->origin : origin_, field, problem));
  }
  std::optional<NumericCell> numeric(const Template& t, const nlohmann::json* ctx) const override {
    try {
      return t.numeric(context(ctx));
    } catch (const BindError&) {
      return std::nullopt;
    }
  }
  const nlohmann::json* list(const std::string& field) const override {
    const nlohmann::json* v = lookup(field);
    if (!v || v->is_null()) return nullptr;  // no items: no rows
    if (!v->is_array())
      throw Error(ErrorKind::Data, data_error(origin_, field, std::string("expected a list, got ") + v->type_name()));
    return v;
  }
  const nlohmann::json& record() const override { return *record_; }

  BoundSignoff signoff(const SignoffBlock& spec) const {
    BoundSignoff s;
    s.spec = &spec;
    auto field = [](const Template& t) {
      const auto f = t.fields();
      return f.empty() ? t.source() : f.front();
    };
    for (const auto& e : spec.entries) s.entries.push_back({render_one(e.label), render_one(e.value), field(e.label), field(e.value)});
    return s;
  }

  std::string bookmark(const Template& t) const { return render_one(t); }

  /// 附件说明, 署名, 版记, 版头, images and rules (bind/bind_official.hpp).
  std::optional<BoundBlock> official(const Block& block) const {
    return bind_official_block(block, context(nullptr), origin_, data_dir_);
  }

 private:
  /// A cell with `rowspan` > 1 as placed: its index in the table, its spec row and cell.
  struct SpanStart {
    size_t cell = 0, spec_row = 0, spec_cell = 0;
  };

  /// `rowspan` counts the layout's [[rows]] entries: a spanning cell covers the bound rows from
  /// its own to the first one generated from an entry `rowspan` entries below its own (every row
  /// a for_each generates counts as its entry). A spanning cell of a for_each row is printed once,
  /// from its first item. Columns come from the layout's grid, which counted the spans alike.
  static void stretch_spans(BoundTable& t, const std::vector<SpanStart>& spans, const std::vector<size_t>& row_spec) {
    std::vector<std::pair<size_t, size_t>> seen;  // (spec row, spec cell) already printed
    for (const SpanStart& s : spans) {
      BoundCell& cell = t.cells[s.cell];
      if (std::find(seen.begin(), seen.end(), std::pair{s.spec_row, s.spec_cell}) != seen.end()) {
        cell.rowspan = 0;  // a later item's copy: covered by the first
        continue;
      }
      seen.emplace_back(s.spec_row, s.spec_cell);
      const size_t end_spec = s.spec_row + static_cast<size_t>(cell.rowspan);
      size_t end = row_spec.size();
      for (size_t r = static_cast<size_t>(cell.row) + 1; r < row_spec.size(); ++r)
        if (row_spec[r] >= end_spec) {
          end = r;
          break;
        }
      cell.rowspan = static_cast<int>(end) - cell.row;
    }
    std::erase_if(t.cells, [](const BoundCell& c) { return c.rowspan == 0; });
  }

  /// One item a for_each row is generated from: its template context and how aggregates see it.
  struct Item {
    nlohmann::json ctx;
    AggregateItem agg;
    std::optional<Scope> scope;
  };
  /// The rows a for_each row generated, for the aggregate rows below it.
  struct Generated {
    std::vector<AggregateItem> items;
    int first_row = -1, last_row = -1;
    bool nested = false;  ///< subtotal rows lie between the items
    std::map<std::string, int> columns;  ///< item field → table column showing it as a number
  };

  /// The items of a for_each row: every record for {{records}} in the front and back matter,
  /// else the list field's items.
  std::vector<Item> row_items(const RowSpec& row) const {
    const std::string field = row.for_each->fields().front();
    std::vector<Item> items;
    if (field == "records" && records_ && origin_.index == 0) {
      for (size_t i = 0; i < records_->data.size(); ++i) {
        const size_t index = i < records_->indices.size() ? records_->indices[i] : i + 1;
        Item it{nlohmann::json::object(), {records_->data[i], index, ""}, Scope{{origin_.data_name, index}}};
        it.ctx["item"] = *records_->data[i];
        items.push_back(std::move(it));
      }
      return items;
    }
    const nlohmann::json* list = lookup(field);
    if (!list || list->is_null()) return items;  // no items: no rows
    if (!list->is_array())
      throw Error(ErrorKind::Data, data_error(origin_, field, std::string("expected a list, got ") + list->type_name()));
    for (size_t n = 0; n < list->size(); ++n) {
      Item it{record_->is_object() ? *record_ : nlohmann::json::object(), {nullptr, origin_.index, field + "[" + std::to_string(n) + "]."}, {}};
      it.ctx["item"] = (*list)[n];
      it.agg.value = &(*list)[n];
      items.push_back(std::move(it));
    }
    return items;
  }

  /// Items in groups of equal group_by value, groups in the order they first appear (one group
  /// of everything without group_by).
  std::vector<std::pair<std::string, std::vector<size_t>>> group(const RowSpec& row, std::vector<Item>& items) const {
    std::vector<std::pair<std::string, std::vector<size_t>>> groups;
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < items.size(); ++i) {
      std::string key;
      if (row.group_by) {
        Item& it = items[i];
        it.ctx["n"] = i + 1;
        for (const auto& p : render_in(*row.group_by, &it.ctx, it.scope ? &*it.scope : nullptr)) key += p;
      }
      auto [pos, fresh] = index.emplace(key, groups.size());
      if (fresh) groups.push_back({key, {}});
      groups[pos->second].second.push_back(i);
    }
    return groups;
  }

  /// The columns of generated row `r` showing an item's field as a number, by column_key().
  static std::map<std::string, int> numeric_columns(const BoundTable& t, size_t r) {
    std::map<std::string, int> cols;
    for (const BoundCell& c : t.cells)
      if (static_cast<size_t>(c.row) == r && c.numeric && c.field.starts_with("item."))
        cols.emplace(column_key(c.field.substr(5), *c.numeric), c.col);
    return cols;
  }

  /// A field and its scale: `sum(spent) | wan` sums the column showing `spent | wan`, never the
  /// one showing `spent` in 元 (its formula would be 10,000 times the printed 合计).
  static std::string column_key(const std::string& field, const NumericCell& n) {
    return n.scale ? field + "/1e" + std::to_string(n.scale) : field;
  }

  /// The rows of for_each row `ri`: one per item, in groups with the subtotal rows after each.
  template <class PlaceRow>
  Generated generate(BoundTable& t, const TableBlock& spec, size_t ri, PlaceRow& place_row) const {
    const RowSpec& row = spec.rows[ri];
    Generated g;
    std::vector<Item> items = row_items(row);
    const auto groups = group(row, items);
    const size_t first_row = t.rows.size();
    size_t n = 0;
    for (const auto& [key, members] : groups) {
      const size_t group_first = t.rows.size();
      std::vector<AggregateItem> group_items;
      for (size_t m : members) {
        Item& it = items[m];
        it.ctx["n"] = ++n;
        const size_t placed = t.rows.size();
        place_row(row, &it.ctx, it.scope ? &*it.scope : nullptr);
        if (t.rows.size() == placed) {  // left out (when, omit_if_empty): neither numbered nor aggregated
          --n;
          continue;
        }
        group_items.push_back(it.agg);
        if (g.columns.empty()) g.columns = numeric_columns(t, t.rows.size() - 1);
      }
      if (t.rows.size() == group_first) continue;  // every row of the group left out: no 小计 either
      merge_equal(t, static_cast<int>(group_first), static_cast<int>(t.rows.size()), row.merge_columns);
      // Subtotals are SUBTOTAL() formulas too, so that the 合计's SUBTOTAL skips them.
      Generated sub{{}, static_cast<int>(group_first), static_cast<int>(t.rows.size()) - 1, true, g.columns};
      for (size_t j = ri + 1; j < spec.rows.size() && spec.rows[j].subtotal; ++j) {
        g.nested = true;
        const size_t before = t.rows.size();
        place_aggregate(t, spec.rows[j], place_row, group_items, sub, &key);
        for (size_t k = before; k < t.rows.size(); ++k) t.rows[k].keep_with_previous = true;
      }
      g.items.insert(g.items.end(), group_items.begin(), group_items.end());
    }
    g.first_row = static_cast<int>(first_row);
    g.last_row = static_cast<int>(t.rows.size()) - 1;
    return g;
  }

  /// A row of sum()/count()/avg()/min()/max() over `items` (a group's, with `group` its key).
  template <class PlaceRow>
  void place_aggregate(BoundTable& t, const RowSpec& row, PlaceRow& place_row, const std::vector<AggregateItem>& items,
                       const Generated& range, const std::string* group) const {
    std::vector<std::string> fields;
    for (const CellSpec& c : row.cells)
      for (const auto& f : c.text.fields()) fields.push_back(f);
    nlohmann::json ctx = aggregate_values(fields, items, origin_.data_name);
    if (group) ctx["group"] = *group;
    const size_t before = t.cells.size(), r = t.rows.size();
    place_row(row, &ctx);
    if (t.rows.size() == r) return;  // omitted when empty
    for (size_t k = 0; k < row.cells.size() && before + k < t.cells.size(); ++k) {
      const auto f = row.cells[k].text.fields();
      if (f.size() != 1) continue;
      auto call = parse_aggregate(f.front());
      if (!call) continue;
      AggregateRef ref{call->fn, -1, range.first_row, range.last_row, range.nested};
      const BoundCell& cell = t.cells[before + k];
      auto it = cell.numeric ? range.columns.find(column_key(call->field, *cell.numeric)) : range.columns.end();
      if (it != range.columns.end() && !call->field.empty() && range.last_row >= range.first_row) ref.column = it->second;
      t.cells[before + k].aggregate = ref;
    }
  }

  TemplateContext context(const nlohmann::json* record) const {
    return TemplateContext{record ? record : record_, &document_, origin_.index, warnings_ ? &raw_notes_ : nullptr};
  }

  const nlohmann::json* lookup(const std::string& path) const {
    if (path.starts_with("document.")) return lookup_in(&document_, path.substr(9));
    return lookup_in(record_, path);
  }
  static const nlohmann::json* lookup_in(const nlohmann::json* v, const std::string& path) {
    size_t start = 0;
    while (v && start <= path.size()) {
      size_t dot = path.find('.', start);
      std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (v->is_object()) {
        auto it = v->find(key);
        v = it == v->end() ? nullptr : &*it;
      } else {
        v = nullptr;
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return v;
  }

  static inline const nlohmann::json empty_ = nlohmann::json::object();
  mutable const Scope* scope_ = nullptr;  ///< the record a row over all records is generated from
  std::filesystem::path data_dir_, layout_dir_;  ///< where cell pictures are looked for
  const nlohmann::json* record_;
  const nlohmann::json& document_;
  RecordOrigin origin_;
  const RecordSet* records_;
  bool warnings_;  ///< collect warnings while rendering

 public:
  mutable std::vector<std::string> raw_notes_;  ///< "field: problem", before the origin is added
};

}  // namespace

Located data_error(const RecordOrigin& origin, const std::string& field, const std::string& message) {
  return record_error(origin.data_name, origin.index, field, message);
}

BoundRecord bind_blocks(const Layout& layout, const std::vector<Block>& blocks, const nlohmann::json* record,
                        const nlohmann::json& document, const RecordOrigin& origin, const RecordSet* records, bool warnings) {
  Binder b(record, document, origin, records, warnings);
  b.set_image_dirs(layout.source);
  BoundRecord out;
  out.index = origin.index;
  if (origin.index > 0 && layout.bookmark) out.bookmark = b.bookmark(*layout.bookmark);
  for (const Block& block : blocks) {
    if (const Template* when = block_condition(block); when && !condition_holds(b.render(*when))) continue;
    if (auto* p = std::get_if<ParagraphBlock>(&block)) out.blocks.emplace_back(b.paragraph(*p));
    else if (auto* t = std::get_if<TableBlock>(&block)) out.blocks.emplace_back(b.table(*t));
    else if (auto* s = std::get_if<SignoffBlock>(&block)) out.blocks.emplace_back(b.signoff(*s));
    else if (auto* sp = std::get_if<SpacerBlock>(&block)) out.blocks.emplace_back(BoundSpacer{sp->height, sp->lines});
    else if (auto official = b.official(block)) out.blocks.push_back(std::move(*official));
  }
  for (const std::string& n : b.raw_notes_) {
    const size_t colon = n.find(": ");
    Located w = data_error(origin, n.substr(0, colon), "warning: " + n.substr(colon + 2));
    const bool seen = std::any_of(out.warnings.begin(), out.warnings.end(), [&](const Located& x) { return x.text == w.text; });
    if (!seen) out.warnings.push_back(std::move(w));
  }
  if (origin.index > 0 && out.bookmark.empty()) {
    for (const auto& blk : out.blocks)
      if (auto* t = std::get_if<BoundTable>(&blk); t && !t->caption.empty()) { out.bookmark = t->caption.front(); break; }
  }
  return out;
}

}  // namespace gongwen
