// embargo: the sums on both sides of a threshold θ in one pass, Σ max(x − θ, 0), Σ max(θ − x, 0)
// and the counts strictly above and below: the kernel of the sign split (θ = 0: gains, losses)
// and of Omega's threshold sums. max(±d, 0) = (|d| ± d)/2 is exact and branch-free; a vector
// comparison is an all-ones lane mask, so subtracting it counts.
#ifndef EMBARGO_METRICS_IMPL_SPLIT_SUMS_HPP
#define EMBARGO_METRICS_IMPL_SPLIT_SUMS_HPP

#include <cmath>
#include <cstddef>

#include <embargo/metrics/impl/simd.hpp>

namespace embargo::detail {

struct split_sums {
  double above = 0, below = 0;      ///< Σ max(x − θ, 0), Σ max(θ − x, 0)
  double n_above = 0, n_below = 0;  ///< values strictly above, strictly below θ
};

inline split_sums split_around(const double* x, std::size_t len, double theta) noexcept {
  split_sums r;
  std::size_t i = 0;
#ifdef EMBARGO_METRICS_VECTOR
  {
    const vecd tv = splat(theta), zero = splat(0);
    vecd a0 = zero, a1 = a0, b0 = a0, b1 = a0;
    vecm p0 = zero < zero, p1 = p0, q0 = p0, q1 = p0;  // all lanes 0
    for (; i + 2 * vlanes <= len; i += 2 * vlanes) {
      const vecd d0 = loadv(x + i) - tv, d1 = loadv(x + i + vlanes) - tv;
      const vecd m0 = vabs(d0), m1 = vabs(d1);
      a0 += m0 + d0;
      a1 += m1 + d1;
      b0 += m0 - d0;
      b1 += m1 - d1;
      p0 -= d0 > zero;
      p1 -= d1 > zero;
      q0 -= d0 < zero;
      q1 -= d1 < zero;
    }
    r.above = 0.5 * hsum(a0 + a1);
    r.below = 0.5 * hsum(b0 + b1);
    r.n_above = static_cast<double>(hsum(p0 + p1));
    r.n_below = static_cast<double>(hsum(q0 + q1));
  }
#endif
  for (; i < len; ++i) {
    const double d = x[i] - theta, m = std::abs(d);
    r.above += 0.5 * (m + d);
    r.below += 0.5 * (m - d);
    r.n_above += static_cast<double>(d > 0);
    r.n_below += static_cast<double>(d < 0);
  }
  return r;
}

}  // namespace embargo::detail

#endif
