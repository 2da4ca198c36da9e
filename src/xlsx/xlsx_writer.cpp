#include "xlsx/xlsx_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <system_error>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "xlsx/formats.hpp"
#include "xlsx/lxw_support.hpp"
#include "xlsx/record_plan.hpp"
#include "xlsx/record_sheet.hpp"
#include "xlsx/sheet_names.hpp"
#include "xlsx/stderr_capture.hpp"
#include "xlsx/summary_sheet.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {

/// libxlsxwriter takes 0 as "now"; an unset creation time is pinned instead, so that two runs
/// give the same bytes (the zip entries themselves are always dated 1980-01-01).
constexpr int64_t kDefaultCreated = 946684800;  // 2000-01-01T00:00:00Z, as compose's default

void set_properties(lxw_workbook* wb, const Metadata& meta) {
  lxw_doc_properties p{};
  // libxlsxwriter copies the strings; it only wants them non-const.
  auto str = [](const std::string& s) { return s.empty() ? nullptr : const_cast<char*>(s.c_str()); };
  p.title = str(meta.title);
  p.subject = str(meta.subject);
  p.author = str(meta.author);
  p.company = str(meta.author);  // the issuing office is both
  p.keywords = str(meta.keywords);
  p.created = static_cast<time_t>(meta.creation_time != 0 ? meta.creation_time : kDefaultCreated);
  xlsx::check(workbook_set_properties(wb, &p), "document properties");
}

std::string record_sheet_name(const BoundRecord& r) {
  return r.sheet_name.empty() ? "表" + std::to_string(r.index) : r.sheet_name;
}

/// Where libxlsxwriter writes each sheet's XML before zipping it. It creates and removes one
/// temporary file per sheet, which on a disk file system costs about as much as writing the
/// sheet: a memory file system (/dev/shm) takes them when there is one and the caller has not
/// chosen a folder (`chosen`, RendererOptions::temp_dir). The files are unlinked as soon as they
/// are created, so nothing is left behind even by a killed run. Not for constant-memory
/// workbooks, whose one file grows with the record count.
std::string temp_folder(bool streaming, const fs::path& chosen) {
  if (!chosen.empty()) return chosen.string();
  if (streaming) return {};  // libxlsxwriter's default
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK | X_OK) == 0) return "/dev/shm";
  return {};
}

/// Plans every record's sheet, `jobs` at a time; the first failing record (in order) is reported,
/// whatever the number of threads.
std::vector<xlsx::SheetPlan> plan_record_sheets(const Layout& layout, const BoundDocument& doc, const FontBook& fonts,
                                                unsigned jobs) {
  std::vector<xlsx::SheetPlan> plans(doc.records.size());
  parallel_for(doc.records.size(), jobs,
               [&](size_t i) { plans[i] = xlsx::plan_record_sheet(layout, doc.records[i], fonts, doc.data_name); });
  return plans;
}

/// The sheet of record `i` (or of the matter alone when `i` is npos) with the front matter
/// before it and the back matter after it when `front` / `back`.
xlsx::SheetPlan plan_with_matter(const Layout& layout, const BoundDocument& doc, const FontBook& fonts, size_t i, bool front,
                                 bool back) {
  BoundRecord r;
  auto add = [&](const BoundRecord& part) { r.blocks.insert(r.blocks.end(), part.blocks.begin(), part.blocks.end()); };
  if (front) add(doc.front);
  if (i != std::string::npos) {
    r.index = doc.records[i].index;
    add(doc.records[i]);
  }
  if (back) add(doc.back);
  return xlsx::plan_record_sheet(layout, r, fonts, doc.data_name);
}

/// The sheet of a document that is all front and back matter: named after its first caption.
std::string matter_sheet_name(const BoundDocument& doc) {
  for (const BoundRecord* part : {&doc.front, &doc.back})
    for (const BoundBlock& b : part->blocks)
      if (auto* t = std::get_if<BoundTable>(&b); t && !t->caption.empty()) return t->caption.front();
  return "一览表";
}

/// The title property: the layout's [document] title, else the first paragraph of the front
/// matter or, without one, of the first record (the document's own title).
Metadata with_title(Metadata meta, const BoundDocument& doc) {
  if (!meta.title.empty()) return meta;
  const BoundRecord* first = !doc.front.blocks.empty() ? &doc.front : !doc.records.empty() ? &doc.records[0] : nullptr;
  for (size_t i = 0; first && i < first->blocks.size(); ++i)
    if (auto* p = std::get_if<BoundParagraphs>(&first->blocks[i]); p && !p->texts.empty()) {
      for (const auto& t : p->texts) meta.title += t;
      break;
    }
  return meta;
}

}  // namespace

