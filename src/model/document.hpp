#pragma once
// The laid-out document: pages of positioned items in pt, origin at the page's top-left, y down.
// Produced by flow/, consumed by pdf/ (and dumped as text for tests). Writers never measure.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gongwen {

class Face;

struct Color {
  double r = 0, g = 0, b = 0;  ///< 0..1 sRGB
  bool operator==(const Color&) const = default;
};

/// One glyph of a run. `text_begin..text_end` is the byte range of the run's text this glyph
/// stands for; a glyph that continues the previous glyph's cluster has an empty range, so
/// copy/paste yields each character once.
struct PlacedGlyph {
  uint32_t gid = 0;
  double x = 0;   ///< pen position relative to the run origin, pt
  double dy = 0;  ///< vertical offset, pt, positive up (HarfBuzz convention)
  uint32_t text_begin = 0, text_end = 0;
};

/// Glyphs of one face at one size, on one baseline.
struct GlyphRun {
  const Face* face = nullptr;
  double size = 12;            ///< pt
  Color color;
  double x = 0, y = 0;         ///< baseline origin on the page, pt (y from the top)
  std::vector<PlacedGlyph> glyphs;
  std::string text;            ///< the source text the glyphs' ranges point into
  double width = 0;            ///< advance of the whole run, pt (for dumps and extents)
};

/// A straight line (borders, 版记 rules).
struct Rule {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width = 0.5;  ///< stroke width, pt
  Color color;
};

/// An axis-aligned rectangle, stroked and/or filled.
struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  double stroke_width = 0.5;
};

/// Encoded image bytes, shared by every placement (a seal on every page is stored once).
struct ImageData {
  enum class Format { Unknown = 0, Png, Jpeg };
  Format format = Format::Unknown;
  std::vector<uint8_t> bytes;
  int width_px = 0, height_px = 0;
  std::string name;  ///< file name, for dumps and errors
};

struct Image {
  std::shared_ptr<const ImageData> data;
  double x = 0, y = 0, w = 0, h = 0;  ///< placement box on the page, pt
};

/// A clickable area pointing at a URI.
struct Link {
  double x = 0, y = 0, w = 0, h = 0;
  std::string uri;
};

using Item = std::variant<GlyphRun, Rule, Rect, Image, Link>;

struct Page {
  double width = 595.276, height = 841.89;  ///< A4 in pt
  std::vector<Item> items;
};

/// An outline entry (PDF bookmark): one per record/table, pointing at its caption.
struct Bookmark {
  std::string title;
  size_t page = 0;  ///< 0-based page index
  double y = 0;     ///< top of the target on that page, pt from the top
};

struct Metadata {
  std::string title, author, subject, keywords, creator;
  int64_t creation_time = 0;  ///< Unix seconds (UTC); fixed so output is reproducible
};

struct Document {
  Metadata meta;
  std::vector<Page> pages;
  std::vector<Bookmark> outline;
  /// Page label style: decimal labels starting at this number (PDF /PageLabels).
  int first_page_number = 1;
};

/// A deterministic, line-oriented text dump of every page and item (goldens for tests).
std::string dump(const Document& doc);

}  // namespace gongwen
