// embargo: Σ max(x − θ, 0) and Σ max(θ − x, 0) with θ = risk_free + omega_threshold, the state of
// the Omega ratio (empyrical's layout: returns − risk_free − threshold). Mergeable by addition.
#ifndef EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP
#define EMBARGO_METRICS_STATE_THRESHOLD_SUMS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/simd.hpp>
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
    const double t = theta(o), *x = xs.data();
    const std::size_t len = xs.size();
    double up = 0, down = 0;
    std::size_t i = 0;
    // max(±d, 0) = (|d| ± d)/2: exact and branch-free.
#ifdef EMBARGO_METRICS_VECTOR
    {
      using impl::vecd;
      const vecd tv = impl::splat(t);
      vecd a0 = impl::splat(0), a1 = a0, b0 = a0, b1 = a0;
      for (; i + 2 * impl::vlanes <= len; i += 2 * impl::vlanes) {
        const vecd d0 = impl::loadv(x + i) - tv, d1 = impl::loadv(x + i + impl::vlanes) - tv;
        const vecd m0 = impl::vabs(d0), m1 = impl::vabs(d1);
        a0 += m0 + d0;
        a1 += m1 + d1;
        b0 += m0 - d0;
        b1 += m1 - d1;
      }
      up = 0.5 * impl::hsum(a0 + a1);
      down = 0.5 * impl::hsum(b0 + b1);
    }
#endif
    for (; i < len; ++i) {
      const double d = x[i] - t, m = std::abs(d);
      up += 0.5 * (m + d);
      down += 0.5 * (m - d);
    }
    above += up;
    below += down;
  }
};

}  // namespace embargo::metrics::state

#endif
