#include "pdf/cff_subset.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_write.hpp"

// Layout of a subset (every offset a 5-byte integer, so the DICTs prepared per face keep their
// size and only their offset values are patched per document):
//
//   head_            header (hdrSize 4), Name INDEX, Top DICT INDEX   — prepared, 4 offsets patched
//   strings_gsubrs_  String INDEX (SIDs unchanged), empty Global Subr INDEX — prepared
//   charset          format 0 or 2, whichever is smaller              — per document
//   FDSelect         format 0 or 3, whichever is smaller              — per document
//   CharStrings      the used glyphs' charstrings, copied              — per document
//   fd_array_        FDArray INDEX (Font DICTs)                        — prepared, Private offsets patched
//   privates_        the Private DICTs (no Subrs: the font has none)  — prepared

namespace gongwen::pdf {

namespace {

using namespace cff_write;

// Top DICT operators not kept: Encoding is meaningless in a CID-keyed font; UniqueID, XUID and
// UIDBase identify the whole font, and Ghostscript caches glyphs by them, so two different
// subsets carrying the same ids could share cached glyphs.
constexpr int kUniqueId = 13, kXuid = 14, kUidBase = 1235;

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorKind::Render, "malformed CFF table: " + what);
}

uint32_t read_n(std::string_view d, size_t at, unsigned size) {
  if (at + size > d.size()) malformed("read past the end of the table");
  uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) v = (v << 8) | static_cast<uint8_t>(d[at + i]);
  return v;
}

const CffDictEntry* find(const std::vector<CffDictEntry>& dict, int op) {
  for (const auto& e : dict)
    if (e.op == op) return &e;
  return nullptr;
}

// Operand `i` of `e` as an offset or size in [0, limit].
size_t int_operand(const CffDictEntry* e, size_t i, size_t limit, const char* what) {
  if (!e) malformed(std::string("no ") + what);
  if (e->operands.size() <= i) malformed(std::string(what) + " has too few operands");
  const double v = e->operands[i];
  if (!(v >= 0 && v <= static_cast<double>(limit)) || v != static_cast<double>(static_cast<size_t>(v)))
    malformed(std::string(what) + " out of range");
  return static_cast<size_t>(v);
}

// charset for glyphs 1..n-1 (.notdef is implicit): format 0 lists every CID (2 bytes each),
// format 2 lists runs of consecutive CIDs (4 bytes each); sparse CJK subsets favour format 0.
std::string encode_charset(const std::vector<uint16_t>& cids) {
  std::vector<std::pair<uint16_t, uint16_t>> runs;  // first CID, nLeft
  for (uint16_t c : cids) {
    if (!runs.empty() && runs.back().first + runs.back().second + 1 == c) ++runs.back().second;
    else runs.emplace_back(c, 0);
  }
  std::string out;
  if (cids.empty() || 2 * cids.size() <= 4 * runs.size()) {
    put8(out, 0);
    for (uint16_t c : cids) put16(out, c);
  } else {
    put8(out, 2);
    for (auto [first, left] : runs) {
      put16(out, first);
      put16(out, left);
    }
  }
  return out;
}

// FDSelect over the subset's glyphs: format 3 (ranges, 3 bytes each + 5) or format 0 (one
// byte per glyph), whichever is smaller.
std::string encode_fd_select(const std::vector<uint8_t>& fds) {
  std::vector<std::pair<uint32_t, uint8_t>> ranges;  // first glyph, Font DICT
  for (uint32_t g = 0; g < fds.size(); ++g)
    if (ranges.empty() || ranges.back().second != fds[g]) ranges.emplace_back(g, fds[g]);
  std::string out;
  if (5 + 3 * ranges.size() <= 1 + fds.size()) {
    put8(out, 3);
    put16(out, static_cast<uint32_t>(ranges.size()));
    for (auto [first, fd] : ranges) {
      put16(out, first);
      put8(out, fd);
    }
    put16(out, static_cast<uint32_t>(fds.size()));  // sentinel
  } else {
    put8(out, 0);
    for (uint8_t fd : fds) put8(out, fd);
  }
  return out;
}

}  // namespace

