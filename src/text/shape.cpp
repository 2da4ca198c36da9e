#include "text/shape.hpp"

#include <hb.h>

#include <memory>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace gongwen {

namespace {
struct BufferDeleter { void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); } };

/// One hb_buffer per thread, reused: allocation per paragraph shows in profiles.
hb_buffer_t* thread_buffer() {
  thread_local std::unique_ptr<hb_buffer_t, BufferDeleter> buf(hb_buffer_create());
  hb_buffer_clear_contents(buf.get());
  return buf.get();
}

bool is_neutral(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

struct Run {
  uint32_t begin, end;
  const Face* face;
  hb_script_t script;
};

[[noreturn]] void missing_glyph(char32_t cp, const FontChain& chain) {
  std::string ch;
  utf8::append(ch, cp);
  throw Error(ErrorKind::Font, "no font covers '" + ch + "' " + utf8::codepoint_name(cp) + " (family " +
                                   chain.family + ", tried " + chain.describe() + ")");
}

/// Runs of one face and one script. Every character takes the first face of the chain that
/// covers it — punctuation and spaces too, so a "、" after a fallback character (堃、) keeps the
/// primary face's glyph — except combining marks, ZWJ and variation selectors, which stay with
/// their base. Neutral characters (spaces, punctuation) join the script of the run they are in,
/// so "89.13%" does not fragment.
std::vector<Run> itemize(std::string_view text, const FontChain& chain) {
  std::vector<Run> runs;
  hb_unicode_funcs_t* ufuncs = hb_unicode_funcs_get_default();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = utf8::next(text, pos);
    if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
    hb_script_t script = hb_unicode_script(ufuncs, cp);
    const Face* face = nullptr;
    bool neutral = is_neutral(script);
    bool attached = script == HB_SCRIPT_INHERITED || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
    if (!runs.empty() && attached && runs.back().face->covers(cp))
      face = runs.back().face;
    else
      face = chain.face_for(cp);
    if (!face) missing_glyph(cp, chain);
    if (!runs.empty() && runs.back().face == face &&
        (neutral || is_neutral(runs.back().script) || runs.back().script == script)) {
      runs.back().end = static_cast<uint32_t>(pos);
      if (is_neutral(runs.back().script) && !neutral) runs.back().script = script;
    } else {
      runs.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(pos), face, script});
    }
  }
  for (auto& r : runs)
    if (is_neutral(r.script)) r.script = HB_SCRIPT_HAN;
  return runs;
}
}  // namespace

ShapedText shape_paragraph(std::string_view text, const FontChain& chain, double size, double letter_spacing) {
  ShapedText out;
  out.text.assign(text);
  out.size = size;
  static const hb_language_t zh = hb_language_from_string("zh-Hans", -1);
  const std::string_view t = out.text;

  for (const Run& run : itemize(t, chain)) {
    hb_buffer_t* buf = thread_buffer();
    hb_buffer_add_utf8(buf, t.data(), static_cast<int>(t.size()), run.begin, static_cast<int>(run.end - run.begin));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run.script);
    hb_buffer_set_language(buf, zh);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_shape(run.face->hb_font(), buf, nullptr, 0);

    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const double scale = size / run.face->units_per_em();
    for (unsigned i = 0; i < n; ++i) {
      if (info[i].codepoint == 0) {
        size_t p = info[i].cluster;
        char32_t cp = utf8::next(t, p);
        if (cp != '\n' && cp != '\r' && cp != '\t') missing_glyph(cp, chain);
      }
      bool new_cluster = out.clusters.empty() || out.clusters.back().begin != info[i].cluster ||
                         out.clusters.back().face != run.face;
      if (new_cluster) {
        Cluster c;
        c.begin = info[i].cluster;
        c.face = run.face;
        c.glyph_begin = static_cast<uint32_t>(out.glyphs.size());
        out.clusters.push_back(c);
      }
      out.glyphs.push_back({info[i].codepoint, pos[i].x_advance * scale, pos[i].x_offset * scale, pos[i].y_offset * scale});
      Cluster& c = out.clusters.back();
      c.glyph_end = static_cast<uint32_t>(out.glyphs.size());
      c.advance += pos[i].x_advance * scale;
    }
  }
  // Text ranges, classes and widths of the clusters (clusters are in logical order: LTR only).
  for (size_t i = 0; i < out.clusters.size(); ++i) {
    Cluster& c = out.clusters[i];
    c.end = i + 1 < out.clusters.size() ? out.clusters[i + 1].begin : static_cast<uint32_t>(t.size());
    size_t p = c.begin;
    c.first_cp = utf8::next(t, p);
    c.last_cp = c.first_cp;
    while (p < c.end) c.last_cp = utf8::next(t, p);
    c.cls = classify(c.first_cp);
    c.last_cls = classify(c.last_cp);
    c.full_width = c.advance >= 0.9 * size;
    if (c.first_cp == '\n' || c.first_cp == '\r' || c.first_cp == '\t') {  // a forced line break takes no room and draws nothing
      c.advance = 0;
      c.glyph_end = c.glyph_begin;
    }
    c.advance += letter_spacing;
  }
  return out;
}

}  // namespace gongwen
