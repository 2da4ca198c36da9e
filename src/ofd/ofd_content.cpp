#include "ofd/ofd_content.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "font/face.hpp"
#include "ofd/ofd_text.hpp"
#include "ofd/ofd_xml.hpp"

namespace gongwen::ofd {

namespace {

/// Lengths in whole micrometres: positions and their differences are then exact in the XML.
long long um(double pt) { return std::llround(mm(pt) * 1000.0); }

void append_um(std::string& out, long long v) { append_num(out, static_cast<double>(v) / 1000.0); }

/// A box in µm, clamped into the page so that every object lies inside its PhysicalBox.
struct Box {
  long long x0, y0, x1, y1;
  void clamp(long long w, long long h) {
    x0 = std::clamp(x0, 0LL, w);
    x1 = std::clamp(x1, x0, w);
    y0 = std::clamp(y0, 0LL, h);
    y1 = std::clamp(y1, y0, h);
  }
  void append(std::string& out) const {
    out += " Boundary=\"";
    append_um(out, x0);
    out.push_back(' ');
    append_um(out, y0);
    out.push_back(' ');
    append_um(out, x1 - x0);
    out.push_back(' ');
    append_um(out, y1 - y0);
    out.push_back('"');
  }
};

bool is_black(const Color& c) { return c.r == 0 && c.g == 0 && c.b == 0; }

void color_element(std::string& out, const char* name, const Color& c) {
  out += "<ofd:";
  out += name;
  out += " Value=\"" + color_value(c.r, c.g, c.b) + "\"/>";
}

/// DeltaX with runs of equal gaps written "g N V" (GB/T 33190 §11.3).
void append_deltas(std::string& out, const std::vector<long long>& d) {
  for (size_t i = 0; i < d.size();) {
    size_t j = i;
    while (j < d.size() && d[j] == d[i]) ++j;
    if (i > 0) out.push_back(' ');
    if (j - i >= 3) {
      out += "g " + std::to_string(j - i) + " ";
      append_um(out, d[i]);
    } else {
      for (size_t k = i; k < j; ++k) {
        if (k > i) out.push_back(' ');
        append_um(out, d[k]);
      }
    }
    i = j;
  }
}

class Writer {
 public:
  Writer(const Page& page, uint32_t first_id, const FontSet& fonts, const ImageSet& images)
      : next_id_(first_id), w_(um(page.width)), h_(um(page.height)), fonts_(fonts), images_(images) {}

  void operator()(const GlyphRun& run) { text(run); }
  void operator()(const Rule& r);
  void operator()(const Rect& r);
  void operator()(const Image& img);
  void operator()(const Link&) {}  // no annotations (docs/formats.md)

  std::string out;
  uint32_t next_id_;

 private:
  /// One TextCode: characters with their x, the CGTransforms that start in it.
  struct Code {
    long long y = 0;
    std::u32string chars;
    std::vector<long long> x;
    std::string transforms;
  };
  void text(const GlyphRun& run);
  void add_cluster(Code& code, const GlyphRun& run, const Cluster& c, const EmbeddedFont& font);
  void write_code(const Code& code, const Box& box, std::string& codes);
  void path(const Box& box, double line_width, const Color* stroke, const Color* fill, const std::string& data);

