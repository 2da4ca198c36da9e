#pragma once
// Table borders as merged segments: each cell contributes its four edges, shared edges are drawn
// once, collinear pieces join into one rule, and the frame's corners close cleanly.
#include <map>
#include <vector>

#include "model/document.hpp"

namespace gongwen {

class BorderCollector {
 public:
  BorderCollector(double left, double right, double outer, double inner, Color color)
      : left_(left), right_(right), outer_(outer), inner_(inner), color_(color) {}

  /// A cell box; `top_edge_outer` / `bottom_edge_outer` mark the fragment's frame.
  void add_box(double x0, double y0, double x1, double y1, bool top_outer, bool bottom_outer);
  /// Emits the merged rules and clears the collector.
  void flush(std::vector<Item>& out);

 private:
  struct Segment {
    double a, b, width;
  };
  void add(std::map<long, std::vector<Segment>>& lines, double at, double a, double b, double width);
  static long key(double v) { return static_cast<long>(v * 100 + (v >= 0 ? 0.5 : -0.5)); }

  double left_, right_, outer_, inner_;
  Color color_;
  std::map<long, std::vector<Segment>> horizontal_, vertical_;
};

}  // namespace gongwen
