// embargo: gross gains, gross losses and the counts of positive, negative and zero returns, the
// state behind profit factor, win rate and average win/loss. Sums: mergeable by addition and
// removable (rolling windows).
#ifndef EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP
#define EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/simd.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

struct sign_split {
  double positive = 0, negative = 0, zero = 0;  ///< counts
  double gains = 0;                             ///< Σ max(x, 0)
  double losses = 0;                            ///< Σ max(−x, 0), a positive number

  friend bool operator==(const sign_split&, const sign_split&) = default;

  void push(double x, const metric_options& = {}) noexcept { add(x, 1.0); }
  /// Subtraction leaves rounding residue; a window without losses must have exactly 0 losses
  /// (profit factor +inf, not 5e16), so the sums are restored from the exact counts.
  void remove(double x, const metric_options& = {}) noexcept {
    add(x, -1.0);
    gains = positive > 0 ? std::max(gains, 0.0) : 0.0;
    losses = negative > 0 ? std::max(losses, 0.0) : 0.0;
  }

  void merge(const sign_split& b) noexcept {
    positive += b.positive;
    negative += b.negative;
    zero += b.zero;
    gains += b.gains;
    losses += b.losses;
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept {
    // max(±x, 0) = (|x| ± x)/2 is exact and branch-free; a comparison is an all-ones lane mask,
    // so subtracting it counts.
    const double* x = xs.data();
    const std::size_t len = xs.size();
    double g = 0, l = 0, np = 0, nq = 0;
    std::size_t i = 0;
#ifdef EMBARGO_METRICS_VECTOR
    {
      using impl::vecd;
      const vecd zero = impl::splat(0);
      vecd a0 = zero, a1 = zero, b0 = zero, b1 = zero;
      impl::vecm p0 = zero < zero, p1 = p0, q0 = p0, q1 = p0;  // all lanes 0
      for (; i + 2 * impl::vlanes <= len; i += 2 * impl::vlanes) {
        const vecd x0 = impl::loadv(x + i), x1 = impl::loadv(x + i + impl::vlanes);
        const vecd m0 = impl::vabs(x0), m1 = impl::vabs(x1);
        a0 += m0 + x0;
        a1 += m1 + x1;
        b0 += m0 - x0;
        b1 += m1 - x1;
        p0 -= x0 > zero;
        p1 -= x1 > zero;
        q0 -= x0 < zero;
        q1 -= x1 < zero;
      }
      g = 0.5 * impl::hsum(a0 + a1);
      l = 0.5 * impl::hsum(b0 + b1);
      np = static_cast<double>(impl::hsum(p0 + p1));
      nq = static_cast<double>(impl::hsum(q0 + q1));
    }
#endif
    for (; i < len; ++i) {
      const double m = std::abs(x[i]);
      g += 0.5 * (m + x[i]);
      l += 0.5 * (m - x[i]);
      np += x[i] > 0.0 ? 1.0 : 0.0;
      nq += x[i] < 0.0 ? 1.0 : 0.0;
    }
    positive += np;
    negative += nq;
    zero += static_cast<double>(len) - np - nq;
    gains += g;
    losses += l;
  }

 private:
  // Branch-free: the sign of a return is a coin flip, so branches would mispredict half the time
  // in rolling windows (one push and one remove per step).
  void add(double x, double sign) noexcept {
    const double m = std::abs(x);
    const double up = static_cast<double>(x > 0), down = static_cast<double>(x < 0);
    positive += sign * up;
    negative += sign * down;
    zero += sign * (1.0 - up - down);
    gains += sign * 0.5 * (m + x);
    losses += sign * 0.5 * (m - x);
  }
};

}  // namespace embargo::metrics::state

#endif
