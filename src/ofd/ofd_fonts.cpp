#include "ofd/ofd_fonts.hpp"

#include <hb-subset.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/dropped_tables.hpp"
#include "font/face.hpp"
#include "font/hb_handles.hpp"

namespace gongwen::ofd {

namespace {
/// The face hb-subset plans from. A face subset again and again in one process (a split run: every
/// document subsets it) is first prepared with hb_subset_preprocess, which makes each later
/// subset ~10x cheaper; a face subset once (one combined document) is not worth preparing. The
/// prepared copy and the use count live on the Face (Face::derived, owned by the font book).
struct PreparedSource {
  mutable std::mutex mu;
  mutable unsigned uses = 0;
  mutable HbFace ready;
};
std::atomic<unsigned> g_prepare_after{2};

hb_face_t* subset_source(const Face& face) {
  const PreparedSource& p = face.derived<PreparedSource>([] { return std::make_unique<PreparedSource>(); });
  std::lock_guard lock(p.mu);
  if (!p.ready && p.uses++ >= g_prepare_after.load()) p.ready.reset(hb_subset_preprocess(face.hb_face()));
  return p.ready ? p.ready.get() : face.hb_face();
}

}  // namespace

void prepare_faces_after(unsigned subsets) { g_prepare_after.store(subsets); }

void FontSet::add(const GlyphRun& run, const std::vector<Cluster>& clusters) {
  if (!run.face) throw Error(ErrorKind::Render, "OFD writer: a glyph run has no font face");
  Use*& use = by_face_[run.face];
  if (!use) {
    fonts_.push_back(std::make_unique<Use>());
    use = fonts_.back().get();
    use->face = run.face;
    use->out.font_name = run.face->postscript_name();
    use->out.family_name = run.face->family_name();
  }
  const Face& face = *run.face;
  if (use->glyphs.empty()) use->glyphs.assign(face.glyph_count(), false);
  for (const Cluster& c : clusters) {
    for (uint32_t k = 0; k < c.glyph_count; ++k) {
      const uint32_t gid = run.glyphs[c.first_glyph + k].gid;
      if (gid >= use->glyphs.size())
        throw Error(ErrorKind::Render, "OFD writer: glyph id " + std::to_string(gid) + " does not exist in font " +
                                           face.postscript_name() + " (" + face.path() + ")");
      use->glyphs[gid] = true;
    }
    const std::string_view text(run.text.data() + c.text_begin, c.text_end - c.text_begin);
    for (size_t pos = 0; pos < text.size();) {
      const char32_t cp = utf8::next(text, pos);
      if (cp >= use->chars.size()) use->chars.resize(std::max<size_t>(cp + 1, 0x10000), false);
      use->chars[cp] = true;
    }
  }
}

void FontSet::assign_ids(uint32_t first) {
  for (auto& use : fonts_) {
    use->out.id = first++;
    use->out.file = "font_" + std::to_string(use->out.id) + (use->face->is_cff() ? ".otf" : ".ttf");
  }
}

void FontSet::embed() {
  for (auto& use : fonts_) {
    const Face& face = *use->face;
    auto fail = [&](const std::string& what) {
      return Error(ErrorKind::Render, "OFD writer: cannot embed font " + face.postscript_name() + " (" + face.path() + "): " + what);
    };
    HbSubsetInput input(hb_subset_input_create_or_fail());
    if (!input) throw fail("out of memory");
    hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
    hb_set_add(glyphs, 0);
    std::vector<uint32_t> used;
    for (uint32_t g = 0; g < use->glyphs.size(); ++g)
      if (use->glyphs[g]) {
        hb_set_add(glyphs, g);
        used.push_back(g);
      }
    // The cmap of the subset keeps exactly these characters (each → its nominal glyph).
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t cp = 0; cp < use->chars.size(); ++cp)
      if (use->chars[cp] && face.covers(cp)) hb_set_add(unicodes, cp);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t t : kDroppedTables) hb_set_add(drop, t);
    hb_subset_input_set_flags(input.get(), face.is_cff() ? HB_SUBSET_FLAGS_DEFAULT : HB_SUBSET_FLAGS_NO_HINTING);
    HbSubsetPlan plan(hb_subset_plan_create_or_fail(subset_source(face), input.get()));
    if (!plan) throw fail("hb-subset could not plan the subset");
    HbFace subset(hb_subset_plan_execute_or_fail(plan.get()));
    if (!subset) throw fail("hb-subset failed");
    const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
    for (uint32_t g : used) {
      const hb_codepoint_t n = hb_map_get(map, g);
      if (n == HB_MAP_VALUE_INVALID) throw fail("glyph " + std::to_string(g) + " missing from the subset");
      use->out.new_gid.emplace(g, n);
    }
    HbBlob blob(hb_face_reference_blob(subset.get()));
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob.get(), &len);
    if (!data || len == 0) throw fail("empty subset");
    use->out.program.assign(data, len);
  }
}

const EmbeddedFont& FontSet::get(const Face* face) const {
  auto it = by_face_.find(face);
  if (it == by_face_.end()) throw Error(ErrorKind::Render, "OFD writer: internal error: font not collected");
  return it->second->out;
}

std::vector<const EmbeddedFont*> FontSet::fonts() const {
  std::vector<const EmbeddedFont*> out;
  for (const auto& use : fonts_) out.push_back(&use->out);
  return out;
}

}  // namespace gongwen::ofd
