#include "ofd/ofd_text.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace gongwen::ofd {

bool is_blank(char32_t cp) {
  return cp == 0x20 || cp == 0x09 || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B);
}

std::vector<Cluster> clusters_of(const GlyphRun& run) {
  std::vector<Cluster> out;
  uint32_t pending = 0;  // leading glyphs without text: they join the first cluster
  for (uint32_t i = 0; i < run.glyphs.size(); ++i) {
    const PlacedGlyph& g = run.glyphs[i];
    if (g.text_begin > g.text_end || g.text_end > run.text.size())
      throw Error(ErrorKind::Render, "OFD writer: glyph text range [" + std::to_string(g.text_begin) + ", " +
                                         std::to_string(g.text_end) + ") outside the run text \"" + run.text + "\"");
    if (g.text_end == g.text_begin) {
      if (out.empty()) ++pending;
      else ++out.back().glyph_count;
      continue;
    }
    Cluster c;
    c.first_glyph = i - pending;
    c.glyph_count = 1 + pending;
    c.text_begin = g.text_begin;
    c.text_end = g.text_end;
    pending = 0;
    const std::string_view text(run.text.data() + g.text_begin, g.text_end - g.text_begin);
    c.blank = true;
    for (size_t pos = 0; pos < text.size();) {
      const char32_t cp = utf8::next(text, pos);
      if (c.char_count++ == 0) c.first_char = cp;
      if (!is_blank(cp)) c.blank = false;
    }
    out.push_back(c);
  }
  return out;
}

bool draws_text(const std::vector<Cluster>& clusters) {
  for (const Cluster& c : clusters)
    if (!c.blank) return true;
  return false;
}

}  // namespace gongwen::ofd
