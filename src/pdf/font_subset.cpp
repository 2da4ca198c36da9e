#include "pdf/font_subset.hpp"

#include <hb-subset.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "font/dropped_tables.hpp"
#include "font/face.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_cid.hpp"
#include "pdf/cff_subset.hpp"

namespace gongwen::pdf {

namespace {

Error subset_error(const Face& face, const std::string& what) {
  return Error(ErrorKind::Render, "cannot embed font " + face.postscript_name() + " (" + face.path() + "): " + what);
}

}  // namespace

SubsetFont subset(const Face& face, const std::vector<uint32_t>& glyphs) {
  std::vector<uint32_t> gids = glyphs;
  std::sort(gids.begin(), gids.end());
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
  if (!gids.empty() && gids.back() >= face.glyph_count())
    throw subset_error(face, "glyph id " + std::to_string(gids.back()) + " does not exist in the font");
  FontSubset sub = subset_face(face, gids);
  if (gids.empty() || gids.front() != 0) gids.insert(gids.begin(), 0);  // .notdef is in every subset
  SubsetFont out;
  try {
    if (face.is_cff() && cff_source(face).cid_keyed()) {
      // The CIDs are the source's. The subset keeps them in its charset; check it, since a
      // renderer maps CID → glyph through exactly that charset.
      const CffSource& source = cff_source(face);
      out.registry = source.registry();
      out.ordering = source.ordering();
      out.supplement = source.supplement();
      out.program = std::move(sub.program);
      const CffInfo parsed = cff_parse(out.program);
      for (uint32_t g : gids) {
        const uint32_t n = sub.new_gid.at(g);
        const uint16_t cid = source.charset().at(g);
        if (!parsed.cid_keyed || n >= parsed.charset.size() || parsed.charset[n] != cid)
          throw Error(ErrorKind::Render, "the subset changed the CID of glyph " + std::to_string(g));
        out.cid[g] = cid;
      }
      return out;
    }
    // Name-keyed CFF is rewritten as CID-keyed with CID = new GID (see cff_cid.hpp); TrueType
    // takes CID = new GID through CIDToGIDMap Identity.
    out.program = face.is_cff() ? cff_to_cid_keyed(sub.program) : std::move(sub.program);
    for (uint32_t g : gids) out.cid[g] = static_cast<uint16_t>(sub.new_gid.at(g));
  } catch (const Error& e) {
    throw subset_error(face, e.what());
  }
  return out;
}

FontSubset subset_face(const Face& face, const std::vector<uint32_t>& gids) {
  if (!face.is_cff()) return subset_face_with_harfbuzz(face, gids);
  FontSubset out;
  bool ours = false;
  try {
    const CffSource& source = cff_source(face);
    ours = source.can_subset();
    if (ours) out.program = source.subset(gids);
  } catch (const Error& e) {
    throw subset_error(face, e.what());
  }
  if (!ours) return subset_face_with_harfbuzz(face, gids);  // subroutines, name-keyed
  // The subset's glyph k is the k-th of {0} ∪ gids in ascending order (CffSource::subset).
  std::vector<uint32_t> kept = gids;
  kept.push_back(0);
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  for (uint32_t k = 0; k < kept.size(); ++k) out.new_gid.emplace(kept[k], k);
  return out;
}

FontSubset subset_face_with_harfbuzz(const Face& face, const std::vector<uint32_t>& gids) {
  auto fail = [&](const std::string& what) { return subset_error(face, what); };
  HbSubsetInput input(hb_subset_input_create_or_fail());
  if (!input) throw fail("out of memory");
  hb_set_t* glyphs = hb_subset_input_glyph_set(input.get());
  hb_set_add(glyphs, 0);
  for (uint32_t g : gids) hb_set_add(glyphs, g);
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t t : kDroppedTables) hb_set_add(drop, t);
  // CFF: flatten subrs (Noto's global subrs are large). TrueType: hints only cost bytes here.
  hb_subset_input_set_flags(input.get(), face.is_cff() ? HB_SUBSET_FLAGS_DESUBROUTINIZE : HB_SUBSET_FLAGS_NO_HINTING);

  HbSubsetPlan plan(hb_subset_plan_create_or_fail(face.hb_face(), input.get()));
  if (!plan) throw fail("hb-subset could not plan the subset");
  HbFace subset(hb_subset_plan_execute_or_fail(plan.get()));
  if (!subset) throw fail("hb-subset failed");

  FontSubset out;
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  // HarfBuzz 6.0 has no hb_map_next: look each glyph up.
  for (uint32_t g : gids) {
    hb_codepoint_t n = hb_map_get(map, g);
    if (n == HB_MAP_VALUE_INVALID) throw fail("glyph " + std::to_string(g) + " missing from the subset");
    out.new_gid.emplace(g, n);
  }
  out.new_gid.emplace(0, hb_map_get(map, 0));

  HbBlob blob(face.is_cff() ? hb_face_reference_table(subset.get(), HB_TAG('C', 'F', 'F', ' '))
                            : hb_face_reference_blob(subset.get()));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob.get(), &len);
  if (!data || len == 0) throw fail(face.is_cff() ? "the subset has no CFF table" : "empty subset");
  out.program.assign(data, len);
  return out;
}

}  // namespace gongwen::pdf
