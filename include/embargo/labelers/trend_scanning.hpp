// embargo: trend-scanning labels (López de Prado, Machine Learning for Asset Managers, §5.4;
// mlfinlab trend_scanning_labels): the sign of the most significant OLS trend among look-forward
// windows, with its t-value, end bar t1 and return.
#ifndef EMBARGO_LABELERS_TREND_SCANNING_HPP
#define EMBARGO_LABELERS_TREND_SCANNING_HPP

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>

namespace embargo {

struct trend_scanning_options {
  std::size_t min_window = 5;     ///< shortest window l, >= 3 (two parameters need l - 2 > 0)
  std::size_t max_window = 20;    ///< L, the look-forward window, >= min_window
  std::size_t step = 1;           ///< window length step, >= 1
  bool include_max = true;        ///< [REC] try l = L; false = mlfinlab (range(min, L) never tries L)
  double t_cap = std::numeric_limits<double>::infinity();  ///< |t| is capped here (a perfect line has |t| = inf)
  double min_abs_t = 0.0;         ///< |t| below this gives label 0
};

struct trend_label {
  std::size_t t0 = 0;
  std::size_t t1 = 0;  ///< last bar of the chosen window
  double t_value = 0;  ///< signed t-value of the slope (NaN if no window had one)
  double ret = 0;      ///< P[t1]/P[t0] - 1
  int label = 0;       ///< sign of t_value (0 if |t| < min_abs_t)
};

/// Trend scanning. For each event t with at least L bars from t onward (t + L - 1 <= n - 1), for
/// each window length l = min_window, min_window + step, ... (< L, or <= L with include_max):
/// OLS of P[t..t+l-1] on [1, 0..l-1]; t = b1 / sqrt(s2 / Sxx) with s2 = SSE / (l - 2) and Sxx =
/// Σ(x - x̄)². The window with the largest |t| wins (first on ties). Events without L bars ahead
/// are absent; `events` empty = every bar. Preconditions: prices finite; events < n.
inline std::vector<trend_label> trend_scanning_labels(std::span<const double> price, std::span<const std::size_t> events = {},
                                                      trend_scanning_options opt = {}) {
  detail::require(opt.min_window >= 3, "trend_scanning_labels: min_window must be >= 3");
  detail::require(opt.max_window >= opt.min_window, "trend_scanning_labels: max_window must be >= min_window");
  detail::require(opt.step >= 1, "trend_scanning_labels: step must be >= 1");
  detail::require(opt.t_cap > 0.0 && opt.min_abs_t >= 0.0, "trend_scanning_labels: t_cap must be > 0 and min_abs_t >= 0");
  const std::size_t n = price.size();
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(price[i]))
      throw data_error("trend_scanning_labels: price[" + std::to_string(i) + "] is not finite");
  for (std::size_t k = 0; k < events.size(); ++k)
    if (events[k] >= n)
      throw data_error("trend_scanning_labels: event " + std::to_string(k) + " at bar " + std::to_string(events[k]) +
                       " is outside the series of " + std::to_string(n) + " bars");
  const std::size_t L = opt.max_window;
  const std::size_t n_events = events.empty() ? n : events.size();
  std::vector<trend_label> out;
  for (std::size_t k = 0; k < n_events; ++k) {
    const std::size_t t = events.empty() ? k : events[k];
    if (t + L > n) continue;
    trend_label best{t, t, std::numeric_limits<double>::quiet_NaN(), 0.0, 0};
    for (std::size_t l = opt.min_window; l < L || (opt.include_max && l == L); l += opt.step) {
      const double m = static_cast<double>(l), xbar = (m - 1.0) / 2.0;
      double ybar = 0.0;
      for (std::size_t i = 0; i < l; ++i) ybar += price[t + i];
      ybar /= m;
      double sxx = 0.0, sxy = 0.0;
      for (std::size_t i = 0; i < l; ++i) {
        const double dx = static_cast<double>(i) - xbar;
        sxx += dx * dx;
        sxy += dx * (price[t + i] - ybar);
      }
      const double b1 = sxy / sxx, b0 = ybar - b1 * xbar;
      double sse = 0.0;
      for (std::size_t i = 0; i < l; ++i) {
        const double e = price[t + i] - b0 - b1 * static_cast<double>(i);
        sse += e * e;
      }
      double tv = b1 / std::sqrt(sse / (m - 2.0) / sxx);
      if (std::isnan(tv)) continue;
      if (std::fabs(tv) > opt.t_cap) tv = std::copysign(opt.t_cap, tv);
      if (std::isnan(best.t_value) || std::fabs(tv) > std::fabs(best.t_value)) {
        best.t_value = tv;
        best.t1 = t + l - 1;
      }
    }
    best.ret = price[best.t1] / price[t] - 1.0;
    if (!std::isnan(best.t_value) && std::fabs(best.t_value) >= opt.min_abs_t)
      best.label = (best.t_value > 0.0) - (best.t_value < 0.0);
    out.push_back(best);
  }
  return out;
}

/// trend_scanning_labels as a labeler (core/concepts.hpp).
struct trend_scanning_labeler {
  trend_scanning_options options{};

  std::vector<trend_label> label(std::span<const double> price, std::span<const std::size_t> events) const {
    return trend_scanning_labels(price, events, options);
  }
};
static_assert(labeler<trend_scanning_labeler>);

}  // namespace embargo

#endif
