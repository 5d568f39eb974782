// embargo: the bar chart of the SVG plotting module: one bar per category from zero, its value
// written on it, and "marked" bars (e.g. too few trades to judge) hatched and starred, so the mark
// survives black and white print. NaN bars are left out and labelled "n/a", never drawn as zero.
#ifndef EMBARGO_REPORT_SVG_BARS_HPP
#define EMBARGO_REPORT_SVG_BARS_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <embargo/report/svg_legend.hpp>
#include <embargo/report/svg_plot.hpp>

namespace embargo::svg {

struct bar_chart_options {
  plot_options plot;
  std::string fill = "#0072B2";
  std::string marked_label;  ///< the legend's text for marked bars (none when empty)
};

/// Bars of `values` over `categories`. `marked` (empty, or one per category) hatches a bar. The
/// y axis always includes zero. When no value is finite the chart says so.
inline std::string bar_chart(std::string_view id, const std::vector<std::string>& categories, std::span<const double> values,
                             const std::vector<bool>& marked, bar_chart_options o) {
  embargo::detail::require(categories.size() == values.size() && (marked.empty() || marked.size() == values.size()),
                           "svg: a bar chart needs one value (and one mark, if any) per category");
  const auto r = finite_range({values});
  if (!r || categories.empty()) return empty_chart(id, o.plot.width, o.plot.height, o.plot.title, "no values to show");
  o.plot.x_format = category_format(categories);
  if (!o.marked_label.empty()) o.plot.top = std::max(o.plot.top, 44.0);  // room for the legend under the title
  // 8 % headroom: a bar's value label sits beyond its end and must stay inside the box.
  plot p(id, o.plot, category_ticks(categories.size()), nice_ticks(std::min(r->lo * 1.08, 0.0), std::max(r->hi * 1.08, 0.0)));
  auto& c = p.surface();
  const std::string hatch = c.hatch(o.fill);
  const double slot = p.area().w / static_cast<double>(categories.size());
  const double zero = p.y()(0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double cx = p.x()(static_cast<double>(i));
    const bool mark = !marked.empty() && marked[i];
    if (!std::isfinite(values[i])) {
      c.text(cx, zero - 4, "n/a", anchor::middle, 10, "fill=\"#555555\"");
      continue;
    }
    const double py = p.y()(values[i]);
    const style s = filled(mark ? "url(#" + hatch + ")" : o.fill, o.fill);
    c.rect(cx - slot * 0.3, std::min(py, zero), slot * 0.6, std::fabs(zero - py), s, categories[i] + ": " + value_label(values[i]));
    c.text(cx, values[i] >= 0 ? py - 3 : py + 11, value_label(values[i]) + (mark ? "*" : ""), anchor::middle, 10);
  }
  p.reference_line(0, "", stroked("#333333"));
  if (!o.marked_label.empty() && std::find(marked.begin(), marked.end(), true) != marked.end())
    draw_legend(c, p.area().x + 4, p.area().y - 12,
                {{"* " + o.marked_label, filled("url(#" + hatch + ")", o.fill), true}});
  return p.str();
}

}  // namespace embargo::svg

#endif
