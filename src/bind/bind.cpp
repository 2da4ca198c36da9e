#include "bind/bind.hpp"

#include <map>

#include "core/error.hpp"

namespace gongwen {

namespace {

class Binder {
 public:
  Binder(const nlohmann::json* record, const nlohmann::json& document, const RecordOrigin& origin)
      : record_(record ? record : &empty_), document_(document), origin_(origin) {}

  std::vector<std::string> render(const Template& t, const nlohmann::json* record = nullptr) const {
    try {
      return t.render(context(record));
    } catch (const BindError& e) {
      throw Error(ErrorKind::Data, data_error(origin_, e.field, e.what()));
    }
  }
  std::string render_one(const Template& t) const {
    std::string s;
    for (const auto& p : render(t)) s += (s.empty() ? "" : "\n") + p;
    return s;
  }
  std::optional<NumericCell> numeric(const Template& t, const nlohmann::json* record = nullptr) const {
    try {
      return t.numeric(context(record));
    } catch (const BindError&) {
      return std::nullopt;
    }
  }

  BoundParagraphs paragraph(const ParagraphBlock& b) const {
    BoundParagraphs out;
    out.style = b.style;
    out.texts = render(b.text);
    out.keep_with_next = b.keep_with_next;
    auto f = b.text.fields();
    out.field = f.empty() ? "" : f.front();
    return out;
  }

  BoundTable table(const TableBlock& spec) const {
    BoundTable t;
    t.spec = &spec;
    if (spec.caption) t.caption = render(*spec.caption);
    const int ncols = static_cast<int>(spec.columns.size());
    // Grid occupancy: cells covered by a rowspan from above are skipped when placing a row.
    std::vector<std::vector<bool>> taken;
    auto occupy = [&](int r, int c, int rs, int cs) {
      if (static_cast<int>(taken.size()) < r + rs) taken.resize(static_cast<size_t>(r + rs), std::vector<bool>(static_cast<size_t>(ncols), false));
      for (int i = r; i < r + rs; ++i)
        for (int j = c; j < c + cs && j < ncols; ++j) taken[static_cast<size_t>(i)][static_cast<size_t>(j)] = true;
    };
    auto place_row = [&](const RowSpec& row, const nlohmann::json* ctx_record) {
      std::vector<BoundCell> cells;
      bool any_value = false, any_template = false;
      for (const CellSpec& cs : row.cells) {
        BoundCell cell;
        cell.paragraphs = render(cs.text, ctx_record);
        cell.style = cs.style;
        cell.rowspan = cs.rowspan;
        cell.colspan = cs.colspan;
        cell.is_label = cs.is_label;
        auto f = cs.text.fields();
        cell.field = f.empty() ? "" : f.front();
        if (!cs.is_label) {
          any_template = true;
          for (const auto& p : cell.paragraphs)
            if (!p.empty()) any_value = true;
          cell.numeric = numeric(cs.text, ctx_record);
        }
        cells.push_back(std::move(cell));
      }
      if (row.omit_if_empty && any_template && !any_value) return;
      const int r = static_cast<int>(t.rows.size());
      t.rows.push_back({row.header, row.min_height});
      if (static_cast<int>(taken.size()) <= r) taken.resize(static_cast<size_t>(r + 1), std::vector<bool>(static_cast<size_t>(ncols), false));
      int c = 0;
      for (BoundCell& cell : cells) {
        while (c < ncols && taken[static_cast<size_t>(r)][static_cast<size_t>(c)]) ++c;
        if (c + cell.colspan > ncols)
          throw Error(ErrorKind::Data, data_error(origin_, cell.field, "table row " + std::to_string(r + 1) +
                                                                           " has more cells than columns once row spans are counted"));
        cell.row = r;
        cell.col = c;
        occupy(r, c, cell.rowspan, cell.colspan);
        c += cell.colspan;
        t.cells.push_back(std::move(cell));
      }
    };
    for (const RowSpec& row : spec.rows) {
      if (!row.for_each) {
        place_row(row, nullptr);
        continue;
      }
      const std::string field = row.for_each->fields().front();
      const nlohmann::json* list = lookup(field);
      if (!list || list->is_null()) continue;  // no items: no rows
      if (!list->is_array())
        throw Error(ErrorKind::Data, data_error(origin_, field, std::string("expected a list, got ") + list->type_name()));
      const size_t first_row = t.rows.size();
      for (size_t n = 0; n < list->size(); ++n) {
        nlohmann::json ctx = record_->is_object() ? *record_ : nlohmann::json::object();
        ctx["item"] = (*list)[n];
        ctx["n"] = n + 1;
        place_row(row, &ctx);
      }
      merge_equal(t, first_row, row.merge_columns);
    }
    return t;
  }

