// embargo: the legend of the SVG plotting module: a swatch per series drawn with the series' own
// stroke, dash or fill (a hatch stays a hatch), so the key still works in black and white.
#ifndef EMBARGO_REPORT_SVG_LEGEND_HPP
#define EMBARGO_REPORT_SVG_LEGEND_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include <embargo/report/svg_canvas.hpp>

namespace embargo::svg {

struct legend_entry {
  std::string label;
  style swatch;
  bool filled = false;  ///< a box of the fill (areas, bars, spans) rather than a line sample
};

/// Entries in a row from (x, y) on `c`, about 6.5 px per character of label, wrapping to a new
/// row 14 px lower before `max_x`. Returns the number of rows drawn.
inline std::size_t draw_legend(canvas& c, double x, double y, const std::vector<legend_entry>& entries, double max_x = 1e9) {
  const double x0 = x;
  std::size_t rows = entries.empty() ? 0 : 1;
  for (const auto& e : entries) {
    const double w = 30 + 6.5 * static_cast<double>(e.label.size());
    if (x > x0 && x + w - 8 > max_x) x = x0, y += 14, ++rows;
    if (e.filled) {
      style box = e.swatch;
      if (box.stroke == "none") box.stroke = "#333333";
      c.rect(x, y - 9, 14, 10, box);
    } else {
      style line = e.swatch;
      line.fill = "none";
      line.stroke_width = std::max(line.stroke_width, 2.0);
      c.line(x, y - 4, x + 18, y - 4, line);
    }
    c.text(x + 22, y, e.label);
    x += w;
  }
  return rows;
}

}  // namespace embargo::svg

#endif
