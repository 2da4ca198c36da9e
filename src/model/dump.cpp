#include <cstdio>
#include <string>

#include "font/face.hpp"
#include "model/document.hpp"

namespace gongwen {

namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  if (s == "-0.00") s = "0.00";
  return s;
}
std::string color(const Color& c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", static_cast<int>(c.r * 255 + 0.5),
                static_cast<int>(c.g * 255 + 0.5), static_cast<int>(c.b * 255 + 0.5));
  return buf;
}
}  // namespace

std::string dump(const Document& doc) {
  std::string out;
  out += "document title=\"" + doc.meta.title + "\" pages=" + std::to_string(doc.pages.size()) + "\n";
  for (const auto& b : doc.outline)
    out += "bookmark \"" + b.title + "\" page=" + std::to_string(b.page + 1) + " y=" + num(b.y) + "\n";
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const Page& page = doc.pages[p];
    out += "page " + std::to_string(p + 1) + " " + num(page.width) + "x" + num(page.height) + "\n";
    for (const Item& item : page.items) {
      if (auto* r = std::get_if<GlyphRun>(&item)) {
        out += "  text x=" + num(r->x) + " y=" + num(r->y) + " w=" + num(r->width) + " size=" +
               num(r->size) + " font=" + (r->face ? r->face->postscript_name() : "?");
        if (r->color != Color{}) out += " color=" + color(r->color);
        out += " \"" + r->text + "\"\n";
      } else if (auto* l = std::get_if<Rule>(&item)) {
        out += "  rule " + num(l->x0) + "," + num(l->y0) + " " + num(l->x1) + "," + num(l->y1) +
               " w=" + num(l->width) + "\n";
      } else if (auto* rc = std::get_if<Rect>(&item)) {
        out += "  rect " + num(rc->x) + "," + num(rc->y) + " " + num(rc->w) + "x" + num(rc->h) + "\n";
      } else if (auto* im = std::get_if<Image>(&item)) {
        out += "  image " + num(im->x) + "," + num(im->y) + " " + num(im->w) + "x" + num(im->h) + " " +
               (im->data ? im->data->name : "?") + "\n";
      } else if (auto* ln = std::get_if<Link>(&item)) {
        out += "  link " + num(ln->x) + "," + num(ln->y) + " " + num(ln->w) + "x" + num(ln->h) + " " + ln->uri + "\n";
      }
    }
  }
  return out;
}

}  // namespace gongwen
