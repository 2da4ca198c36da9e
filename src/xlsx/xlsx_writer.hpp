#pragma once
// The XLSX writer: a bound document as a workbook for archiving and attaching to submissions.
// A summary sheet (一览表) when the layout asks for one, then one sheet per record mirroring its
// tables, with row heights and column widths from our own text engine (neither libxlsxwriter
// nor Excel sizes rows that hold merged cells), typed numbers, and print setup matching the PDF.
#include <filesystem>

#include "core/atomic_file.hpp"
#include "bind/bound.hpp"
#include "font/font_book.hpp"
#include "layout/layout.hpp"
#include "xlsx/record_plan.hpp"

namespace gongwen {

/// Writes the workbook for a bound document to `path` (temporary file in the same folder +
/// rename; no partial file ever at `path`). Beyond `layout.xlsx.max_record_sheets` records only
/// the summary is written, in constant memory. Output is byte-identical for identical input
/// (the creation time comes from doc.meta). Throws Error(Io) when the file cannot be written,
/// Error(Data) for text no font covers, Error(Render) for anything libxlsxwriter refuses.
/// Record sheets are planned (their text laid out) `jobs` at a time — or taken from `plans`, one
/// per record in order, when the caller planned them already (a batch does while validating).
/// `summary_only` writes the summary alone whatever the record count (a batch whose input was over
/// the limit keeps to that when failed records bring it under). `temp_dir`: RendererOptions::temp_dir.
void write_xlsx(const Layout& layout, const BoundDocument& doc, const FontBook& fonts, const std::filesystem::path& path,
                unsigned jobs = 1, std::vector<xlsx::SheetPlan> plans = {}, bool summary_only = false,
                const std::filesystem::path& temp_dir = {});

/// As above, but staged in `out`: the workbook appears when `out` commits, with the set's other
/// files (a run's PDF and workbook appear together or not at all).
void write_xlsx(const Layout& layout, const BoundDocument& doc, const FontBook& fonts, OutputSet& out,
                const std::filesystem::path& path, unsigned jobs = 1, std::vector<xlsx::SheetPlan> plans = {},
                bool summary_only = false, const std::filesystem::path& temp_dir = {});

/// Whether write_xlsx writes a sheet per record for `records` records (rather than only the summary).
bool xlsx_has_record_sheets(const Layout& layout, size_t records);

}  // namespace gongwen
