#include "pdf/content_stream.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/error.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/pdf_images.hpp"

namespace gongwen::pdf {

namespace {

class Writer {
 public:
  Writer(const Page& page, const FontSet& fonts, const ImageSet& images)
      : height_(page.height), fonts_(fonts), images_(images) {}

  void operator()(const GlyphRun& run) { text(run); }
  void operator()(const Rule& r);
  void operator()(const Rect& r);
  void operator()(const Image& img);
  void operator()(const Link&) {}  // an annotation, written by the page builder

  PageContent finish() { return std::move(out_); }

 private:
  void text(const GlyphRun& run);
  void nums(std::initializer_list<double> vs) {
    for (double v : vs) {
      append_num(ops(), v);
      ops().push_back(' ');
    }
  }
  std::string& ops() { return out_.ops; }
  double flip(double y) const { return height_ - y; }
  void fill(const Color& c) {
    if (fill_ == c) return;
    fill_ = c;
    nums({clamp(c.r), clamp(c.g), clamp(c.b)});
    ops() += "rg\n";
  }
  void stroke(const Color& c, double width) {
    if (!caps_set_) {
      ops() += "0 J\n";  // butt caps: rules end exactly at their end points
      caps_set_ = true;
    }
    if (stroke_ != c) {
      stroke_ = c;
      nums({clamp(c.r), clamp(c.g), clamp(c.b)});
      ops() += "RG\n";
    }
    if (line_width_ != quantize(width)) {
      line_width_ = quantize(width);
      nums({width});
      ops() += "w\n";
    }
  }
  static double clamp(double v) { return std::clamp(v, 0.0, 1.0); }

  double height_;
  const FontSet& fonts_;
  const ImageSet& images_;
  PageContent out_;
  // Graphics state as last set in this stream (PDF's initial state: black, 1 pt, no font).
  std::optional<Color> fill_ = Color{}, stroke_ = Color{};
  double line_width_ = 1;
  bool caps_set_ = false;
  const TextFont* font_ = nullptr;
  double font_size_ = 0;
};

void Writer::text(const GlyphRun& run) {
  if (run.glyphs.empty()) return;
  if (!(run.size > 0)) throw Error(ErrorKind::Render, "PDF writer: glyph run with font size " + num(run.size));
  const TextFont& font = fonts_.get(run.face);
  if (std::find(out_.fonts.begin(), out_.fonts.end(), &font) == out_.fonts.end()) out_.fonts.push_back(&font);
  fill(run.color);
  ops() += "BT\n";
  const double size = quantize(run.size);  // what a reader sees
  if (font_ != &font || font_size_ != size) {
    font_ = &font;
    font_size_ = size;
    ops() += "/" + font.resource + " ";
    nums({size});
    ops() += "Tf\n";
  }
  ops() += "1 0 0 1 ";
  nums({run.x, flip(run.y)});
  ops() += "Tm\n";

  // pen: where the reader's text position is, relative to the run origin, in pt.
  double pen = 0, rise = 0;
  std::string tj;
  bool in_hex = false;
  auto close_hex = [&] {
    if (in_hex) tj.push_back('>');
    in_hex = false;
  };
  auto flush = [&] {
    close_hex();
    if (!tj.empty()) ops() += "[" + tj + "] TJ\n";
    tj.clear();
  };
  for (const PlacedGlyph& g : run.glyphs) {
    const double dy = quantize(g.dy);
    if (dy != rise) {
      flush();
      nums({dy});
      ops() += "Ts\n";
      rise = dy;
    }
    // TJ numbers are thousandths of an em, subtracted from the position. Rounded to 1/100:
    // 0.01/1000 em is far below any device pixel, and tracking `pen` with the rounded value
    // keeps errors from accumulating along the line.
    const double adjust = std::round((pen - g.x) * 1000.0 / size * 100.0) / 100.0;
    if (adjust != 0) {
      close_hex();
      if (!tj.empty()) tj.push_back(' ');
      append_num(tj, adjust);
      pen -= adjust * size / 1000.0;
    }
    auto code = font.code.find(g.gid);
    if (code == font.code.end()) throw Error(ErrorKind::Render, "PDF writer: internal error: glyph not collected");
    if (!in_hex) {
      if (!tj.empty() && tj.back() != '>') tj.push_back(' ');
      tj.push_back('<');
      in_hex = true;
    }
    append_hex4(tj, code->second);
    pen += font.width_of(code->second) * size / 1000.0;
  }
  flush();
  if (rise != 0) ops() += "0 Ts\n";
  ops() += "ET\n";
}

void Writer::operator()(const Rule& r) {
  stroke(r.color, r.width);
  nums({r.x0, flip(r.y0)});
  ops() += "m ";
  nums({r.x1, flip(r.y1)});
  ops() += "l S\n";
}

void Writer::operator()(const Rect& r) {
  if (!r.fill && !r.stroke) return;
  if (r.fill) fill(*r.fill);
  if (r.stroke) stroke(*r.stroke, r.stroke_width);
  nums({r.x, flip(r.y + r.h), r.w, r.h});
  ops() += r.fill && r.stroke ? "re B\n" : r.fill ? "re f\n" : "re S\n";
}

void Writer::operator()(const Image& img) {
  const EmbeddedImage& e = images_.get(img.data.get());
  if (std::find(out_.images.begin(), out_.images.end(), &e) == out_.images.end()) out_.images.push_back(&e);
  ops() += "q ";
  nums({img.w, 0, 0, img.h, img.x, flip(img.y + img.h)});
  ops() += "cm /" + e.resource + " Do Q\n";
}

}  // namespace

PageContent build_page_content(const Page& page, const FontSet& fonts, const ImageSet& images) {
  Writer w(page, fonts, images);
  for (const Item& item : page.items) std::visit(w, item);
  return w.finish();
}

}  // namespace gongwen::pdf