bool xlsx_has_record_sheets(const Layout& layout, size_t records) { return records <= layout.xlsx.max_record_sheets; }

void write_xlsx(const Layout& layout, const BoundDocument& doc, const FontBook& fonts, const fs::path& path, unsigned jobs,
                std::vector<xlsx::SheetPlan> plans, bool summary_only, const fs::path& temp_dir) {
  OutputSet out;
  write_xlsx(layout, doc, fonts, out, path, jobs, std::move(plans), summary_only, temp_dir);
  out.commit();
}

void write_xlsx(const Layout& layout, const BoundDocument& doc, const FontBook& fonts, OutputSet& out, const fs::path& path,
                unsigned jobs, std::vector<xlsx::SheetPlan> plans, bool summary_only, const fs::path& temp_dir) {
  const XlsxSpec& x = layout.xlsx;
  const bool summary = !x.summary.empty();
  // Past max_record_sheets a workbook of sheets would grow without bound: summary only.
  const bool streaming = summary_only || !xlsx_has_record_sheets(layout, doc.records.size());
  if (streaming && !summary)
    throw Error(ErrorKind::Render, "XLSX: " + std::to_string(doc.records.size()) + " records exceed [xlsx] max_record_sheets = " +
                                       std::to_string(x.max_record_sheets) +
                                       " and the layout has no [xlsx.summary] columns to write instead; raise the limit or add a summary");

  // libxlsxwriter only opens the file at the very end (and prints its own complaint): check the
  // folder first, so a wrong path fails fast with our message.
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (std::error_code ec; !fs::is_directory(dir, ec))
    throw Error(ErrorKind::Io, path.string() + ": cannot write: folder " + dir.string() + " does not exist");

  const fs::path tmp = out.stage(path);
  {
    const xlsx::StderrCapture quiet;  // failures are reported below, in our words
    xlsx::Workbook wb(tmp.string(), streaming, temp_folder(streaming, temp_dir));
    set_properties(wb.get(), with_title(doc.meta, doc));
    xlsx::FormatCache formats(wb.get());
    xlsx::SheetNamer names;
    if (summary) xlsx::write_summary_sheet(wb.get(), formats, names.take(x.summary_name, "一览表"), layout, doc, fonts, streaming);
    // Front and back matter go where the PDF has them: before the first record's blocks and
    // after the last's; on a sheet of their own when the records have no blocks of their own.
    const bool matter = !doc.front.blocks.empty() || !doc.back.blocks.empty();
    const bool record_sheets = !layout.record.empty() && !doc.records.empty();
    if (!streaming && matter && !record_sheets) {
      xlsx::write_record_sheet(wb.get(), formats, names.take(matter_sheet_name(doc), "一览表"), layout,
                               plan_with_matter(layout, doc, fonts, std::string::npos, true, true));
    }
    if (!streaming && record_sheets) {
      if (plans.empty()) plans = plan_record_sheets(layout, doc, fonts, jobs);
      if (plans.size() != doc.records.size()) throw Error(ErrorKind::Render, "XLSX: sheet plans and records differ in number");
      const size_t last = doc.records.size() - 1;
      if (matter) {
        plans[0] = plan_with_matter(layout, doc, fonts, 0, true, last == 0);
        if (last > 0) plans[last] = plan_with_matter(layout, doc, fonts, last, false, true);
      }
      for (size_t i = 0; i < doc.records.size(); ++i) {
        const std::string name = names.take(record_sheet_name(doc.records[i]), "表" + std::to_string(doc.records[i].index));
        xlsx::write_record_sheet(wb.get(), formats, name, layout, plans[i]);
        plans[i] = {};  // written: its memory can go
      }
    }
    if (!summary && !matter && doc.records.empty()) {
      // A workbook needs a sheet; an empty one still prints like the PDF.
      xlsx::write_record_sheet(wb.get(), formats, names.take(x.summary_name, "一览表"), layout, xlsx::SheetPlan{});
    }
    errno = 0;
    if (const lxw_error err = wb.close(); err != LXW_NO_ERROR) {
      const int e = errno;
      std::string msg = path.string() + ": cannot write the workbook: " + lxw_strerror(err);
      if (e) msg += std::string(" (") + std::strerror(e) + ")";
      throw Error(ErrorKind::Io, msg);
    }
  }
}

}  // namespace gongwen