CffSource::CffSource(HbBlob table) : table_(std::move(table)) {
  const std::string_view d = data();
  CffInfo info = cff_parse(d);
  cid_keyed_ = info.cid_keyed;
  registry_ = info.registry;
  ordering_ = info.ordering;
  supplement_ = info.supplement;
  glyph_count_ = info.glyph_count;
  charset_ = std::move(info.charset);
  if (!cid_keyed_) {
    why_not_ = "name-keyed";
    return;
  }
  // Anything unexpected leaves the font to hb-subset rather than failing the document.
  try {
    prepare_subset(d, info);
  } catch (const Error& e) {
    why_not_ = e.what();
  }
  if (!why_not_.empty()) {
    head_.clear();
    strings_gsubrs_.clear();
    fd_array_.clear();
    privates_.clear();
    fd_of_gid_.clear();
    fd_private_at_.clear();
    fd_private_rel_.clear();
    deflater_.reset();
  }
}

std::string_view CffSource::data() const {
  unsigned len = 0;
  const char* p = hb_blob_get_data(table_.get(), &len);
  return p ? std::string_view(p, len) : std::string_view();
}

void CffSource::prepare_subset(std::string_view d, const CffInfo& info) {
  if (!info.global_subrs.items.empty()) {
    why_not_ = "global subroutines";
    return;
  }

  // Top DICT: source entries in source order (ROS stays first), offsets as placeholders.
  std::string top;
  int offsets = 0;
  unsigned seen = 0;  // one bit per offset operator: a repeated one would leave another unpatched
  auto placeholder = [&](size_t& at, int op, unsigned bit) {
    if (seen & bit) malformed("CID-keyed Top DICT repeats an offset operator (" + std::to_string(op) + ")");
    seen |= bit;
    at = top.size();
    put_int5(top, 0);
    put_op(top, op);
    ++offsets;
  };
  for (const auto& e : info.top) {
    switch (e.op) {
      case cff_op::kCharset: placeholder(top_charset_, e.op, 1); break;
      case cff_op::kCharStrings: placeholder(top_char_strings_, e.op, 2); break;
      case cff_op::kFdSelect: placeholder(top_fd_select_, e.op, 4); break;
      case cff_op::kFdArray: placeholder(top_fd_array_, e.op, 8); break;
      case cff_op::kEncoding: case kUniqueId: case kXuid: case kUidBase: break;
      case cff_op::kPrivate: why_not_ = "Private DICT in a CID-keyed Top DICT"; return;
      default: top += e.raw;
    }
  }
  if (offsets != 4) malformed("CID-keyed Top DICT needs one each of charset, CharStrings, FDSelect, FDArray");
  std::string top_index = make_index({top});
  head_ = {1, 0, 4, 4};  // major, minor, hdrSize, offSize (unused by readers)
  head_.append(d.substr(info.names.begin, info.names.end - info.names.begin));
  const size_t top_at = head_.size() + top_index.size() - top.size();
  for (size_t* at : {&top_charset_, &top_char_strings_, &top_fd_select_, &top_fd_array_}) *at += top_at;
  head_ += top_index;
  strings_gsubrs_.assign(d.substr(info.strings.begin, info.strings.end - info.strings.begin));
  put16(strings_gsubrs_, 0);  // Global Subr INDEX, empty

  // Font DICTs, each with its Private DICT moved into privates_ (offset patched per subset).
  const CffIndex fds = cff_read_index(d, int_operand(find(info.top, cff_op::kFdArray), 0, d.size(), "FDArray"));
  if (fds.items.empty() || fds.items.size() > 255) malformed("FDArray count " + std::to_string(fds.items.size()));
  std::vector<std::string> dicts;
  std::vector<size_t> private_in_dict;
  for (auto [b, e] : fds.items) {
    std::string fd;
    size_t at = std::string::npos;
    for (const auto& entry : cff_read_dict(d.substr(b, e - b))) {
      if (entry.op != cff_op::kPrivate) {
        fd += entry.raw;
        continue;
      }
      if (at != std::string::npos) malformed("Font DICT with two Private DICTs");
      const size_t size = int_operand(&entry, 0, d.size(), "Private size");
      const size_t off = int_operand(&entry, 1, d.size() - size, "Private offset");
      std::string priv;
      for (const auto& pe : cff_read_dict(d.substr(off, size))) {
        if (pe.op != cff_op::kSubrs) {
          priv += pe.raw;
          continue;
        }
        const size_t subrs = int_operand(&pe, 0, d.size() - off, "Subrs");
        if (!cff_read_index(d, off + subrs).items.empty()) {
          why_not_ = "local subroutines";
          return;
        }
      }
      fd_private_rel_.push_back(static_cast<uint32_t>(privates_.size()));
      privates_ += priv;
      put_int5(fd, static_cast<uint32_t>(priv.size()));
      at = fd.size();
      put_int5(fd, 0);
      put_op(fd, cff_op::kPrivate);
    }
    if (at == std::string::npos) malformed("Font DICT without a Private DICT");
    private_in_dict.push_back(at);
    dicts.push_back(std::move(fd));
  }
  fd_array_ = make_index(dicts);
  size_t dict_at = fd_array_.size();
  for (const auto& fd : dicts) dict_at -= fd.size();
  for (size_t i = 0; i < dicts.size(); ++i) {
    fd_private_at_.push_back(dict_at + private_in_dict[i]);
    dict_at += dicts[i].size();
  }

  // Source FDSelect, expanded per glyph (one byte each) when there is a choice to make.
  if (dicts.size() > 1) {
    const size_t at = int_operand(find(info.top, cff_op::kFdSelect), 0, d.size(), "FDSelect");
    fd_of_gid_.assign(glyph_count_, 0);
    const uint32_t format = read_n(d, at, 1);
    if (format == 0) {
      for (uint32_t g = 0; g < glyph_count_; ++g) fd_of_gid_[g] = static_cast<uint8_t>(read_n(d, at + 1 + g, 1));
    } else if (format == 3) {
      const uint32_t n = read_n(d, at + 1, 2);
      if (n == 0 || read_n(d, at + 3, 2) != 0) malformed("FDSelect does not start at glyph 0");
      for (uint32_t r = 0; r < n; ++r) {
        const size_t range = at + 3 + size_t{r} * 3;
        const uint32_t first = read_n(d, range, 2), next = read_n(d, range + 3, 2);  // next range or sentinel
        if (next <= first || next > glyph_count_ || (r + 1 == n && next != glyph_count_)) malformed("FDSelect ranges");
        const uint8_t fd = static_cast<uint8_t>(read_n(d, range + 2, 1));
        std::fill(fd_of_gid_.begin() + first, fd_of_gid_.begin() + next, fd);
      }
    } else {
      malformed("FDSelect format " + std::to_string(format));
    }
    for (uint8_t fd : fd_of_gid_)
      if (fd >= dicts.size()) malformed("FDSelect names Font DICT " + std::to_string(fd));
  }

  // CharStrings offsets are read from the source per subset (cff_parse checked them all).
  cs_off_size_ = read_n(d, info.char_strings.begin + 2, 1);
  cs_offsets_at_ = info.char_strings.begin + 3;
  cs_data_base_ = cs_offsets_at_ + size_t{glyph_count_ + 1} * cs_off_size_ - 1;

  // The Flate code is fitted to windows spread over the charstrings: reading all of a 7 MB
  // table would fault every page of the font file into memory for no better statistics.
  const size_t cs_begin = info.char_strings.items.front().first, cs_end = info.char_strings.end;
  constexpr size_t kWindows = 64, kWindow = 16 * 1024;
  std::string sample;
  if (cs_end - cs_begin <= kWindows * kWindow) {
    sample.assign(d.substr(cs_begin, cs_end - cs_begin));
  } else {
    const size_t stride = (cs_end - cs_begin - kWindow) / (kWindows - 1);
    for (size_t w = 0; w < kWindows; ++w) sample.append(d.substr(cs_begin + w * stride, kWindow));
  }
  deflater_ = std::make_unique<HuffmanDeflater>(sample);
}

