// embargo: the heatmap of the SVG plotting module: rows x columns of cells on a diverging scale
// (blue above zero, vermillion below, white at zero) with each cell's value written in it, so the
// numbers, not only the shades, reach the reader (and the printer). NaN cells stay blank.
#ifndef EMBARGO_REPORT_SVG_HEATMAP_HPP
#define EMBARGO_REPORT_SVG_HEATMAP_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <embargo/report/svg_canvas.hpp>
#include <embargo/report/svg_scale.hpp>

namespace embargo::svg {

struct heatmap_options {
  std::string title;
  double cell_width = 46, cell_height = 20, left = 56, top = 42;
  std::function<std::string(double)> format = [](double v) { return value_label(v, 2); };
  std::string note;  ///< under the grid: the unit and what blank cells mean
};

/// The fill of `v` on a diverging scale where |v| = `extent` is full colour.
inline std::string diverging_fill(double v, double extent) {
  const double t = extent > 0 ? std::clamp(std::fabs(v) / extent, 0.0, 1.0) : 0.0;
  // Blend white with #0072B2 (positive) or #D55E00 (negative).
  const int to[2][3] = {{0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}};
  const int* c = to[v < 0 ? 1 : 0];
  char b[8];
  std::snprintf(b, sizeof b, "#%02X%02X%02X", static_cast<int>(std::lround(255 + (c[0] - 255) * t)),
                static_cast<int>(std::lround(255 + (c[1] - 255) * t)), static_cast<int>(std::lround(255 + (c[2] - 255) * t)));
  return b;
}

/// `values` row-major (rows.size() x columns.size()).
inline std::string heatmap(std::string_view id, const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                           std::span<const double> values, const heatmap_options& o) {
  embargo::detail::require(values.size() == rows.size() * columns.size(), "svg: a heatmap needs rows x columns values");
  const double width = o.left + o.cell_width * static_cast<double>(columns.size()) + 10;
  const double height = o.top + o.cell_height * static_cast<double>(rows.size()) + (o.note.empty() ? 10 : 26);
  const auto r = finite_range({values});
  if (!r || rows.empty() || columns.empty()) return empty_chart(id, std::max(width, 320.0), 90, o.title, "no values to show");
  const double extent = std::max(std::fabs(r->lo), std::fabs(r->hi));
  canvas c(id, width, height, o.title);
  c.text(width / 2, 17, o.title, anchor::middle, 13, "font-weight=\"bold\"");
  for (std::size_t j = 0; j < columns.size(); ++j)
    c.text(o.left + o.cell_width * (static_cast<double>(j) + 0.5), o.top - 6, columns[j], anchor::middle);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y = o.top + o.cell_height * static_cast<double>(i);
    c.text(o.left - 6, y + o.cell_height / 2 + 4, rows[i], anchor::end);
    for (std::size_t j = 0; j < columns.size(); ++j) {
      const double v = values[i * columns.size() + j];
      const double x = o.left + o.cell_width * static_cast<double>(j);
      if (!std::isfinite(v)) {
        c.rect(x, y, o.cell_width, o.cell_height, filled("#ffffff", "#dddddd"));
        continue;
      }
      c.rect(x, y, o.cell_width, o.cell_height, filled(diverging_fill(v, extent), "#ffffff"),
             rows[i] + " " + columns[j] + ": " + o.format(v));
      const bool dark = extent > 0 && std::fabs(v) / extent > 0.6;
      c.text(x + o.cell_width / 2, y + o.cell_height / 2 + 4, o.format(v), anchor::middle, 10,
             dark ? "fill=\"#ffffff\"" : "fill=\"#000000\"");
    }
  }
  if (!o.note.empty()) c.text(o.left, height - 8, o.note, anchor::start, 10, "fill=\"#333333\"");
  return c.str();
}

}  // namespace embargo::svg

#endif
