// embargo: Σ max(x − θ, 0) and Σ max(θ − x, 0) with θ = risk_free + omega_threshold, the state of
// the Omega ratio (empyrical's layout: returns − risk_free − threshold). Mergeable by addition.
#ifndef EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP
#define EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/split_sums.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct threshold_sums {
  double above = 0;  ///< Σ max(x − θ, 0)
  double below = 0;  ///< Σ max(θ − x, 0)
  double n_above = 0, n_below = 0;  ///< their counts: a window without one side has exactly 0 there

  friend bool operator==(const threshold_sums&, const threshold_sums&) = default;

  static double theta(const metric_options& o) noexcept { return o.risk_free + o.omega_threshold; }

  void push(double x, const metric_options& o) noexcept {
    const double d = x - theta(o);
    above += std::max(d, 0.0);
    below += std::max(-d, 0.0);
    n_above += static_cast<double>(d > 0);
    n_below += static_cast<double>(d < 0);
  }
  void remove(double x, const metric_options& o) noexcept {
    const double d = x - theta(o);
    n_above -= static_cast<double>(d > 0);
    n_below -= static_cast<double>(d < 0);
    above = n_above > 0 ? std::max(0.0, above - std::max(d, 0.0)) : 0.0;
    below = n_below > 0 ? std::max(0.0, below - std::max(-d, 0.0)) : 0.0;
  }
  void merge(const threshold_sums& b) noexcept {
    above += b.above;
    below += b.below;
    n_above += b.n_above;
    n_below += b.n_below;
  }
  void push_block(std::span<const double> xs, const metric_options& o) noexcept {
    const auto r = detail::split_around(xs.data(), xs.size(), theta(o));
    above += r.above;
    below += r.below;
    n_above += r.n_above;
    n_below += r.n_below;
  }
};

}  // namespace embargo::detail

#endif
