#include "pdf/font_embed.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/face.hpp"
#include "pdf/cff_charset.hpp"
#include "pdf/cff_cid.hpp"
#include "pdf/cff_subset.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/podofo_util.hpp"
#include "pdf/to_unicode.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {
std::string table(const Face& face, hb_tag_t tag) {
  HbBlob blob(hb_face_reference_table(face.hb_face(), tag));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob.get(), &len);
  return data ? std::string(data, len) : std::string();
}

bool has_table(const Face& face, hb_tag_t tag) {
  HbBlob blob(hb_face_reference_table(face.hb_face(), tag));
  return hb_blob_get_length(blob.get()) > 0;
}

unsigned be16(const std::string& t, size_t at) {
  return (static_cast<unsigned char>(t[at]) << 8) | static_cast<unsigned char>(t[at + 1]);
}

struct Ros {
  std::string registry = "Adobe", ordering = "Identity";
  int supplement = 0;
};

// The most common width among the used glyphs becomes /DW, so /W lists only the others (for
// CJK text that leaves /W nearly empty). /DW must be an integer (PDF 1.7 table 117; poppler
// ignores a real and falls back to 1000). Ties go to the smaller width, for determinism.
/// For each glyph of `gids`: the UTF-8 of the lowest code point the face's cmap maps to it, else
/// U+FFFD. Walks the cmap once (only when there are such glyphs: they are rare).
std::map<uint32_t, std::string> characters_of(const Face& face, const std::vector<uint32_t>& gids) {
  std::map<uint32_t, std::string> out;
  if (gids.empty()) return out;
  for (uint32_t g : gids) out[g] = "\xEF\xBF\xBD";
  std::map<uint32_t, bool> found;
  hb_set_t* cps = hb_set_create();
  hb_face_collect_unicodes(face.hb_face(), cps);
  for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(cps, &cp);) {
    const uint32_t g = face.glyph_for(static_cast<char32_t>(cp));
    auto it = out.find(g);
    if (it == out.end() || found[g]) continue;
    found[g] = true;
    std::string utf8;
    utf8::append(utf8, static_cast<char32_t>(cp));
    it->second = utf8;
  }
  hb_set_destroy(cps);
  return out;
}

double pick_default_width(const std::map<uint16_t, double>& widths) {
  std::map<double, size_t> count;
  for (const auto& [c, w] : widths) ++count[w];
  double best = 1000;
  size_t best_n = 0;
  for (const auto& [w, n] : count)
    if (n > best_n) {
      best = w;
      best_n = n;
    }
  return best;
}

}  // namespace

void FontSet::add_run(const GlyphRun& run) {
  if (!run.face) throw Error(ErrorKind::Render, "PDF writer: a glyph run has no font face");
  if (run.glyphs.empty()) return;  // draws nothing: must not embed a font no page references
  Use*& use = by_face_[run.face];
  if (!use) {
    fonts_.push_back(std::make_unique<Use>());
    use = fonts_.back().get();
    use->face = run.face;
    use->out.resource = "F" + std::to_string(fonts_.size());
    use->settled.assign(run.face->glyph_count(), false);
    use->early = early_codes_ && run.face->is_cff() && cff_source(*run.face).cid_keyed();
  }
  for (const PlacedGlyph& g : run.glyphs) {
    if (g.text_begin > g.text_end || g.text_end > run.text.size())
      throw Error(ErrorKind::Render, "PDF writer: glyph text range [" + std::to_string(g.text_begin) + ", " +
                                         std::to_string(g.text_end) + ") outside the run text \"" + run.text + "\"");
    // A document repeats few glyphs many times: once a glyph has its text, nothing changes.
    if (g.gid < use->settled.size() && use->settled[g.gid]) continue;
    auto [it, inserted] = use->glyphs.try_emplace(g.gid);
    if (inserted && use->early) assign_early_code(*use, g.gid);
    if (it->second.empty() && g.text_end > g.text_begin)
      it->second = run.text.substr(g.text_begin, g.text_end - g.text_begin);
    if (!it->second.empty() && g.gid < use->settled.size()) use->settled[g.gid] = true;
  }
}