  BoundSignoff signoff(const SignoffBlock& spec) const {
    BoundSignoff s;
    s.spec = &spec;
    for (const auto& e : spec.entries) s.entries.emplace_back(render_one(e.label), render_one(e.value));
    return s;
  }

  std::string bookmark(const Template& t) const { return render_one(t); }

 private:
  TemplateContext context(const nlohmann::json* record) const {
    return TemplateContext{record ? record : record_, &document_, origin_.index};
  }

  const nlohmann::json* lookup(const std::string& path) const {
    const nlohmann::json* v = record_;
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

  /// Generated rows: equal neighbouring values in a merge column become one cell spanning them
  /// (一级指标 / 二级指标 groups).
  static void merge_equal(BoundTable& t, size_t first_row, const std::vector<int>& columns) {
    for (int col : columns) {
      BoundCell* run = nullptr;
      for (size_t i = 0; i < t.cells.size(); ++i) {
        BoundCell& c = t.cells[i];
        if (static_cast<size_t>(c.row) < first_row || c.col != col || c.rowspan != 1) continue;
        if (run && run->row + run->rowspan == c.row && run->paragraphs == c.paragraphs && run->colspan == c.colspan) {
          run->rowspan += 1;
          c.rowspan = 0;  // absorbed: removed below
        } else {
          run = &c;
        }
      }
      std::erase_if(t.cells, [](const BoundCell& c) { return c.rowspan == 0; });
    }
  }

  static inline const nlohmann::json empty_ = nlohmann::json::object();
  const nlohmann::json* record_;
  const nlohmann::json& document_;
  RecordOrigin origin_;
};

}  // namespace

std::string data_error(const RecordOrigin& origin, const std::string& field, const std::string& message) {
  std::string s = origin.data_name + ": ";
  s += origin.index > 0 ? "record " + std::to_string(origin.index) : std::string("document");
  if (!field.empty()) s += ": " + field;
  return s + ": " + message;
}

BoundRecord bind_blocks(const Layout& layout, const std::vector<Block>& blocks, const nlohmann::json* record,
                        const nlohmann::json& document, const RecordOrigin& origin) {
  Binder b(record, document, origin);
  BoundRecord out;
  out.index = origin.index;
  if (origin.index > 0 && layout.bookmark) out.bookmark = b.bookmark(*layout.bookmark);
  for (const Block& block : blocks) {
    if (auto* p = std::get_if<ParagraphBlock>(&block)) out.blocks.emplace_back(b.paragraph(*p));
    else if (auto* t = std::get_if<TableBlock>(&block)) out.blocks.emplace_back(b.table(*t));
    else if (auto* s = std::get_if<SignoffBlock>(&block)) out.blocks.emplace_back(b.signoff(*s));
    else if (auto* sp = std::get_if<SpacerBlock>(&block)) out.blocks.emplace_back(*sp);
  }
  if (origin.index > 0 && out.bookmark.empty()) {
    for (const auto& blk : out.blocks)
      if (auto* t = std::get_if<BoundTable>(&blk); t && !t->caption.empty()) { out.bookmark = t->caption.front(); break; }
  }
  return out;
}

}  // namespace gongwen
