#include "flow/borders.hpp"

#include <algorithm>
#include <cmath>

namespace gongwen {

void BorderCollector::add(std::map<long, std::vector<Segment>>& lines, double at, double a, double b, double width) {
  lines[key(at)].push_back({std::min(a, b), std::max(a, b), width});
}

void BorderCollector::add_box(double x0, double y0, double x1, double y1, bool top_outer, bool bottom_outer) {
  auto vw = [&](double x) { return std::abs(x - left_) < 0.01 || std::abs(x - right_) < 0.01 ? outer_ : inner_; };
  add(horizontal_, y0, x0, x1, top_outer ? outer_ : inner_);
  add(horizontal_, y1, x0, x1, bottom_outer ? outer_ : inner_);
  add(vertical_, x0, y0, y1, vw(x0));
  add(vertical_, x1, y0, y1, vw(x1));
}

void BorderCollector::flush(std::vector<Item>& out) {
  auto merge = [](std::vector<Segment>& segs) {
    std::sort(segs.begin(), segs.end(), [](const Segment& p, const Segment& q) { return p.a < q.a; });
    std::vector<Segment> merged;
    for (const Segment& s : segs) {
      if (!merged.empty() && s.a <= merged.back().b + 0.01 && std::abs(s.width - merged.back().width) < 1e-6) {
        merged.back().b = std::max(merged.back().b, s.b);
      } else if (!merged.empty() && s.a <= merged.back().b + 0.01 && s.b <= merged.back().b + 0.01) {
        merged.back().width = std::max(merged.back().width, s.width);  // covered: keep the heavier
      } else {
        merged.push_back(s);
      }
    }
    return merged;
  };
  for (auto& [k, segs] : horizontal_) {
    const double y = static_cast<double>(k) / 100.0;
    for (const Segment& s : merge(segs)) {
      // Reach over the frame's verticals so the corners are closed, not notched.
      const double a = std::abs(s.a - left_) < 0.01 ? s.a - outer_ / 2 : s.a;
      const double b = std::abs(s.b - right_) < 0.01 ? s.b + outer_ / 2 : s.b;
      out.emplace_back(Rule{a, y, b, y, s.width, color_});
    }
  }
  for (auto& [k, segs] : vertical_) {
    const double x = static_cast<double>(k) / 100.0;
    for (const Segment& s : merge(segs)) out.emplace_back(Rule{x, s.a, x, s.b, s.width, color_});
  }
  horizontal_.clear();
  vertical_.clear();
}

}  // namespace gongwen