  long long w_, h_;
  const FontSet& fonts_;
  const ImageSet& images_;
};

void Writer::add_cluster(Code& code, const GlyphRun& run, const Cluster& c, const EmbeddedFont& font) {
  const PlacedGlyph& first = run.glyphs[c.first_glyph];
  const bool simple = c.char_count == 1 && c.glyph_count == 1 && run.face->glyph_for(c.first_char) == first.gid;
  if (!simple) {
    code.transforms += "<ofd:CGTransform CodePosition=\"" + std::to_string(code.chars.size()) + "\" CodeCount=\"" +
                       std::to_string(c.char_count) + "\" GlyphCount=\"" + std::to_string(c.glyph_count) +
                       "\"><ofd:Glyphs>";
    for (uint32_t k = 0; k < c.glyph_count; ++k) {
      if (k) code.transforms.push_back(' ');
      code.transforms += std::to_string(font.new_gid.at(run.glyphs[c.first_glyph + k].gid));
    }
    code.transforms += "</ofd:Glyphs></ofd:CGTransform>";
  }
  // Character k of the cluster stands at glyph k (the last glyph for any further characters).
  const std::string_view text(run.text.data() + c.text_begin, c.text_end - c.text_begin);
  size_t k = 0;
  for (size_t pos = 0; pos < text.size(); ++k) {
    const PlacedGlyph& g = run.glyphs[c.first_glyph + std::min<size_t>(k, c.glyph_count - 1)];
    code.chars.push_back(utf8::next(text, pos));
    code.x.push_back(um(run.x + g.x));
  }
}

void Writer::write_code(const Code& code, const Box& box, std::string& codes) {
  if (code.chars.empty()) return;
  codes += code.transforms;
  codes += "<ofd:TextCode X=\"";
  append_um(codes, code.x[0] - box.x0);
  codes += "\" Y=\"";
  append_um(codes, code.y - box.y0);
  codes.push_back('"');
  if (code.chars.size() > 1) {
    std::vector<long long> d;
    for (size_t i = 1; i < code.x.size(); ++i) d.push_back(code.x[i] - code.x[i - 1]);
    codes += " DeltaX=\"";
    append_deltas(codes, d);
    codes.push_back('"');
  }
  codes.push_back('>');
  std::string utf8;
  for (char32_t cp : code.chars) {
    if (cp < 0x80) utf8.push_back(static_cast<char>(cp));
    else if (cp < 0x800) { utf8.push_back(static_cast<char>(0xC0 | (cp >> 6))); utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
    else if (cp < 0x10000) {
      utf8.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      utf8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      utf8.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      utf8.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      utf8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  append_escaped(codes, utf8);
  codes += "</ofd:TextCode>";
}

void Writer::text(const GlyphRun& run) {
  const std::vector<Cluster> clusters = clusters_of(run);
  if (!draws_text(clusters)) return;
  if (!(run.size > 0 && run.size < 10000)) throw Error(ErrorKind::Render, "OFD writer: glyph run with font size " + num(run.size));
  const EmbeddedFont& font = fonts_.get(run.face);
  const Face& face = *run.face;
  const double scale = run.size / face.units_per_em();

  // The box: every glyph's advance horizontally, the font's bounding box vertically.
  double left = 0, right = run.width, rise_max = 0, rise_min = 0;
  for (const PlacedGlyph& g : run.glyphs) {
    left = std::min(left, g.x);
    right = std::max(right, g.x + face.advance(g.gid) * scale);
    rise_max = std::max(rise_max, g.dy);
    rise_min = std::min(rise_min, g.dy);
  }
  Box box{um(run.x + left), um(run.y - rise_max - std::max(face.bbox_y_max(), face.ascender()) * scale),
          um(run.x + right), um(run.y - rise_min - std::min(face.bbox_y_min(), face.descender()) * scale)};
  box.clamp(w_, h_);

  // TextCodes: a new one where the baseline moves; blank clusters only between drawn ones (a
  // reader that trims element text would otherwise shift every position after them).
  std::string codes;
  Code code;
  std::vector<const Cluster*> blanks;
  for (const Cluster& c : clusters) {
    const long long y = um(run.y - run.glyphs[c.first_glyph].dy);
    if (!code.chars.empty() && y != code.y) {
      write_code(code, box, codes);
      code = Code{};
      blanks.clear();
    }
    if (c.blank) {
      if (!code.chars.empty()) blanks.push_back(&c);
      continue;
    }
    code.y = y;
    for (const Cluster* b : blanks) add_cluster(code, run, *b, font);
    blanks.clear();
    add_cluster(code, run, c, font);
  }
  write_code(code, box, codes);

  out += "<ofd:TextObject ID=\"" + std::to_string(next_id_++) + "\"";
  box.append(out);
  out += " Font=\"" + std::to_string(font.id) + "\" Size=\"";
  append_num(out, mm(run.size));
  out += "\">";
  if (!is_black(run.color)) color_element(out, "FillColor", run.color);
  out += codes;
  out += "</ofd:TextObject>\n";
}

void Writer::path(const Box& box, double line_width, const Color* stroke, const Color* fill, const std::string& data) {
  out += "<ofd:PathObject ID=\"" + std::to_string(next_id_++) + "\"";
  box.append(out);
  if (stroke) {
    out += " LineWidth=\"";
    append_num(out, mm(line_width));
    out += "\"";
  } else {
    out += " Stroke=\"false\"";
  }
  if (fill) out += " Fill=\"true\"";
  out += ">";
  if (stroke) color_element(out, "StrokeColor", *stroke);
  if (fill) color_element(out, "FillColor", *fill);
  out += "<ofd:AbbreviatedData>" + data + "</ofd:AbbreviatedData></ofd:PathObject>\n";
}

void Writer::operator()(const Rule& r) {
  if (!(r.width > 0)) return;
  const double hw = r.width / 2;
  Box box{um(std::min(r.x0, r.x1) - hw), um(std::min(r.y0, r.y1) - hw), um(std::max(r.x0, r.x1) + hw),
          um(std::max(r.y0, r.y1) + hw)};
  box.clamp(w_, h_);
  std::string d = "M ";
  append_um(d, um(r.x0) - box.x0);
  d.push_back(' ');
  append_um(d, um(r.y0) - box.y0);
  d += " L ";
  append_um(d, um(r.x1) - box.x0);
  d.push_back(' ');
  append_um(d, um(r.y1) - box.y0);
  path(box, r.width, &r.color, nullptr, d);
}

void Writer::operator()(const Rect& r) {
  if (!r.fill && !r.stroke) return;
  const double hw = r.stroke ? r.stroke_width / 2 : 0;
  Box box{um(r.x - hw), um(r.y - hw), um(r.x + r.w + hw), um(r.y + r.h + hw)};
  box.clamp(w_, h_);
  const long long x0 = um(r.x) - box.x0, y0 = um(r.y) - box.y0, x1 = um(r.x + r.w) - box.x0, y1 = um(r.y + r.h) - box.y0;
  std::string d;
  auto pt = [&](const char* op, long long x, long long y) {
    d += op;
    append_um(d, x);
    d.push_back(' ');
    append_um(d, y);
    d.push_back(' ');
  };
  pt("M ", x0, y0);
  pt("L ", x1, y0);
  pt("L ", x1, y1);
  pt("L ", x0, y1);
  d += "C";
  path(box, r.stroke_width, r.stroke ? &*r.stroke : nullptr, r.fill ? &*r.fill : nullptr, d);
}

void Writer::operator()(const Image& img) {
  const EmbeddedImage& e = images_.get(img.data.get());
  Box box{um(img.x), um(img.y), um(img.x + img.w), um(img.y + img.h)};
  out += "<ofd:ImageObject ID=\"" + std::to_string(next_id_++) + "\"";
  box.append(out);
  out += " ResourceID=\"" + std::to_string(e.id) + "\" CTM=\"";
  append_um(out, box.x1 - box.x0);
  out += " 0 0 ";
  append_um(out, box.y1 - box.y0);
  out += " 0 0\"/>\n";
}

}  // namespace

bool writes_object(const Item& item) {
  if (const auto* run = std::get_if<GlyphRun>(&item)) return draws_text(clusters_of(*run));
  if (const auto* rule = std::get_if<Rule>(&item)) return rule->width > 0;
  if (const auto* rect = std::get_if<Rect>(&item)) return rect->fill || rect->stroke;
  return std::holds_alternative<Image>(item);
}

std::string page_content(const Page& page, uint32_t first_id, uint32_t id_count, const FontSet& fonts, const ImageSet& images) {
  Writer w(page, first_id + 1, fonts, images);
  w.out.reserve(4096);
  for (const Item& item : page.items) std::visit(w, item);
  std::string xml = kXmlDecl;
  xml += "<ofd:Page xmlns:ofd=\"";
  xml += kNamespace;
  xml += "\"><ofd:Area><ofd:PhysicalBox>0 0 ";
  append_num(xml, static_cast<double>(um(page.width)) / 1000.0);
  xml.push_back(' ');
  append_num(xml, static_cast<double>(um(page.height)) / 1000.0);
  xml += "</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID=\"" + std::to_string(first_id) + "\" Type=\"Body\">\n";
  xml += w.out;
  xml += "</ofd:Layer></ofd:Content></ofd:Page>\n";
  if (w.next_id_ != first_id + id_count)
    throw Error(ErrorKind::Render, "OFD writer: internal error: object IDs do not match their count");
  return xml;
}

}  // namespace gongwen::ofd
