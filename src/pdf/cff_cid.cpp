#include "pdf/cff_cid.hpp"

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_write.hpp"

namespace gongwen::pdf {

namespace {

using namespace cff_write;

std::string slice(std::string_view d, size_t b, size_t e) { return std::string(d.substr(b, e - b)); }

}  // namespace

std::string cff_to_cid_keyed(std::string_view d) {
  CffInfo info = cff_parse(d);
  if (info.cid_keyed) return std::string(d);
  const uint32_t glyphs = info.glyph_count;

  // Private DICT (+ local subrs, moved right behind it so the Subrs offset stays simple).
  std::string priv, local_subrs;
  for (const auto& e : info.top) {
    if (e.op != cff_op::kPrivate) continue;
    if (e.operands.size() != 2 || e.operands[0] < 0 || e.operands[1] < 0 ||
        e.operands[0] + e.operands[1] > static_cast<double>(d.size()))
      throw Error(ErrorKind::Render, "malformed CFF table: Private DICT out of range");
    size_t size = static_cast<size_t>(e.operands[0]), at = static_cast<size_t>(e.operands[1]);
    for (const auto& pe : cff_read_dict(d.substr(at, size))) {
      if (pe.op == cff_op::kSubrs) {
        if (pe.operands.size() != 1 || pe.operands[0] < 0)
          throw Error(ErrorKind::Render, "malformed CFF table: bad Subrs offset");
        CffIndex subrs = cff_read_index(d, at + static_cast<size_t>(pe.operands[0]));
        local_subrs = slice(d, subrs.begin, subrs.end);
      } else {
        priv += pe.raw;
      }
    }
  }
  if (!local_subrs.empty()) {
    put_int5(priv, static_cast<uint32_t>(priv.size() + 6));  // 5-byte operand + 1-byte operator
    put_op(priv, cff_op::kSubrs);
  }

  // Strings: the original ones keep their SIDs; registry and ordering are appended.
  std::vector<std::string> strings;
  for (auto [b, e] : info.strings.items) strings.push_back(slice(d, b, e));
  const uint32_t sid_adobe = 391 + static_cast<uint32_t>(strings.size());
  strings.push_back("Adobe");
  strings.push_back("Identity");
  const std::string names = slice(d, info.names.begin, info.names.end);
  const std::string string_index = make_index(strings);
  const std::string gsubrs = slice(d, info.global_subrs.begin, info.global_subrs.end);
  const std::string char_strings = slice(d, info.char_strings.begin, info.char_strings.end);

  std::string charset;  // CID = GID: format 2, one range starting at GID 1
  if (glyphs > 1) {
    put8(charset, 2);
    put16(charset, 1);
    put16(charset, glyphs - 2);
  } else {
    put8(charset, 0);
  }
  std::string fd_select;  // format 3: every glyph uses Font DICT 0
  put8(fd_select, 3);
  put16(fd_select, 1);
  put16(fd_select, 0);
  put8(fd_select, 0);
  put16(fd_select, glyphs);

  // The Top DICT, with placeholders for offsets (fixed size), laid out once offsets are known.
  auto build_top = [&](uint32_t charset_at, uint32_t fd_select_at, uint32_t char_strings_at, uint32_t fd_array_at) {
    std::string top;
    put_int5(top, sid_adobe);
    put_int5(top, sid_adobe + 1);
    put8(top, 139);  // supplement 0
    put_op(top, cff_op::kRos);
    for (const auto& e : info.top) {
      switch (e.op) {
        case cff_op::kCharset: case cff_op::kEncoding: case cff_op::kCharStrings: case cff_op::kPrivate:
        case cff_op::kRos: case cff_op::kCidCount: case cff_op::kFdArray: case cff_op::kFdSelect:
          continue;
        default:
          top += e.raw;
      }
    }
    put_int5(top, glyphs);
    put_op(top, cff_op::kCidCount);
    put_int5(top, charset_at);
    put_op(top, cff_op::kCharset);
    put_int5(top, fd_select_at);
    put_op(top, cff_op::kFdSelect);
    put_int5(top, char_strings_at);
    put_op(top, cff_op::kCharStrings);
    put_int5(top, fd_array_at);
    put_op(top, cff_op::kFdArray);
    return make_index({top});
  };
  auto build_fd_array = [&](uint32_t private_at) {
    std::string fd;
    put_int5(fd, static_cast<uint32_t>(priv.size()));
    put_int5(fd, private_at);
    put_op(fd, cff_op::kPrivate);
    return make_index({fd});
  };

  const size_t header = 4;
  const size_t top_size = build_top(0, 0, 0, 0).size();
  const size_t charset_at = header + names.size() + top_size + string_index.size() + gsubrs.size();
  const size_t fd_select_at = charset_at + charset.size();
  const size_t char_strings_at = fd_select_at + fd_select.size();
  const size_t fd_array_at = char_strings_at + char_strings.size();
  const size_t private_at = fd_array_at + build_fd_array(0).size();
  if (private_at + priv.size() + local_subrs.size() > 0x7FFFFFFF)
    throw Error(ErrorKind::Render, "CFF table too large to convert");

  std::string out;
  put8(out, 1);  // major
  put8(out, 0);  // minor
  put8(out, 4);  // header size
  put8(out, 4);  // absolute offset size
  out += names;
  out += build_top(static_cast<uint32_t>(charset_at), static_cast<uint32_t>(fd_select_at),
                   static_cast<uint32_t>(char_strings_at), static_cast<uint32_t>(fd_array_at));
  out += string_index;
  out += gsubrs;
  out += charset;
  out += fd_select;
  out += char_strings;
  out += build_fd_array(static_cast<uint32_t>(private_at));
  out += priv;
  out += local_subrs;
  return out;
}

}  // namespace gongwen::pdf
