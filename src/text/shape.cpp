#include "text/shape.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/hb_handles.hpp"

namespace gongwen {

namespace {
/// One hb_buffer per thread, reused: allocation per paragraph shows in profiles.
hb_buffer_t* thread_buffer() {
  thread_local const HbHandle<hb_buffer_t> buf(hb_buffer_create());
  hb_buffer_clear_contents(buf.get());
  return buf.get();
}

/// utf8::next with ASCII and valid 3-byte sequences (all of CJK) decoded inline; `pos` < size.
inline char32_t decode(std::string_view s, size_t& pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  if (p[0] < 0x80) {
    ++pos;
    return p[0];
  }
  if ((p[0] & 0xF0) == 0xE0 && pos + 3 <= s.size() && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const char32_t cp = (static_cast<char32_t>(p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      pos += 3;
      return cp;
    }
  }
  return utf8::next(s, pos);
}

bool is_neutral(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

struct Run {
  uint32_t begin, end;
  const Face* face;
  hb_script_t script;
};

[[noreturn]] void missing_glyph(char32_t cp, const FontChain& chain) { throw Error(ErrorKind::Font, uncovered_message(cp, chain)); }

/// Runs of one face and one script. Every character takes the first face of the chain that
/// covers it — punctuation and spaces too, so a "、" after a fallback character (堃、) keeps the
/// primary face's glyph — except combining marks, ZWJ and variation selectors, which stay with
/// their base. Neutral characters (spaces, punctuation) join the script of the run they are in,
/// so "89.13%" does not fragment.
std::vector<Run> itemize(std::string_view text, const FontChain& chain, bool fast) {
  std::vector<Run> runs;
  hb_unicode_funcs_t* ufuncs = hb_unicode_funcs_get_default();
  // A direct ideograph of the first face is Han in that face: no need to ask HarfBuzz.
  const Face* first = chain.faces.front();
  const std::vector<Face::DirectGlyph>* direct = fast ? &first->direct_glyphs() : nullptr;
  if (direct && direct->empty()) direct = nullptr;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = decode(text, pos);
    if (direct && cp >= Face::kDirectFirst && cp <= Face::kDirectLast && (*direct)[cp - Face::kDirectFirst].gid != 0 &&
        !runs.empty() && runs.back().face == first && runs.back().script == HB_SCRIPT_HAN) {
      runs.back().end = static_cast<uint32_t>(pos);
      continue;
    }
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

/// Would `cp` join the preceding character's cluster in HarfBuzz (marks, variation selectors,
/// ZWJ and other format characters, the katakana sound marks, emoji modifiers)?
bool attaches(char32_t cp) {
  if (cp < 0x300 || (cp >= 0x3400 && cp <= 0x9FFF)) return false;
  if ((cp >= 0xFF9E && cp <= 0xFF9F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) return true;
  switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT: return true;
    default: return false;
  }
}

/// Shapes bytes [begin, end) of `t` (one run, or part of one) with HarfBuzz and appends.
void shape_span(ShapedText& out, std::string_view t, const Run& run, uint32_t begin, uint32_t end,
                const FontChain& chain, double scale) {
  static const hb_language_t zh = hb_language_from_string("zh-Hans", -1);
  hb_buffer_t* buf = thread_buffer();
  hb_buffer_add_utf8(buf, t.data(), static_cast<int>(t.size()), begin, static_cast<int>(end - begin));
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, run.script);
  hb_buffer_set_language(buf, zh);
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(run.face->hb_font(), buf, nullptr, 0);

  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
  for (unsigned i = 0; i < n; ++i) {
    if (info[i].codepoint == 0) {
      size_t p = info[i].cluster;
      char32_t cp = utf8::next(t, p);
      if (cp != '\n' && cp != '\r' && cp != '\t') missing_glyph(cp, chain);
    }
    bool new_cluster = out.clusters.empty() || out.clusters.back().begin != info[i].cluster ||
                       out.clusters.back().face != run.face;
    if (new_cluster) {
      Cluster& c = out.clusters.emplace_back();
      c.begin = info[i].cluster;
      c.face = run.face;
      c.glyph_begin = static_cast<uint32_t>(out.glyphs.size());
    }
    out.glyphs.push_back({info[i].codepoint, pos[i].x_advance * scale, pos[i].x_offset * scale, pos[i].y_offset * scale});
    Cluster& c = out.clusters.back();
    c.glyph_end = static_cast<uint32_t>(out.glyphs.size());
    c.advance += pos[i].x_advance * scale;
  }
}

/// A Han run with its direct ideographs set from the face's table and the rest, in maximal
/// spans, by HarfBuzz: a direct glyph takes part in no lookup, not even as context, so cutting
/// the run beside it changes nothing.
void shape_han_run(ShapedText& out, std::string_view t, const Run& run, const std::vector<Face::DirectGlyph>& table,
                   const FontChain& chain, double scale) {
  uint32_t pos = run.begin, pending = run.begin;
  while (pos < run.end) {
    const uint32_t start = pos;
    size_t p = pos;
    const char32_t cp = decode(t, p);
    pos = static_cast<uint32_t>(p);
    if (cp < Face::kDirectFirst || cp > Face::kDirectLast) continue;
    const Face::DirectGlyph& g = table[cp - Face::kDirectFirst];
    if (g.gid == 0) continue;
    if (p < t.size() && attaches(decode(t, p))) continue;
    if (pending < start) shape_span(out, t, run, pending, start, chain, scale);
    // Filled in place (a Cluster copied through the stack stalled on store forwarding); the
    // code point and class are known here, so the final pass need not decode it again.
    Cluster& c = out.clusters.emplace_back();
    c.begin = start;
    c.face = run.face;
    c.glyph_begin = static_cast<uint32_t>(out.glyphs.size());
    c.glyph_end = c.glyph_begin + 1;
    c.advance = g.advance * scale;
    c.first_cp = c.last_cp = cp;
    c.cls = c.last_cls = classify(cp);
    out.glyphs.push_back({g.gid, g.advance * scale, 0, 0});
    pending = pos;
  }
  if (pending < run.end) shape_span(out, t, run, pending, run.end, chain, scale);
}

ShapedText shape(std::string_view text, const FontChain& chain, double size, double letter_spacing, bool fast) {
  ShapedText out;
  out.text.assign(text);
  out.size = size;
  const std::string_view t = out.text;
  out.glyphs.reserve(t.size() / 2);
  out.clusters.reserve(t.size() / 2);

  for (const Run& run : itemize(t, chain, fast)) {
    const double scale = size / run.face->units_per_em();
    const std::vector<Face::DirectGlyph>* table = fast && run.script == HB_SCRIPT_HAN ? &run.face->direct_glyphs() : nullptr;
    if (table && !table->empty()) shape_han_run(out, t, run, *table, chain, scale);
    else shape_span(out, t, run, run.begin, run.end, chain, scale);
  }
  // Text ranges, classes and widths of the clusters (clusters are in logical order: LTR only).
  for (size_t i = 0; i < out.clusters.size(); ++i) {
    Cluster& c = out.clusters[i];
    c.end = i + 1 < out.clusters.size() ? out.clusters[i + 1].begin : static_cast<uint32_t>(t.size());
    if (c.first_cp == 0) {  // not a direct ideograph (those are set already)
      size_t p = c.begin;
      c.first_cp = decode(t, p);
      c.last_cp = c.first_cp;
      while (p < c.end) c.last_cp = decode(t, p);
      c.cls = classify(c.first_cp);
      c.last_cls = classify(c.last_cp);
    }
    c.full_width = c.advance >= 0.9 * size;
    if (c.first_cp == '\n' || c.first_cp == '\r' || c.first_cp == '\t') {  // a forced line break takes no room and draws nothing
      c.advance = 0;
      c.glyph_end = c.glyph_begin;
    }
    c.advance += letter_spacing;
  }
  return out;
}
}  // namespace

std::string uncovered_message(char32_t cp, const FontChain& chain) {
  std::string ch;
  utf8::append(ch, cp);
  return "no font covers '" + ch + "' " + utf8::codepoint_name(cp) + " (family " + chain.family + ", tried " + chain.describe() + ")";
}

void check_covered(std::string_view text, const FontChain& chain) {
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = utf8::next(text, pos);
    if (cp == '\n' || cp == '\r' || cp == '\t') continue;
    if (!chain.face_for(cp)) throw Error(ErrorKind::Font, uncovered_message(cp, chain));
  }
}

ShapedText shape_paragraph(std::string_view text, const FontChain& chain, double size, double letter_spacing) {
  return shape(text, chain, size, letter_spacing, true);
}

namespace detail {
ShapedText shape_paragraph_reference(std::string_view text, const FontChain& chain, double size, double letter_spacing) {
  return shape(text, chain, size, letter_spacing, false);
}
}  // namespace detail

}  // namespace gongwen
