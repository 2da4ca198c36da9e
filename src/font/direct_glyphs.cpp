// The Han fast path's per-face table (Face::direct_glyphs): which ideographs HarfBuzz would set
// as their nominal glyph at its hmtx advance whatever their neighbours, so that shape.cpp may
// skip HarfBuzz for them and split runs around them without changing the output.
#include <hb-aat.h>
#include <hb-ot.h>

#include <algorithm>

#include "font/face.hpp"

namespace gongwen {

namespace {
struct Bytes {
  const uint8_t* d;
  unsigned n;
  bool has(uint64_t off, uint64_t len) const { return off <= n && len <= n - off; }
  unsigned u16(uint64_t off) const { return has(off, 2) ? (d[off] << 8) | d[off + 1] : 0; }
  uint64_t u32(uint64_t off) const { return (uint64_t{u16(off)} << 16) | u16(off + 2); }
};

/// A PairPos format 2 subtable applies to any following glyph absent from its ClassDef2
/// (class 0), which hb_ot_layout_lookup_collect_glyphs does not report: safe only when every
/// value record of class 2 = 0 is empty.
bool pair_class0_empty(const Bytes& b, uint64_t st) {
  const unsigned f1 = b.u16(st + 4), f2 = b.u16(st + 6);
  const unsigned rec = 2 * (__builtin_popcount(f1) + __builtin_popcount(f2));
  const unsigned c1 = b.u16(st + 12), c2 = b.u16(st + 14);
  if (c2 == 0 || !b.has(uint64_t{st} + 16, uint64_t{c1} * c2 * rec)) return false;
  for (uint64_t i = 0; i < c1; ++i)
    for (uint64_t k = 0; k < rec; ++k)
      if (b.d[st + 16 + i * c2 * rec + k] != 0) return false;
  return true;
}

/// True when every lookup of `tag` matches only glyphs that collect_glyphs reports, and none
/// skips base glyphs or ligatures (which would let context reach across an ideograph).
bool lookups_explicit(hb_face_t* face, hb_tag_t tag) {
  const HbBlob blob(hb_face_reference_table(face, tag));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob.get(), &len);
  const Bytes b{reinterpret_cast<const uint8_t*>(data), len};
  bool ok = true;
  if (len > 0) {
    const bool gsub = tag == HB_OT_TAG_GSUB;
    const unsigned list = b.u16(8);
    const unsigned count = b.u16(list);
    ok = b.has(list, 2 + 2 * count);
    for (unsigned i = 0; ok && i < count; ++i) {
      const unsigned lk = list + b.u16(list + 2 + 2 * i);
      const unsigned lookup_type = b.u16(lk);
      const unsigned flag = b.u16(lk + 2), subs = b.u16(lk + 4);
      if (!b.has(lk, 6 + 2 * subs) || (flag & 0x6)) ok = false;  // IgnoreBaseGlyphs | IgnoreLigatures
      for (unsigned s = 0; ok && s < subs; ++s) {
        uint64_t st = lk + b.u16(lk + 6 + 2 * s);
        unsigned type = lookup_type;
        if (type == (gsub ? 7u : 9u)) {  // extension: the real type and subtable
          type = b.u16(st + 2);
          st += b.u32(st + 4);
        }
        if (!b.has(st, 2)) {  // not even a format field
          ok = false;
          break;
        }
        const unsigned format = b.u16(st);
        const bool context = gsub ? (type == 5 || type == 6) : (type == 7 || type == 8);
        if (context && format == 2) ok = false;  // class 0 = "any other glyph"
        if (!gsub && type == 2 && format == 2 && !pair_class0_empty(b, st)) ok = false;
      }
    }
  }
  return ok;
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
  return hb_blob_get_length(HbBlob(hb_face_reference_table(face, tag)).get()) > 0;
}

bool ideograph_block(char32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF); }
}  // namespace

void Face::build_direct() const {
  hb_face_t* face = face_.get();
  const HbSet all(hb_set_create());
  for (hb_tag_t tag : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    const unsigned n = hb_ot_layout_table_get_lookup_count(face, tag);
    for (unsigned i = 0; i < n; ++i) {
      const HbSet before(hb_set_create()), input(hb_set_create()), after(hb_set_create()), output(hb_set_create());
      hb_ot_layout_lookup_collect_glyphs(face, tag, i, before.get(), input.get(), after.get(), output.get());
      for (const HbSet* s : {&before, &input, &after, &output}) hb_set_union(all.get(), s->get());
    }
  }
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(all.get(), &g);) layout_glyphs_.push_back(g);

  // Anything HarfBuzz does beyond OpenType lookups (AAT, the legacy kern table) turns it off.
  const bool safe = lookups_explicit(face, HB_OT_TAG_GSUB) && lookups_explicit(face, HB_OT_TAG_GPOS) &&
                    !hb_aat_layout_has_substitution(face) && !hb_aat_layout_has_positioning(face) &&
                    !hb_aat_layout_has_tracking(face) && !has_table(face, HB_TAG('k', 'e', 'r', 'n'));
  if (!safe) return;
  hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
  direct_.assign(kDirectLast - kDirectFirst + 1, DirectGlyph{});
  for (char32_t cp = kDirectFirst; cp <= kDirectLast; ++cp) {
    if (!ideograph_block(cp) || hb_unicode_script(uf, cp) != HB_SCRIPT_HAN ||
        hb_unicode_general_category(uf, cp) != HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER)
      continue;
    const uint32_t gid = glyph_for(cp);
    if (gid == 0 || std::binary_search(layout_glyphs_.begin(), layout_glyphs_.end(), gid)) continue;
    const auto cls = hb_ot_layout_get_glyph_class(face, gid);
    if (cls != HB_OT_LAYOUT_GLYPH_CLASS_UNCLASSIFIED && cls != HB_OT_LAYOUT_GLYPH_CLASS_BASE_GLYPH) continue;
    direct_[cp - kDirectFirst] = {gid, advance(gid)};
  }
}

const std::vector<Face::DirectGlyph>& Face::direct_glyphs() const {
  std::call_once(direct_once_, [this] { build_direct(); });
  return direct_;
}

bool Face::in_any_lookup(uint32_t gid) const {
  direct_glyphs();
  return std::binary_search(layout_glyphs_.begin(), layout_glyphs_.end(), gid);
}

}  // namespace gongwen
