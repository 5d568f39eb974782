// embargo: axis scales of the SVG plotting module: "nice" ticks (1, 2, 2.5, 5 x 10^k) that cover
// the data, the linear map from data to pixels, and the finite range of several series, so that
// panels meant to be compared can share one scale (the old fitness chart scaled each panel alone).
#ifndef EMBARGO_REPORT_SVG_SCALE_HPP
#define EMBARGO_REPORT_SVG_SCALE_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo::svg {

/// Tick positions: `values` run from `lo` to `hi` in steps of `step`, and [lo, hi] covers the
/// data range asked for.
struct axis_ticks {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> values;
};

/// Ticks covering [lo, hi] with about `target` intervals, each step 1, 2, 2.5 or 5 times a power
/// of ten (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990). A single value gets a
/// range around it. Throws invalid_argument for a non-finite bound or lo > hi: a chart of NaN
/// is a caller's bug, not something to draw.
inline axis_ticks nice_ticks(double lo, double hi, std::size_t target = 5) {
  embargo::detail::require(std::isfinite(lo) && std::isfinite(hi), "svg: the axis range is not finite");
  embargo::detail::require(lo <= hi, "svg: the axis range is empty (lo > hi)");
  target = std::max<std::size_t>(target, 1);
  if (lo == hi) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.1;
    lo -= pad, hi += pad;
  }
  const double raw = (hi - lo) / static_cast<double>(target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0})
    if (m * mag >= raw * (1 - 1e-9)) {
      step = m * mag;
      break;
    }
  // Integer multiples of the step, so ticks do not drift (0.1 + 0.2 ...) and zero is exactly 0.
  const double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
  axis_ticks t;
  t.step = step;
  t.lo = first * step;
  t.hi = std::max(last, first + 1) * step;
  for (double k = first; k <= std::max(last, first + 1) + 0.5; k += 1) t.values.push_back(k == 0 ? 0.0 : k * step);
  return t;
}

/// A tick's label with as many decimals as the step needs (0.25 steps: two; 20 steps: none).
inline std::string tick_label(double v, double step) {
  int decimals = 0;
  while (decimals < 10 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6 * step * std::pow(10.0, decimals))
    ++decimals;
  if (std::fabs(v) < step * 1e-9) v = 0;
  char b[48];
  if (std::fabs(v) >= 1e6 || (v != 0 && std::fabs(v) < 1e-4 && decimals > 6)) std::snprintf(b, sizeof b, "%.3g", v);
  else std::snprintf(b, sizeof b, "%.*f", decimals, v);
  std::string out = b;
  // A value that rounds to zero is "0.0", not "-0.0".
  if (out[0] == '-' && out.find_first_not_of("0.", 1) == std::string::npos) out.erase(0, 1);
  return out;
}

/// The affine map of [d0, d1] onto [r0, r1] (r0 > r1 for a y axis, whose pixels grow downwards).
struct linear_scale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

/// The smallest and largest finite values over every series; nullopt when none has one (all
/// empty or all NaN: the chart says so instead of inventing an axis).
struct value_range {
  double lo, hi;
};
inline std::optional<value_range> finite_range(std::initializer_list<std::span<const double>> series) {
  std::optional<value_range> r;
  for (auto s : series)
    for (double v : s)
      if (std::isfinite(v)) r = r ? value_range{std::min(r->lo, v), std::max(r->hi, v)} : value_range{v, v};
  return r;
}
inline std::optional<value_range> finite_range(const std::vector<std::vector<double>>& series) {
  std::optional<value_range> r;
  for (const auto& s : series)
    if (auto x = finite_range({std::span<const double>(s)}))
      r = r ? value_range{std::min(r->lo, x->lo), std::max(r->hi, x->hi)} : x;
  return r;
}

}  // namespace embargo::svg

#endif
