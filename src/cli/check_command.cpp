// gongwen check: loads the layout, then binds and lays out every record (as rendering would)
// and reports all problems instead of stopping at the first; also score-band contradictions.
#include <iostream>
#include <set>
#include <string>

#include "batch/data_options.hpp"
#include "bind/bind.hpp"
#include "bind/format.hpp"
#include "cli/band_check.hpp"
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

/// Warnings that do not stop rendering (a list numbered inconsistently); printed, not counted
/// as problems.
size_t report_notes(const Layout& layout, const Record& rec, const nlohmann::json& document, const std::string& name) {
  std::vector<std::string> notes;
  bind_blocks(layout, layout.record, &rec.fields, document, {name, rec.index}, nullptr, &notes);
  for (const auto& n : notes) std::cout << n << "\n";
  return notes.size();
}
}  // namespace

int check(const Options& o) {
  FontBook fonts = load_fonts(o);
  auto layout = load_layout(o.inputs[0], fonts);
  size_t problems = 0, records = 0, warnings = 0;
  std::set<std::string> reported;
  const DataOptions dopt = data_options_for(data_format_options(o), *layout);
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
          // A problem of the document-level data comes back with every record: say it once,
          // whether it surfaced in the front matter or in a record's block ("record 3:
          // document.title: ...", keyed without the record).
          const std::string what = e.what();
          std::string key = what;
          const size_t rec = what.find(": record ");
          const size_t field = rec == std::string::npos ? rec : what.find(": ", rec + 9);
          const bool document_field = field != std::string::npos && what.compare(field + 2, 9, "document.") == 0;
          if (document_field) key = what.substr(0, rec) + what.substr(field);
          if ((rec != std::string::npos && !document_field) || reported.insert(key).second) {
            std::cout << e.what() << "\n";
            ++problems;
          }
        }
        problems += check_bands(*layout, rec->fields, name, rec->index, std::cout);
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
