// embargo: n and Σ min(x − MAR, 0)², the state of the target downside deviation (spec §2.4: the
// mean is over ALL n observations, zeros included, and nothing is demeaned). Mergeable by
// addition, removable.
#ifndef EMBARGO_METRICS_STATE_DOWNSIDE_HPP
#define EMBARGO_METRICS_STATE_DOWNSIDE_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/sign_indicator.hpp>
#include <embargo/metrics/impl/simd.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct downside {
  double n = 0;
  double sum_sq = 0;  ///< Σ min(x − MAR, 0)², as added and removed: read it through sum_squares()
  double below = 0;   ///< observations strictly below MAR: when a window has none, the sum is exactly 0

  friend bool operator==(const downside&, const downside&) = default;

  void push(double x, const metric_options& o) noexcept {
    n += 1;
    add(share_of(x, o.required_return), 1.0);
  }
  void remove(double x, const metric_options& o) noexcept {
    n -= 1;
    add(share_of(x, o.required_return), -1.0);
  }
  /// remove(out) then push(in), n unchanged, as one update per sum.
  void slide(double out, double in, const metric_options& o) noexcept {
    add(share_of(in, o.required_return) - share_of(out, o.required_return), 1.0);
  }
  /// Σ min(x − MAR, 0)². Removal leaves rounding residue (1e−18 instead of 0 would turn a Sortino
  /// of +inf into 3e9), so the exact zero is restored from the count here, when read: a clamp in
  /// remove() sat on the rolling step's longest dependency chain.
  double sum_squares() const noexcept { return below > 0 ? std::max(0.0, sum_sq) : 0.0; }
  void merge(const downside& b) noexcept {
    n += b.n;
    sum_sq += b.sum_sq;
    below += b.below;
  }
  void push_block(std::span<const double> xs, const metric_options& o) noexcept {
    const double mar = o.required_return, *x = xs.data();
    const std::size_t len = xs.size();
    double s = 0, nb = 0;
    std::size_t i = 0;
    // min(e, 0) is written as (e − |e|)/2, exact and branch-free: with std::min GCC turns the
    // square into a branch on the sign, mispredicted half the time on returns.
#ifdef EMBARGO_METRICS_VECTOR
    {
      using detail::vecd;
      const vecd m = detail::splat(mar);
      const vecd zero = detail::splat(0);
      vecd s0 = zero, s1 = s0;
      detail::vecm c0 = zero < zero, c1 = c0;  // all lanes 0
      for (; i + 2 * detail::vlanes <= len; i += 2 * detail::vlanes) {
        const vecd e0 = detail::loadv(x + i) - m, e1 = detail::loadv(x + i + detail::vlanes) - m;
        const vecd d0 = 0.5 * (e0 - detail::vabs(e0)), d1 = 0.5 * (e1 - detail::vabs(e1));
        s0 += d0 * d0;
        s1 += d1 * d1;
        c0 -= e0 < zero;  // a true comparison is −1 in every bit
        c1 -= e1 < zero;
      }
      s = detail::hsum(s0 + s1);
      nb = static_cast<double>(detail::hsum(c0 + c1));
    }
#endif
    for (; i < len; ++i) {
      const share v = share_of(x[i], mar);
      s += v.square;
      nb += v.below;
    }
    n += static_cast<double>(len);
    sum_sq += s;
    below += nb;
  }

 private:
  // One value's share of the sums: min(e, 0)² and whether e < 0, for e = x − MAR. min(e, 0) is
  // (e − |e|)/2, exact and branch-free (a branch on the sign mispredicts half the time).
  struct share {
    double square, below;
    friend share operator-(const share& a, const share& b) noexcept { return {a.square - b.square, a.below - b.below}; }
  };
  static share share_of(double x, double mar) noexcept {
    const double e = x - mar, d = 0.5 * (e - std::abs(e));
    return {d * d, detail::below_zero(e)};
  }
  void add(const share& v, double sign) noexcept {
    sum_sq += sign * v.square;
    below += sign * v.below;
  }
};

}  // namespace embargo::detail

#endif
