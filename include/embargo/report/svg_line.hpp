// embargo: line and area marks of the SVG plotting module. NaN values break a line (a gap is
// drawn as a gap, never joined or read as zero); points outside the axes are clamped to the box.
#ifndef EMBARGO_REPORT_SVG_LINE_HPP
#define EMBARGO_REPORT_SVG_LINE_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include <embargo/report/svg_plot.hpp>

namespace embargo::svg {

/// v clamped into [min(a, b), max(a, b)]: a mark outside the axes stays on the plot's edge.
inline double clamp_px(double v, double a, double b) { return std::clamp(v, std::min(a, b), std::max(a, b)); }

/// Appends "<command>x,y" to a path's data. (Appending, not `"M" + coord(x)`: GCC 12 at -O3 warns
/// falsely (-Wrestrict, its bug 105329) on a literal plus a temporary string.)
inline void path_point(std::string& d, char command, double x, double y) {
  d += command;
  d += coord(x);
  d += ',';
  d += coord(y);
}

/// ys against xs (same length) as a polyline; non-finite points split it into pieces.
inline void draw_line(plot& p, std::span<const double> xs, std::span<const double> ys, const style& s) {
  embargo::detail::require(xs.size() == ys.size(), "svg: a line needs as many x as y values");
  const auto& b = p.area();
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
      pen_down = false;
      continue;
    }
    path_point(d, pen_down ? 'L' : 'M', clamp_px(p.x()(xs[i]), b.x, b.x + b.w), clamp_px(p.y()(ys[i]), b.y, b.y + b.h));
    pen_down = true;
  }
  style line = s;
  line.fill = "none";
  p.surface().path(d, line);
}

/// The area between ys and `baseline` (an underwater chart: drawdowns below zero), with its
/// outline; non-finite points split it.
inline void draw_area(plot& p, std::span<const double> xs, std::span<const double> ys, double baseline, const style& s) {
  embargo::detail::require(xs.size() == ys.size(), "svg: an area needs as many x as y values");
  const auto& b = p.area();
  const double y0 = clamp_px(p.y()(baseline), b.y, b.y + b.h);
  std::string d;
  for (std::size_t i = 0; i < xs.size();) {
    while (i < xs.size() && !(std::isfinite(xs[i]) && std::isfinite(ys[i]))) ++i;
    std::size_t j = i;
    while (j < xs.size() && std::isfinite(xs[j]) && std::isfinite(ys[j])) ++j;
    if (j > i) {
      path_point(d, 'M', clamp_px(p.x()(xs[i]), b.x, b.x + b.w), y0);
      for (std::size_t k = i; k < j; ++k)
        path_point(d, 'L', clamp_px(p.x()(xs[k]), b.x, b.x + b.w), clamp_px(p.y()(ys[k]), b.y, b.y + b.h));
      path_point(d, 'L', clamp_px(p.x()(xs[j - 1]), b.x, b.x + b.w), y0);
      d += 'Z';
    }
    i = j;
  }
  p.surface().path(d, s);
}

/// A point marker (e.g. the recommended checkpoint on a fitness history).
inline void draw_point(plot& p, double x, double y, const style& s, std::string_view tooltip = {}) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  p.surface().rect(p.x()(x) - 3.5, p.y()(y) - 3.5, 7, 7, s, tooltip);
}

}  // namespace embargo::svg

#endif