std::string CffSource::subset(std::vector<uint32_t> gids) const {
  if (!can_subset()) throw Error(ErrorKind::Render, "internal error: CFF subset of an unsupported font (" + why_not_ + ")");
  gids.push_back(0);
  std::sort(gids.begin(), gids.end());
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
  if (gids.back() >= glyph_count_)
    throw Error(ErrorKind::Render, "glyph id " + std::to_string(gids.back()) + " beyond the font's " +
                                       std::to_string(glyph_count_) + " glyphs");
  const std::string_view d = data();
  const size_t n = gids.size();

  std::vector<uint16_t> cids;
  cids.reserve(n - 1);
  for (size_t k = 1; k < n; ++k) cids.push_back(charset_[gids[k]]);
  const std::string charset = encode_charset(cids);
  std::vector<uint8_t> fds(n, 0);
  if (!fd_of_gid_.empty())
    for (size_t k = 0; k < n; ++k) fds[k] = fd_of_gid_[gids[k]];
  const std::string fd_select = encode_fd_select(fds);

  std::vector<std::pair<uint32_t, uint32_t>> spans;  // source [begin, end) of each charstring
  spans.reserve(n);
  size_t total = 0;
  for (uint32_t g : gids) {
    const size_t at = cs_offsets_at_ + size_t{g} * cs_off_size_;
    spans.emplace_back(read_n(d, at, cs_off_size_), read_n(d, at + cs_off_size_, cs_off_size_));
    total += spans.back().second - spans.back().first;
  }
  const unsigned off_size = off_size_for(total + 1);

  const size_t charset_at = head_.size() + strings_gsubrs_.size();
  const size_t fd_select_at = charset_at + charset.size();
  const size_t char_strings_at = fd_select_at + fd_select.size();
  const size_t fd_array_at = char_strings_at + 3 + (n + 1) * off_size + total;
  const size_t privates_at = fd_array_at + fd_array_.size();
  const size_t size = privates_at + privates_.size();
  if (size > 0x7FFFFFFF) throw Error(ErrorKind::Render, "CFF subset too large");

  std::string out;
  out.reserve(size);
  out += head_;
  patch_int5(out, top_charset_, static_cast<uint32_t>(charset_at));
  patch_int5(out, top_fd_select_, static_cast<uint32_t>(fd_select_at));
  patch_int5(out, top_char_strings_, static_cast<uint32_t>(char_strings_at));
  patch_int5(out, top_fd_array_, static_cast<uint32_t>(fd_array_at));
  out += strings_gsubrs_;
  out += charset;
  out += fd_select;
  put16(out, static_cast<uint32_t>(n));
  put8(out, off_size);
  uint32_t off = 1;
  put_n(out, off, off_size);
  for (auto [b, e] : spans) put_n(out, off += e - b, off_size);
  for (auto [b, e] : spans) out.append(d.substr(cs_data_base_ + b, e - b));
  const size_t fd_array_start = out.size();
  out += fd_array_;
  for (size_t i = 0; i < fd_private_at_.size(); ++i)
    patch_int5(out, fd_array_start + fd_private_at_[i], static_cast<uint32_t>(privates_at + fd_private_rel_[i]));
  out += privates_;
  return out;
}

const CffSource& cff_source(const Face& face) {
  return face.derived<CffSource>(
      [&] { return std::make_unique<CffSource>(HbBlob(hb_face_reference_table(face.hb_face(), HB_TAG('C', 'F', 'F', ' ')))); });
}

}  // namespace gongwen::pdf
