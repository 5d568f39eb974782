// embargo: the least-squares fit of cumulative log wealth y_t = Σ_{s<=t} log(1 + r_s) on the
// period index t, the state of empyrical's stability_of_timeseries (R² of that fit). Bivariate
// Welford per value and Chan's merge: a later chunk's points are shifted by the earlier chunk's
// length in t and by its final log wealth in y, which moves only their means, so the merge is
// exact and O(1).
#ifndef EMBARGO_METRICS_STATE_WEALTH_TREND_HPP
#define EMBARGO_METRICS_STATE_WEALTH_TREND_HPP

#include <cmath>

#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct wealth_trend {
  double n = 0;
  double log_wealth = 0;      ///< y of the last point (relative to the chunk's start)
  double mean_t = 0, mean_y = 0;
  double ctt = 0, cyy = 0, cty = 0;  ///< centred sums of squares and products
  bool invalid = false;              ///< a return at or below −100 %: log wealth undefined

  friend bool operator==(const wealth_trend&, const wealth_trend&) = default;

  void push(double x, const metric_options& = {}) noexcept {
    if (!(x > -1.0)) {
      invalid = true;
      return;
    }
    log_wealth += std::log1p(x);
    const double t = n, y = log_wealth;  // t = 0, 1, 2, ... as numpy.arange
    n += 1;
    const double dt = t - mean_t, dy = y - mean_y;
    mean_t += dt / n;
    mean_y += dy / n;
    ctt += dt * (t - mean_t);
    cyy += dy * (y - mean_y);
    cty += dt * (y - mean_y);
  }

  void merge(const wealth_trend& b) noexcept {
    invalid = invalid || b.invalid;
    if (b.n == 0) return;
    const double bt = b.mean_t + n, by = b.mean_y + log_wealth;  // b's points moved after ours
    if (n == 0) {
      *this = b;
      return;
    }
    const double nn = n + b.n, dt = bt - mean_t, dy = by - mean_y, f = n * b.n / nn;
    ctt += b.ctt + dt * dt * f;
    cyy += b.cyy + dy * dy * f;
    cty += b.cty + dt * dy * f;
    mean_t += dt * b.n / nn;
    mean_y += dy * b.n / nn;
    log_wealth += b.log_wealth;
    n = nn;
  }

  /// R² of the fit; NaN below 2 points or for a flat wealth path.
  double r_squared() const noexcept {
    if (n < 2 || invalid || !(ctt > 0 && cyy > 0)) return NAN;
    return cty * cty / (ctt * cyy);
  }
};

}  // namespace embargo::detail

#endif
