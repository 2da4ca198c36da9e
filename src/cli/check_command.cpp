// gongwen check: loads the layout, then binds and lays out every record (as rendering would)
// and reports all problems instead of stopping at the first; also score-band contradictions.
#include <iostream>
#include <set>
#include <string>

#include "bind/bind.hpp"
#include "bind/format.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "data/record.hpp"
#include "flow/compose.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"

namespace gongwen::cli {

namespace {
FontBook load_fonts(const Options& o) {
  FontBook fonts = FontBook::load(FontBook::default_map_path());
  for (const auto& m : o.font_maps) fonts.add_map(m);
  for (const auto& d : o.font_dirs) fonts.add_font_dir(d);
  return fonts;
}

/// The band label a score belongs to, on the displayed (2-decimal) score.
const ScoreBand* band_of(const Layout& l, double score) {
  const double shown = std::stod(format_fixed(score, 2));
  for (const auto& b : l.bands)
    if (shown >= b.min) return &b;
  return nullptr;
}
/// Warnings that do not stop rendering (a list numbered inconsistently); printed, not counted
/// as problems.
size_t report_notes(const Layout& layout, const Record& rec, const nlohmann::json& document, const std::string& name) {
  std::vector<std::string> notes;
  bind_blocks(layout, layout.record, &rec.fields, document, {name, rec.index}, &notes);
  for (const auto& n : notes) std::cout << n << "\n";
  return notes.size();
}
}  // namespace

int check(const Options& o) {
  FontBook fonts = load_fonts(o);
  auto layout = load_layout(o.inputs[0], fonts);
  size_t problems = 0, records = 0, warnings = 0;
  std::set<std::string> reported;
  DataOptions dopt;
  dopt.encoding = o.encoding;
  dopt.list_separator = o.list_separator;
  dopt.list_fields = o.list_fields;
  dopt.number_fields = o.number_fields;
  for (size_t i = 1; i < o.inputs.size(); ++i) {
    const std::string name = o.inputs[i];
    try {
      auto source = open_records(name, dopt);
      while (true) {
        std::optional<Record> rec;
        try {
          rec = source->next();
        } catch (const Error& e) {
          std::cout << e.what() << "\n";
          ++problems;
          if (std::string(e.what()).find(": record ") == std::string::npos) break;  // a syntax error ends the file
          continue;
        }
        if (!rec) break;
        ++records;
        ComposeInput in;
        in.document = &source->document();
        in.records = {&rec->fields};
        in.indices = {rec->index};
        in.data_name = name;
        try {
          // Binds and lays out every block as rendering does — tables, paragraphs, sign-off and
          // the official blocks (附件说明, 署名, 版记), which are bound during pagination.
          compose(*layout, in);
          warnings += report_notes(*layout, *rec, source->document(), name);
        } catch (const Error& e) {
          // A problem of the document-level data comes back with every record: say it once.
          const std::string what = e.what();
          if (what.find(": record ") != std::string::npos || reported.insert(what).second) {
            std::cout << e.what() << "\n";
            ++problems;
          }
        }
        if (!layout->bands.empty()) {
          auto s = rec->fields.find(layout->band_score_field);
          auto c = rec->fields.find(layout->band_label_field);
          if (s != rec->fields.end() && s->is_number() && c != rec->fields.end() && c->is_string()) {
            const ScoreBand* band = band_of(*layout, s->get<double>());
            if (band && c->get<std::string>() != band->label) {
              std::cout << name << ": record " << rec->index << ": " << layout->band_label_field << ": '" << c->get<std::string>()
                        << "' contradicts " << layout->band_score_field << " " << format_fixed(s->get<double>(), 2)
                        << " (band from " << band->min << ": '" << band->label << "')\n";
              ++problems;
            }
          }
        }
      }
    } catch (const Error& e) {
      std::cout << e.what() << "\n";
      ++problems;
    }
  }
  std::cerr << "gongwen check: " << records << " record(s), " << problems << " problem(s)";
  if (warnings > 0) std::cerr << ", " << warnings << " warning(s)";
  std::cerr << "\n";
  return problems == 0 ? 0 : 1;
}

}  // namespace gongwen::cli
