// embargo: a plot of the SVG plotting module: a canvas with a title, a plot box, x and y axes
// with ticks, tick values, grid lines and axis titles (with units). Marks (lines, areas, bars,
// spans) are drawn into it by the functions of svg_line.hpp, svg_area.hpp, svg_bars.hpp, ...
#ifndef EMBARGO_REPORT_SVG_PLOT_HPP
#define EMBARGO_REPORT_SVG_PLOT_HPP

#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <embargo/report/svg_canvas.hpp>
#include <embargo/report/svg_scale.hpp>

namespace embargo::svg {

/// Tick label of a value: the default writes it with the decimals its step needs; categorical
/// and date axes pass their own (a category's name, "2024-03").
using tick_format = std::function<std::string(double value, double step)>;

struct plot_options {
  double width = 640, height = 220;
  std::string title;
  std::string x_label, y_label;  ///< axis titles, with the unit ("equity (x initial)")
  tick_format x_format, y_format;
  double left = 58, right = 14, top = 28, bottom = 40;  ///< margins around the plot box
  bool y_grid = true;
};

/// The plot box in pixels.
struct box {
  double x, y, w, h;
};

class plot {
 public:
  /// Draws the frame and both axes over the tick ranges `x` and `y` (nice_ticks; pass the same
  /// `y` to panels that must be compared).
  plot(std::string_view id, plot_options o, axis_ticks x, axis_ticks y)
      : c_(id, o.width, o.height, o.title), o_(std::move(o)), xt_(std::move(x)), yt_(std::move(y)) {
    embargo::detail::require(xt_.hi > xt_.lo && yt_.hi > yt_.lo, "svg: an axis has an empty range (use nice_ticks)");
    b_ = {o_.left, o_.top, o_.width - o_.left - o_.right, o_.height - o_.top - o_.bottom};
    embargo::detail::require(b_.w > 10 && b_.h > 10, "svg: the chart is too small for its margins");
    xs_ = {xt_.lo, xt_.hi, b_.x, b_.x + b_.w};
    ys_ = {yt_.lo, yt_.hi, b_.y + b_.h, b_.y};
    draw_axes();
  }

  canvas& surface() noexcept { return c_; }
  const box& area() const noexcept { return b_; }
  const linear_scale& x() const noexcept { return xs_; }
  const linear_scale& y() const noexcept { return ys_; }
  const axis_ticks& x_ticks() const noexcept { return xt_; }
  const axis_ticks& y_ticks() const noexcept { return yt_; }

  /// A horizontal reference line at data value `v` (zero, a threshold), labelled at the right.
  void reference_line(double v, std::string_view label, const style& s) {
    if (!std::isfinite(v) || v < yt_.lo || v > yt_.hi) return;
    c_.line(b_.x, ys_(v), b_.x + b_.w, ys_(v), s);
    if (!label.empty()) c_.text(b_.x + b_.w - 2, ys_(v) - 3, label, anchor::end, 10, "fill=\"#333333\"");
  }

  std::string str() const { return c_.str(); }

 private:
  void draw_axes() {
    const style grid = stroked("#e0e0e0"), axis = stroked("#333333");
    c_.text(o_.width / 2, 17, o_.title, anchor::middle, 13, "font-weight=\"bold\"");
    auto xf = o_.x_format ? o_.x_format : tick_label;
    auto yf = o_.y_format ? o_.y_format : tick_label;
    for (double v : yt_.values) {
      const double py = ys_(v);
      if (o_.y_grid) c_.line(b_.x, py, b_.x + b_.w, py, grid);
      c_.line(b_.x - 4, py, b_.x, py, axis);
      c_.text(b_.x - 6, py + 4, yf(v, yt_.step), anchor::end);
    }
    for (double v : xt_.values) {
      const double px = xs_(v);
      c_.line(px, b_.y + b_.h, px, b_.y + b_.h + 4, axis);
      c_.text(px, b_.y + b_.h + 15, xf(v, xt_.step), anchor::middle);
    }
    c_.line(b_.x, b_.y, b_.x, b_.y + b_.h, axis);
    c_.line(b_.x, b_.y + b_.h, b_.x + b_.w, b_.y + b_.h, axis);
    if (!o_.x_label.empty()) c_.text(b_.x + b_.w / 2, o_.height - 6, o_.x_label, anchor::middle, 11, "fill=\"#333333\"");
    if (!o_.y_label.empty()) c_.vertical_text(13, b_.y + b_.h / 2, o_.y_label);
  }

  canvas c_;
  plot_options o_;
  axis_ticks xt_, yt_;
  box b_{};
  linear_scale xs_, ys_;
};

/// Ticks of a categorical axis: one per category at 0, 1, ..., n-1, the range padded by half a
/// slot on each side (bars, heatmap rows, folds).
inline axis_ticks category_ticks(std::size_t n) {
  embargo::detail::require(n > 0, "svg: a categorical axis needs at least one category");
  axis_ticks t;
  t.lo = -0.5, t.hi = static_cast<double>(n) - 0.5, t.step = 1;
  for (std::size_t i = 0; i < n; ++i) t.values.push_back(static_cast<double>(i));
  return t;
}

/// The tick format of a categorical axis: the name of category `round(v)`.
inline tick_format category_format(std::vector<std::string> names) {
  return [names = std::move(names)](double v, double) {
    const auto i = static_cast<std::ptrdiff_t>(std::lround(v));
    return i >= 0 && static_cast<std::size_t>(i) < names.size() ? names[static_cast<std::size_t>(i)] : std::string();
  };
}

}  // namespace embargo::svg

#endif
