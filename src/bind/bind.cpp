#include "bind/bind.hpp"

#include <algorithm>
#include <map>

#include "bind/bind_table.hpp"
#include "core/error.hpp"

namespace gongwen {

namespace {

class Binder : public CellSource {
 public:
  Binder(const nlohmann::json* record, const nlohmann::json& document, const RecordOrigin& origin,
         std::vector<std::string>* notes)
      : record_(record ? record : &empty_), document_(document), origin_(origin), notes_(notes) {}

  std::vector<std::string> render(const Template& t) const { return render(t, nullptr); }
  std::string render_one(const Template& t) const {
    std::string s;
    for (const auto& p : render(t)) s += (s.empty() ? "" : "\n") + p;
    return s;
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
    std::vector<std::string> caption;
    if (spec.caption) caption = render(*spec.caption);
    BoundTable t = bind_table(spec, *this);
    t.caption = std::move(caption);
    return t;
  }

  // CellSource
  std::vector<std::string> render(const Template& t, const nlohmann::json* ctx) const override {
    try {
      return t.render(context(ctx));
    } catch (const BindError& e) {
      throw Error(ErrorKind::Data, data_error(origin_, e.field, e.what()));
    }
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
    for (const auto& e : spec.entries) s.entries.emplace_back(render_one(e.label), render_one(e.value));
    return s;
  }

  std::string bookmark(const Template& t) const { return render_one(t); }

 private:
  TemplateContext context(const nlohmann::json* record) const {
    return TemplateContext{record ? record : record_, &document_, origin_.index, notes_ ? &raw_notes_ : nullptr};
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

  static inline const nlohmann::json empty_ = nlohmann::json::object();
  const nlohmann::json* record_;
  const nlohmann::json& document_;
  RecordOrigin origin_;
  std::vector<std::string>* notes_;

 public:
  mutable std::vector<std::string> raw_notes_;  ///< "field: problem", before the origin is added
};

}  // namespace

std::string data_error(const RecordOrigin& origin, const std::string& field, const std::string& message) {
  std::string s = origin.data_name + ": ";
  s += origin.index > 0 ? "record " + std::to_string(origin.index) : std::string("document");
  if (!field.empty()) s += ": " + field;
  return s + ": " + message;
}

BoundRecord bind_blocks(const Layout& layout, const std::vector<Block>& blocks, const nlohmann::json* record,
                        const nlohmann::json& document, const RecordOrigin& origin, std::vector<std::string>* notes) {
  Binder b(record, document, origin, notes);
  BoundRecord out;
  out.index = origin.index;
  if (origin.index > 0 && layout.bookmark) out.bookmark = b.bookmark(*layout.bookmark);
  for (const Block& block : blocks) {
    if (auto* p = std::get_if<ParagraphBlock>(&block)) out.blocks.emplace_back(b.paragraph(*p));
    else if (auto* t = std::get_if<TableBlock>(&block)) out.blocks.emplace_back(b.table(*t));
    else if (auto* s = std::get_if<SignoffBlock>(&block)) out.blocks.emplace_back(b.signoff(*s));
    else if (auto* sp = std::get_if<SpacerBlock>(&block)) out.blocks.emplace_back(*sp);
  }
  if (notes)
    for (const std::string& n : b.raw_notes_) {
      const size_t colon = n.find(": ");
      std::string line = data_error(origin, n.substr(0, colon), "warning: " + n.substr(colon + 2));
      if (std::find(notes->begin(), notes->end(), line) == notes->end()) notes->push_back(std::move(line));
    }
  if (origin.index > 0 && out.bookmark.empty()) {
    for (const auto& blk : out.blocks)
      if (auto* t = std::get_if<BoundTable>(&blk); t && !t->caption.empty()) { out.bookmark = t->caption.front(); break; }
  }
  return out;
}

}  // namespace gongwen
