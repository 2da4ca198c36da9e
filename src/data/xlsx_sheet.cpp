// The streaming worksheet reader: <row>/<c>/<v>/<f>/<is> into RawRows, <mergeCell> ranges.
#include "data/xlsx_sheet.hpp"

#include <algorithm>
#include <cstdlib>

#include "data/sources.hpp"

namespace gongwen::data_detail {

std::string column_name(uint32_t col) {
  std::string s;
  for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

std::optional<std::pair<uint32_t, uint32_t>> parse_cell_ref(std::string_view ref, const std::string& where) {
  size_t i = 0;
  uint64_t col = 0, row = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  const size_t letters_from = i;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i - letters_from < 4; ++i) col = col * 26 + static_cast<uint64_t>(ref[i] - 'A' + 1);
  if (i == letters_from) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  const size_t digits_from = i;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits_from < 8; ++i) row = row * 10 + static_cast<uint64_t>(ref[i] - '0');
  if (i != ref.size() || i == digits_from || row == 0) return std::nullopt;
  if (col > kMaxColumns || row > kMaxRows)
    fail(where + "!" + std::string(ref) + ": cell reference past Excel's limits (XFD1048576)");
  return std::pair{static_cast<uint32_t>(col), static_cast<uint32_t>(row)};
}

SheetReader::SheetReader(const ZipArchive& zip, std::string part, std::string sheet_name)
    : part_(std::move(part)), sheet_(std::move(sheet_name)), where_(zip.name() + ": " + sheet_),
      // The merges are collected before the row stream opens: both read the same part.
      reader_((collect_merges(zip), zip), part_), xml_(zip.name() + ": " + part_) {
  xml_.on_start = [this](std::string_view n, const XmlStream::Attrs& a) { on_start(n, a); };
  xml_.on_end = [this](std::string_view n) { on_end(n); };
  xml_.on_text = [this](std::string_view s) {
    if (text_ == Text::Value || (text_ == Text::Inline && phonetic_ == 0)) cell_.value.append(s);
    else if (text_ == Text::Formula) cell_.formula.append(s);
  };
}

void SheetReader::bad(const std::string& message) const { fail(where_ + message); }

void SheetReader::collect_merges(const ZipArchive& zip) {
  XmlStream pass(zip.name() + ": " + part_);
  pass.on_start = [&](std::string_view name, const XmlStream::Attrs& a) {
    if (name != "mergeCell") return;
    const char* ref = a.get("ref");
    const std::string_view r = ref ? ref : "";
    const size_t colon = r.find(':');
    std::optional<std::pair<uint32_t, uint32_t>> from, to;
    if (colon != std::string_view::npos) {
      from = parse_cell_ref(r.substr(0, colon), where_);
      to = parse_cell_ref(r.substr(colon + 1), where_);
    }
    if (!from || !to || to->first < from->first || to->second < from->second)
      fail(where_ + ": bad merged range \"" + printable(r) + "\"");
    merges_.push_back({from->second, from->first, to->second, to->first});
  };
  zip.stream(part_, [&](std::string_view chunk) {
    pass.feed(chunk, false);
    return true;
  });
  pass.feed({}, true);
  std::stable_sort(merges_.begin(), merges_.end(), [](const auto& a, const auto& b) { return a.r1 < b.r1; });
}

void SheetReader::on_start(std::string_view name, const XmlStream::Attrs& a) {
  if (name == "row") {
    const char* r = a.get("r");
    uint64_t n = last_row_ + 1;
    if (r) {
      n = 0;
      for (const char* p = r; *p; ++p) {
        if (*p < '0' || *p > '9' || n > kMaxRows) bad(": bad row number \"" + printable(r) + "\"");
        n = n * 10 + static_cast<uint64_t>(*p - '0');
      }
    }
    if (n > kMaxRows) bad("!A" + std::to_string(n) + ": cell reference past Excel's limits (XFD1048576)");
    if (n <= last_row_) bad(": row " + std::to_string(n) + " comes after row " + std::to_string(last_row_));
    row_ = RawRow{static_cast<uint32_t>(n), {}};
    last_row_ = row_.row;
    in_row_ = true;
  } else if (name == "c" && in_row_) {
    cell_ = RawCell{};
    const uint32_t prev = row_.cells.empty() ? 0 : row_.cells.back().col;
    if (const char* r = a.get("r")) {
      auto ref = parse_cell_ref(r, where_);
      if (!ref) bad(": bad cell reference \"" + printable(r) + "\" in row " + std::to_string(row_.row));
      if (ref->second != row_.row) bad("!" + std::string(r) + ": cell outside its row " + std::to_string(row_.row));
      cell_.col = ref->first;
    } else {
      cell_.col = prev + 1;
      if (cell_.col > kMaxColumns) bad("!" + column_name(cell_.col) + std::to_string(row_.row) + ": cell reference past Excel's limits (XFD1048576)");
    }
    if (cell_.col <= prev) bad("!" + column_name(cell_.col) + std::to_string(row_.row) + ": cell out of column order");
    if (const char* t = a.get("t")) cell_.type = t;
    if (const char* s = a.get("s")) cell_.style = static_cast<uint32_t>(std::strtoul(s, nullptr, 10));
    in_cell_ = true;
  } else if (in_cell_ && name == "v") {
    text_ = Text::Value;
    cell_.has_value = true;
  } else if (in_cell_ && name == "f") {
    text_ = Text::Formula;
  } else if (in_cell_ && name == "is") {
    text_ = Text::Inline;
    cell_.has_value = true;
  } else if (in_cell_ && name == "rPh") {
    ++phonetic_;
  }
}

void SheetReader::on_end(std::string_view name) {
  if (name == "c" && in_cell_) {
    in_cell_ = false;
    text_ = Text::None;
    row_.cells.push_back(std::move(cell_));
  } else if (name == "row" && in_row_) {
    in_row_ = false;
    if (!row_.cells.empty()) ready_.push_back(std::move(row_));
  } else if (name == "v" || name == "f" || name == "is") {
    text_ = Text::None;
  } else if (name == "rPh") {
    --phonetic_;
  } else if (name == "sheetData") {
    done_ = true;
    xml_.stop();  // what follows (merges, print setup) was read by the first pass
  }
}

std::optional<RawRow> SheetReader::next() {
  while (ready_.empty() && !done_) {
    const std::string_view chunk = reader_.next();
    xml_.feed(chunk, chunk.empty());
    if (chunk.empty()) done_ = true;
  }
  if (ready_.empty()) return std::nullopt;
  RawRow r = std::move(ready_.front());
  ready_.pop_front();
  return r;
}

}  // namespace gongwen::data_detail
