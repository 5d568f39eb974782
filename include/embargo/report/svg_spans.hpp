// embargo: the span (Gantt) mark of the SVG plotting module: rows of [start, end) runs of a kind,
// e.g. a split diagram's train / test / purged / embargoed observations per fold. Each kind has
// a fill and optionally a hatch, so purged and embargoed spans stay distinct in black and white.
#ifndef EMBARGO_REPORT_SVG_SPANS_HPP
#define EMBARGO_REPORT_SVG_SPANS_HPP

#include <algorithm>
#include <string>
#include <vector>

#include <embargo/report/svg_legend.hpp>
#include <embargo/report/svg_line.hpp>
#include <embargo/report/svg_plot.hpp>

namespace embargo::svg {

struct span_kind {
  std::string name, colour;
  bool hatched = false;
  bool in_legend = true;
};

struct span_run {
  double start, end;  ///< in x units, end exclusive
  std::size_t kind;
};

struct span_chart_options {
  plot_options plot;  ///< y_format and the y ticks are set from the row names
  std::vector<span_kind> kinds;
};

/// x in pixels, clamped to the plot box.
inline double clamp_x(const plot& p, double x) { return clamp_px(p.x()(x), p.area().x, p.area().x + p.area().w); }

/// One row per entry of `rows` (named by `row_names`, drawn top to bottom) over x in [x_lo, x_hi].
inline std::string span_chart(std::string_view id, const std::vector<std::string>& row_names,
                              const std::vector<std::vector<span_run>>& rows, double x_lo, double x_hi, span_chart_options o) {
  embargo::detail::require(row_names.size() == rows.size(), "svg: a span chart needs one name per row");
  if (rows.empty() || !(x_hi > x_lo)) return empty_chart(id, o.plot.width, o.plot.height, o.plot.title, "no spans to show");
  // Rows top to bottom: row k sits at y = n-1-k on the (upward) y axis.
  std::vector<std::string> bottom_up(row_names.rbegin(), row_names.rend());
  o.plot.y_format = category_format(bottom_up);
  o.plot.y_grid = false;
  o.plot.top = std::max(o.plot.top, 46.0);  // room for the legend under the title
  plot p(id, o.plot, nice_ticks(x_lo, x_hi, 8), category_ticks(rows.size()));
  auto& c = p.surface();
  std::vector<std::string> fills;
  for (const auto& k : o.kinds) fills.push_back(k.hatched ? "url(#" + c.hatch(k.colour) + ")" : k.colour);
  const double row_h = p.area().h / static_cast<double>(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double yc = p.y()(static_cast<double>(rows.size() - 1 - r));
    for (const auto& s : rows[r]) {
      embargo::detail::require(s.kind < o.kinds.size(), "svg: a span's kind is not among the chart's kinds");
      const double x0 = clamp_x(p, s.start), x1 = clamp_x(p, s.end);
      // At least a pixel wide: a purge of two events among thousands must still be seen.
      c.rect(x0, yc - row_h * 0.35, std::max(x1 - x0, 1.0), row_h * 0.7, filled(fills[s.kind]),
             row_names[r] + ": " + o.kinds[s.kind].name + " " + value_label(s.start, 6) + "-" + value_label(s.end, 6));
    }
  }
  std::vector<legend_entry> legend;
  for (std::size_t k = 0; k < o.kinds.size(); ++k)
    if (o.kinds[k].in_legend) legend.push_back({o.kinds[k].name, filled(fills[k], "#333333"), true});
  draw_legend(c, p.area().x, p.area().y - 10, legend);
  return p.str();
}

}  // namespace embargo::svg

#endif
