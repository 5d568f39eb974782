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
    const double t = theta(o), *x = xs.data();
    const std::size_t len = xs.size();
    double up = 0, down = 0, na = 0, nb = 0;
    std::size_t i = 0;
    // max(±d, 0) = (|d| ± d)/2: exact and branch-free.
#ifdef EMBARGO_METRICS_VECTOR
    {
      using impl::vecd;
      const vecd tv = impl::splat(t);
      const vecd zero = impl::splat(0);
      vecd a0 = zero, a1 = a0, b0 = a0, b1 = a0;
      impl::vecm p0 = zero < zero, p1 = p0, q0 = p0, q1 = p0;  // all lanes 0
      for (; i + 2 * impl::vlanes <= len; i += 2 * impl::vlanes) {
        const vecd d0 = impl::loadv(x + i) - tv, d1 = impl::loadv(x + i + impl::vlanes) - tv;
        const vecd m0 = impl::vabs(d0), m1 = impl::vabs(d1);
        a0 += m0 + d0;
        a1 += m1 + d1;
        b0 += m0 - d0;
        b1 += m1 - d1;
        p0 -= d0 > zero;
        p1 -= d1 > zero;
        q0 -= d0 < zero;
        q1 -= d1 < zero;
      }
      up = 0.5 * impl::hsum(a0 + a1);
      down = 0.5 * impl::hsum(b0 + b1);
      na = static_cast<double>(impl::hsum(p0 + p1));
      nb = static_cast<double>(impl::hsum(q0 + q1));
    }
#endif
    for (; i < len; ++i) {
      const double d = x[i] - t, m = std::abs(d);
      up += 0.5 * (m + d);
      down += 0.5 * (m - d);
      na += static_cast<double>(d > 0);
      nb += static_cast<double>(d < 0);
    }
    above += up;
    below += down;
    n_above += na;
    n_below += nb;
  }
};

}  // namespace embargo::metrics::state

#endif
