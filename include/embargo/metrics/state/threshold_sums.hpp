// embargo: Σ max(x − θ, 0) and Σ max(θ − x, 0) with θ = risk_free + omega_threshold, the state of
// the Omega ratio (empyrical's layout: returns − risk_free − threshold). Mergeable by addition.
#ifndef EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP
#define EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP

#include <algorithm>
#include <cstddef>
#include <span>

#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

struct threshold_sums {
  double above = 0;  ///< Σ max(x − θ, 0)
  double below = 0;  ///< Σ max(θ − x, 0)

  friend bool operator==(const threshold_sums&, const threshold_sums&) = default;

  static double theta(const metric_options& o) noexcept { return o.risk_free + o.omega_threshold; }

  void push(double x, const metric_options& o) noexcept {
    const double d = x - theta(o);
    above += std::max(d, 0.0);
    below += std::max(-d, 0.0);
  }
  void remove(double x, const metric_options& o) noexcept {
    const double d = x - theta(o);
    above -= std::max(d, 0.0);
    below -= std::max(-d, 0.0);
  }
  void merge(const threshold_sums& b) noexcept {
    above += b.above;
    below += b.below;
  }
  void push_block(std::span<const double> xs, const metric_options& o) noexcept {
    const double t = theta(o);
    double a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= xs.size(); i += 4)
      for (int k = 0; k < 4; ++k) {
        const double d = xs[i + k] - t;
        a[k] += std::max(d, 0.0);
        b[k] += std::max(-d, 0.0);
      }
    for (; i < xs.size(); ++i) {
      const double d = xs[i] - t;
      a[0] += std::max(d, 0.0);
      b[0] += std::max(-d, 0.0);
    }
    above += (a[0] + a[1]) + (a[2] + a[3]);
    below += (b[0] + b[1]) + (b[2] + b[3]);
  }
};

}  // namespace embargo::metrics::state

#endif
