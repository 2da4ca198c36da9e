#pragma once
// One font face (a file + a face index inside a collection), opened once and shared read-only by
// every thread. HarfBuzz handles live in RAII wrappers; a Face never changes after loading.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "font/hb_handles.hpp"

namespace gongwen {

class Face {
 public:
  /// Opens `path` (face `index` of a collection). Throws Error(Font) naming the file.
  Face(std::string path, unsigned index);
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  const std::string& path() const { return path_; }
  unsigned index() const { return index_; }
  /// PostScript name ("FandolFang-Regular"): used in PDF font names and diagnostics.
  const std::string& postscript_name() const { return ps_name_; }
  /// Family name from the name table ("FandolFang").
  const std::string& family_name() const { return family_; }

  /// True for CFF-flavoured OpenType (embedded as CIDFontType0C), false for TrueType outlines.
  bool is_cff() const { return is_cff_; }
  unsigned units_per_em() const { return upem_; }
  /// Typographic ascender / descender in font units (descender negative).
  int ascender() const { return ascender_; }
  int descender() const { return descender_; }
  /// Font bounding box in font units.
  int bbox_x_min() const { return bbox_[0]; }
  int bbox_y_min() const { return bbox_[1]; }
  int bbox_x_max() const { return bbox_[2]; }
  int bbox_y_max() const { return bbox_[3]; }
  /// Height of capital letters in font units (for the PDF FontDescriptor).
  int cap_height() const { return cap_height_; }
  unsigned glyph_count() const { return glyph_count_; }

  /// Glyph for a code point, or 0 when the face does not cover it.
  uint32_t glyph_for(char32_t cp) const;
  bool covers(char32_t cp) const { return glyph_for(cp) != 0; }
  /// Horizontal advance of a glyph in font units.
  int advance(uint32_t gid) const;

  /// HarfBuzz objects, scaled in font units (hb_font scale = upem). Thread-safe to read.
  hb_face_t* hb_face() const { return face_.get(); }
  hb_font_t* hb_font() const { return font_.get(); }

  /// Han fast path (text/shape.cpp): entry cp - kDirectFirst is the nominal glyph and advance of
  /// an ideograph (U+3400–4DBF, U+4E00–9FFF) whose glyph takes part in no GSUB/GPOS lookup, so
  /// HarfBuzz sets it alone whatever its neighbours; gid 0 = not eligible. Empty when the face has
  /// rules collect_glyphs cannot vouch for. Built once on first use, thread-safe.
  struct DirectGlyph {
    uint32_t gid = 0;
    int32_t advance = 0;  ///< font units
  };
  static constexpr char32_t kDirectFirst = 0x3400, kDirectLast = 0x9FFF;
  const std::vector<DirectGlyph>& direct_glyphs() const;
  /// True when `gid` appears in some GSUB/GPOS lookup (context, input or output).
  bool in_any_lookup(uint32_t gid) const;

  /// Data another module derives from this face once and then reuses (the subsetter's parsed
  /// CFF table): `make()` (returning a std::unique_ptr<T>) runs on the first call for T, under
  /// the face's lock; later calls give the same object. It is freed with the face, which the
  /// font book owns: no process-global cache outlives the book or takes a new face for an old one.
  template <class T, class Make>
  const T& derived(Make&& make) const {
    std::lock_guard lock(derived_mu_);
    std::shared_ptr<const void>& slot = derived_[std::type_index(typeid(T))];
    if (!slot) slot = std::shared_ptr<const T>(make());
    return *static_cast<const T*>(slot.get());
  }

 private:
  std::string path_;
  unsigned index_;
  std::string ps_name_, family_;
  bool is_cff_ = false;
  unsigned upem_ = 1000;
  int ascender_ = 880, descender_ = -120, cap_height_ = 700;
  int bbox_[4] = {0, 0, 0, 0};
  unsigned glyph_count_ = 0;
  HbBlob blob_;
  HbFace face_;
  HbFont font_;
  void build_direct() const;  // src/font/direct_glyphs.cpp
  mutable std::once_flag direct_once_;
  mutable std::vector<uint32_t> layout_glyphs_;  // sorted
  mutable std::vector<DirectGlyph> direct_;
  mutable std::mutex derived_mu_;
  mutable std::map<std::type_index, std::shared_ptr<const void>> derived_;
};

}  // namespace gongwen
