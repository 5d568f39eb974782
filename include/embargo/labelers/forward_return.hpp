// embargo: fixed-horizon (forward return) labels with an execution latency, one horizon or a
// batch of horizons, and mlfinlab's fixed_time_horizon conventions (threshold, standardisation).
// Each label carries t0 (signal bar) and t1 (end of the return) so that it can be purged.
#ifndef EMBARGO_LABELERS_FORWARD_RETURN_HPP
#define EMBARGO_LABELERS_FORWARD_RETURN_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/price_checks.hpp>

namespace embargo {

struct forward_return_options {
  std::size_t horizon = 1;             ///< h >= 1 bars
  std::size_t latency = 0;             ///< L: the position is entered L bars after the signal
  double threshold = 0.0;              ///< >= 0: +1 if r > thr, -1 if r < -thr, else 0
  bool log_return = false;             ///< r = log(P1/P0) instead of P1/P0 - 1
  std::size_t standardize_window = 0;  ///< w >= 2: label z = (r - mean_w(r)) / std_w(r), see below
};

/// One fixed-horizon label: signal at t0, return from t0+L to t1 = t0+L+h.
struct forward_label {
  std::size_t t0 = 0;
  std::size_t t1 = 0;
  double ret = 0;  ///< the forward return (simple or log)
  double z = 0;    ///< the value compared with the threshold (ret, or its standardised value)
  int label = 0;
};

/// Fixed-horizon labels (spec §2.5; mlfinlab fixed_time_horizon with lag=True generalised).
///
/// For every bar t with t+L+h <= n-1: r_t = P[t+L+h]/P[t+L] - 1 (or the log), label +1 if
/// z_t > thr, -1 if z_t < -thr, 0 otherwise (boundaries go to 0, as mlfinlab). z_t = r_t, or with
/// standardize_window w: z_t = (r_t - mean(r_{t-w+1..t})) / std(r_{t-w+1..t}) (ddof 1), defined
/// from the w-th return on. Beware: that window contains forward returns, so z_t looks ahead up
/// to bar t+L+h, like mlfinlab's (kept for parity; the label's t1 already covers it).
/// Bars whose label is undefined (the last L+h, the first w-1 when standardising, or a zero
/// window std) are absent; the result is sorted by t0. Preconditions: h >= 1, thr finite >= 0,
/// w == 0 or w >= 2, prices finite and > 0.
inline std::vector<forward_label> fixed_horizon_labels(std::span<const double> close, forward_return_options opt = {}) {
  detail::require(opt.horizon >= 1, "fixed_horizon_labels: horizon must be >= 1 bar");
  detail::require(std::isfinite(opt.threshold) && opt.threshold >= 0.0,
                  "fixed_horizon_labels: threshold must be finite and >= 0, got " + std::to_string(opt.threshold));
  detail::require(opt.standardize_window == 0 || opt.standardize_window >= 2,
                  "fixed_horizon_labels: standardize_window must be 0 (off) or >= 2");
  detail::check_prices("fixed_horizon_labels", "close", close);
  std::vector<forward_label> out;
  const std::size_t lag = opt.latency + opt.horizon;
  if (close.size() <= lag) return out;
  const std::size_t m = close.size() - lag;
  std::vector<double> r(m);
  for (std::size_t t = 0; t < m; ++t) {
    const double p0 = close[t + opt.latency], p1 = close[t + lag];
    r[t] = opt.log_return ? std::log(p1 / p0) : p1 / p0 - 1.0;
  }
  const std::size_t w = opt.standardize_window;
  out.reserve(m);
  for (std::size_t t = (w ? w - 1 : 0); t < m; ++t) {
    double z = r[t];
    if (w) {
      double mean = 0.0;
      for (std::size_t i = t + 1 - w; i <= t; ++i) mean += r[i];
      mean /= static_cast<double>(w);
      double ss = 0.0;
      for (std::size_t i = t + 1 - w; i <= t; ++i) ss += (r[i] - mean) * (r[i] - mean);
      const double sd = std::sqrt(ss / static_cast<double>(w - 1));
      if (!(sd > 0.0)) continue;
      z = (r[t] - mean) / sd;
    }
    const int label = z > opt.threshold ? 1 : (z < -opt.threshold ? -1 : 0);
    out.push_back({t, t + lag, r[t], z, label});
  }
  return out;
}

/// fixed_horizon_labels for each horizon in `horizons` (other options shared), in that order.
inline std::vector<std::vector<forward_label>> fixed_horizon_labels_batch(std::span<const double> close,
                                                                          std::span<const std::size_t> horizons,
                                                                          forward_return_options opt = {}) {
  std::vector<std::vector<forward_label>> out;
  out.reserve(horizons.size());
  for (const std::size_t h : horizons) {
    opt.horizon = h;
    out.push_back(fixed_horizon_labels(close, opt));
  }
  return out;
}

/// fixed_horizon_labels as a labeler (core/concepts.hpp): every bar is labelled, then the labels
/// of the events' bars are kept in the order of `events` (every label when `events` is empty);
/// an event whose label is undefined (too close to the end, a zero window std) is absent.
struct fixed_horizon_labeler {
  forward_return_options options{};

  std::vector<forward_label> label(std::span<const double> close, std::span<const std::size_t> events) const {
    auto all = fixed_horizon_labels(close, options);
    if (events.empty()) return all;
    std::vector<forward_label> out;
    out.reserve(events.size());
    for (const std::size_t t : events) {
      const auto it = std::lower_bound(all.begin(), all.end(), t, [](const forward_label& l, std::size_t v) { return l.t0 < v; });
      if (it != all.end() && it->t0 == t) out.push_back(*it);
    }
    return out;
  }
};
static_assert(labeler<fixed_horizon_labeler>);

}  // namespace embargo

#endif
