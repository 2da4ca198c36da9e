#include "text/ink.hpp"

#include <hb.h>

#include <algorithm>

namespace gongwen {

std::optional<double> ink_top(const ParagraphLayout& p, size_t i, char32_t only) {
  if (i >= p.lines.size()) return std::nullopt;
  const Line& line = p.lines[i];
  const auto& cl = p.shaped.clusters;
  std::optional<double> top;  // above the baseline, pt
  for (uint32_t k = line.begin; k < line.end; ++k) {
    const Cluster& c = cl[k];
    if (only != 0 && c.first_cp != only) continue;
    const double scale = p.shaped.size / c.face->units_per_em();
    for (uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
      hb_glyph_extents_t ext{};
      if (!hb_font_get_glyph_extents(c.face->hb_font(), p.shaped.glyphs[g].gid, &ext) || ext.height == 0) continue;
      const double t = ext.y_bearing * scale + p.shaped.glyphs[g].dy;
      top = top ? std::max(*top, t) : t;
    }
  }
  if (!top) return std::nullopt;
  return static_cast<double>(i) * p.pitch + p.baseline - *top;
}

}  // namespace gongwen