void FontSet::assign_early_code(Use& use, uint32_t gid) {
  const std::vector<uint16_t>& charset = cff_source(*use.face).charset();
  if (gid >= use.face->glyph_count() || gid >= charset.size())
    throw Error(ErrorKind::Render, "PDF writer: glyph id " + std::to_string(gid) + " does not exist in font " +
                                       use.face->postscript_name() + " (" + use.face->path() + ")");
  const uint16_t cid = charset[gid];
  use.out.code[gid] = cid;
  use.out.width[cid] = std::round(use.face->advance(gid) * (1000.0 / use.face->units_per_em()));
}

bool FontSet::has_codes(const Face* face) const {
  auto it = by_face_.find(face);
  return it != by_face_.end() && it->second->early;
}

const TextFont& FontSet::get(const Face* face) const {
  auto it = by_face_.find(face);
  if (it == by_face_.end()) throw Error(ErrorKind::Render, "PDF writer: internal error: font not collected");
  return it->second->out;
}

void FontSet::embed(PdfVecObjects& objects) {
  for (auto& use : fonts_) embed_one(objects, *use);
}

void FontSet::embed_one(PdfVecObjects& objects, Use& use) {
  const Face& face = *use.face;
  const std::string who = face.postscript_name() + " (" + face.path() + ")";
  std::vector<uint32_t> gids;
  for (const auto& [g, text] : use.glyphs) {
    if (g >= face.glyph_count())
      throw Error(ErrorKind::Render, "PDF writer: glyph id " + std::to_string(g) + " does not exist in font " + who);
    gids.push_back(g);
  }
  if (!face.is_cff() && !has_table(face, HB_TAG('g', 'l', 'y', 'f')))
    throw Error(ErrorKind::Render, "cannot embed font " + who +
                                       ": neither TrueType (glyf) nor CFF outlines (CFF2 variable fonts are not supported)");
  // Codes are the CIDs of the subset (font_subset.hpp); the face's parsed CFF table is kept on
  // the face, so a batch of split documents does not parse it again for each.
  SubsetFont sub = subset(face, gids);
  gids.insert(gids.begin(), 0);  // .notdef is in every subset; give it a code too
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());

  TextFont& out = use.out;
  const Ros ros{sub.registry, sub.ordering, sub.supplement};
  std::string program = std::move(sub.program);
  for (uint32_t g : gids) out.code[g] = sub.cid.at(g);

  const double scale = 1000.0 / face.units_per_em();
  out.width.clear();  // early codes (set_early_codes) listed every width
  std::map<uint16_t, double> widths;
  // Integer widths: MuPDF keeps /W entries as integers, so fractional ones would put its glyphs
  // elsewhere than poppler's. The TJ adjustments absorb the rounding (see content_stream.cpp).
  for (uint32_t g : gids) widths[out.code.at(g)] = std::round(face.advance(g) * scale);
  out.default_width = pick_default_width(widths);
  for (const auto& [c, w] : widths)
    if (w != out.default_width) out.width[c] = w;

  Fnv64 hash;
  hash.add(face.postscript_name());
  for (uint32_t g : gids) hash.add_u32(g);
  const std::string base_font = subset_tag(hash.h) + "+" + sanitize_font_name(face.postscript_name());

  // Font program.
  // CFF programs from our subsetter: compressed with the face's prepared Huffman code (zlib's
  // LZ77 search was most of a split batch's time and gains ~4% on charstrings). Small programs
  // go to zlib, which is cheap there and does not pay the ~150-byte code table.
  const bool own_cff = face.is_cff() && program.size() >= 8192 && cff_source(face).can_subset();
  PdfObject* file = own_cff ? make_deflated_stream(objects, cff_source(face).deflater().deflate(program))
                            : make_stream(objects, program);
  if (face.is_cff())
    file->GetDictionary().AddKey("Subtype", PdfName("CIDFontType0C"));
  else
    file->GetDictionary().AddKey("Length1", integer(static_cast<int64_t>(program.size())));

  // Descriptor: metrics in 1/1000 em. Weight and italic angle from OS/2 and post when present.
  std::string os2 = table(face, HB_TAG('O', 'S', '/', '2')), post = table(face, HB_TAG('p', 'o', 's', 't'));
  double stem_v = 80, italic = 0;
  if (os2.size() >= 6) stem_v = 10 + 220 * (std::clamp<double>(be16(os2, 4), 100, 900) - 50) / 900;
  if (post.size() >= 8) italic = static_cast<int32_t>((be16(post, 4) << 16) | be16(post, 6)) / 65536.0;
  PdfObject* desc = objects.CreateObject("FontDescriptor");
  PdfDictionary& dd = desc->GetDictionary();
  dd.AddKey("FontName", PdfName(base_font));
  dd.AddKey("Flags", integer(4 | (italic != 0 ? 64 : 0)));  // symbolic: glyphs outside Adobe's Latin set
  PdfArray bbox;
  for (int v : {face.bbox_x_min(), face.bbox_y_min(), face.bbox_x_max(), face.bbox_y_max()}) bbox.push_back(real(v * scale));
  dd.AddKey("FontBBox", bbox);
  dd.AddKey("ItalicAngle", real(italic));
  dd.AddKey("Ascent", real(face.ascender() * scale));
  dd.AddKey("Descent", real(face.descender() * scale));
  dd.AddKey("CapHeight", real(face.cap_height() * scale));
  dd.AddKey("StemV", real(std::round(stem_v)));
  dd.AddKey(face.is_cff() ? "FontFile3" : "FontFile2", file->Reference());

  // Descendant CIDFont.
  PdfObject* cid = objects.CreateObject("Font");
  PdfDictionary& cd = cid->GetDictionary();
  cd.AddKey("Subtype", PdfName(face.is_cff() ? "CIDFontType0" : "CIDFontType2"));
  cd.AddKey("BaseFont", PdfName(base_font));
  PdfDictionary info;
  info.AddKey("Registry", byte_string(ros.registry));
  info.AddKey("Ordering", byte_string(ros.ordering));
  info.AddKey("Supplement", integer(ros.supplement));
  cd.AddKey("CIDSystemInfo", info);
  cd.AddKey("FontDescriptor", desc->Reference());
  cd.AddKey("DW", integer(static_cast<int64_t>(out.default_width)));
  PdfArray w;
  std::map<uint16_t, double> sorted(out.width.begin(), out.width.end());
  for (auto it = sorted.begin(); it != sorted.end();) {
    uint16_t first = it->first;
    PdfArray group;
    uint32_t next = first;
    while (it != sorted.end() && it->first == next) {
      group.push_back(real(it->second));
      ++it;
      ++next;
    }
    w.push_back(integer(first));
    w.push_back(group);
  }
  if (!w.empty()) cd.AddKey("W", w);
  if (!face.is_cff()) cd.AddKey("CIDToGIDMap", PdfName("Identity"));

  ToUnicodeMap tu;
  std::vector<uint32_t> orphans;  // glyphs seen only as cluster continuations
  for (const auto& [g, text] : use.glyphs) {
    tu.add(out.code.at(g), text);
    if (text.empty()) orphans.push_back(g);
  }
  if (complete_to_unicode_)
    for (const auto& [g, text] : characters_of(face, orphans)) tu.add(out.code.at(g), text);
  PdfObject* to_unicode = make_stream(objects, build_to_unicode_cmap(tu));

  PdfObject* type0 = objects.CreateObject("Font");
  PdfDictionary& td = type0->GetDictionary();
  td.AddKey("Subtype", PdfName("Type0"));
  td.AddKey("BaseFont", PdfName(base_font));
  td.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray desc_fonts;
  desc_fonts.push_back(cid->Reference());
  td.AddKey("DescendantFonts", desc_fonts);
  td.AddKey("ToUnicode", to_unicode->Reference());
  out.object = type0->Reference().ObjectNumber();
}

}  // namespace gongwen::pdf
