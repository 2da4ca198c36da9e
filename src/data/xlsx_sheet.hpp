#pragma once
// One worksheet read as a stream of rows: the sheet XML is inflated and parsed a chunk at a time
// as rows are asked for, so memory holds the rows of one chunk, never the sheet. Merged ranges
// (listed after the rows in the XML) are found by a first, cheap pass.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/xml_stream.hpp"
#include "data/zip_archive.hpp"

namespace gongwen::data_detail {

constexpr uint32_t kMaxRows = 1048576, kMaxColumns = 16384;  // XFD1048576

/// A cell as the XML has it: its type attribute, style, cached value text and formula.
struct RawCell {
  uint32_t col = 0;           ///< 1-based
  std::string type;           ///< t="…": "" (number), s, str, inlineStr, b, e, d
  uint32_t style = 0;         ///< s="…"
  std::string value;          ///< <v> text, or the inline string
  bool has_value = false;
  std::string formula;        ///< <f> text ("" for a shared formula's followers)
};

struct RawRow {
  uint32_t row = 0;  ///< 1-based
  std::vector<RawCell> cells;  ///< in column order
};

struct MergedRange {
  uint32_t r1, c1, r2, c2;
};

/// "AB12" → column 28, row 12; "AB" alone when `row` is null. nullopt for a malformed reference;
/// throws (naming `where`) for one past XFD1048576.
std::optional<std::pair<uint32_t, uint32_t>> parse_cell_ref(std::string_view ref, const std::string& where);
/// Column 28 → "AB".
std::string column_name(uint32_t col);

class SheetReader {
 public:
  SheetReader(const ZipArchive& zip, std::string part, std::string sheet_name);
  /// The merged ranges of the sheet (the first pass), sorted by top row.
  const std::vector<MergedRange>& merges() const { return merges_; }
  /// The next row that has cells, or nullopt at the end of the sheet data.
  std::optional<RawRow> next();

 private:
  void collect_merges(const ZipArchive& zip);
  void on_start(std::string_view name, const XmlStream::Attrs& a);
  void on_end(std::string_view name);
  [[noreturn]] void bad(const std::string& message) const;

  std::string part_, sheet_, where_;
  std::vector<MergedRange> merges_;
  ZipArchive::Reader reader_;
  XmlStream xml_;
  std::deque<RawRow> ready_;
  RawRow row_;
  RawCell cell_;
  bool in_row_ = false, in_cell_ = false, done_ = false;
  enum class Text { None, Value, Formula, Inline } text_ = Text::None;
  int phonetic_ = 0;
  uint32_t last_row_ = 0;
};

}  // namespace gongwen::data_detail
