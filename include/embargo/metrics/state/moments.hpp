// embargo: central moments as a mergeable state (spec-metrics-stats §4.2). Welford/Terriberry for
// one value, Chan/Pébay for a merge, and for a block a two-pass sum in L1 followed by one merge:
// no Σx² − (Σx)²/n anywhere (values near 1e9 give variance −170 that way instead of 30).
#ifndef EMBARGO_METRICS_STATE_MOMENTS_HPP
#define EMBARGO_METRICS_STATE_MOMENTS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

/// n, mean and the centred sums M2 (Order 2) or M2..M4 (Order 4), plus max |x| so that a spread
/// at the rounding level of the data can be told from a real one.
template <int Order>
struct moments {
  static_assert(Order == 2 || Order == 4, "moments<2> (variance) or moments<4> (skewness, kurtosis)");
  double n = 0, mean = 0, m2 = 0, m3 = 0, m4 = 0, max_abs = 0;

  friend bool operator==(const moments&, const moments&) = default;

  void push(double x, const metric_options& = {}) noexcept {
    max_abs = std::max(max_abs, std::abs(x));
    const double n1 = n;
    n += 1;
    const double d = x - mean, dn = d / n, t = d * dn * n1;
    if constexpr (Order == 4) {  // the higher sums use the old lower ones: M4, then M3, then M2
      const double dn2 = dn * dn;
      m4 += t * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
      m3 += t * dn * (n - 2) - 3 * dn * m2;
    }
    mean += dn;
    m2 += t;
  }

  /// Forgets x, which must have been pushed (rolling windows). Reverse Welford: stable enough
  /// for a window that the caller rebuilds from scratch every `window` steps.
  void remove(double x, const metric_options& = {}) noexcept
    requires(Order == 2)
  {
    if (n <= 1) {
      *this = moments{};
      return;
    }
    const double n1 = n - 1;
    const double mean_without = mean - (x - mean) / n1;
    m2 = std::max(0.0, m2 - (x - mean_without) * (x - mean));
    mean = mean_without;
    n = n1;
  }

  void merge(const moments& b) noexcept {
    if (b.n == 0) return;
    if (n == 0) {
      *this = b;
      return;
    }
    const double na = n, nb = b.n, nn = na + nb, d = b.mean - mean;
    const double d_nn = d / nn;
    if constexpr (Order == 4) {
      const double d2 = d * d;
      m4 += b.m4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (nn * nn * nn) +
            6 * d2 * (na * na * b.m2 + nb * nb * m2) / (nn * nn) + 4 * d * (na * b.m3 - nb * m3) / nn;
      m3 += b.m3 + d2 * d * na * nb * (na - nb) / (nn * nn) + 3 * d * (na * b.m2 - nb * m2) / nn;
    }
    m2 += b.m2 + d * d_nn * na * nb;
    mean += d_nn * nb;
    n = nn;
    max_abs = std::max(max_abs, b.max_abs);
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept { merge(of_block(xs)); }

  /// Two passes over a block that sits in L1: the mean (with one correction term that removes
  /// the rounding of sum / n), then the centred powers. Four partial sums per quantity keep the
  /// loops vectorisable without -ffast-math.
  static moments of_block(std::span<const double> xs) noexcept {
    moments r;
    const std::size_t len = xs.size();
    if (len == 0) return r;
    const double* x = xs.data();
    double s[4] = {0, 0, 0, 0}, mx[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= len; i += 4)
      for (int k = 0; k < 4; ++k) {
        s[k] += x[i + k];
        mx[k] = std::max(mx[k], std::abs(x[i + k]));
      }
    for (; i < len; ++i) {
      s[0] += x[i];
      mx[0] = std::max(mx[0], std::abs(x[i]));
    }
    r.n = static_cast<double>(len);
    r.max_abs = std::max(std::max(mx[0], mx[1]), std::max(mx[2], mx[3]));
    const double mean = ((s[0] + s[1]) + (s[2] + s[3])) / r.n;
    double c[4] = {0, 0, 0, 0}, q2[4] = {0, 0, 0, 0}, q3[4] = {0, 0, 0, 0}, q4[4] = {0, 0, 0, 0};
    i = 0;
    for (; i + 4 <= len; i += 4)
      for (int k = 0; k < 4; ++k) {
        const double d = x[i + k] - mean, d2 = d * d;
        c[k] += d;
        q2[k] += d2;
        if constexpr (Order == 4) {
          q3[k] += d2 * d;
          q4[k] += d2 * d2;
        }
      }
    for (; i < len; ++i) {
      const double d = x[i] - mean, d2 = d * d;
      c[0] += d;
      q2[0] += d2;
      if constexpr (Order == 4) {
        q3[0] += d2 * d;
        q4[0] += d2 * d2;
      }
    }
    const double corr = ((c[0] + c[1]) + (c[2] + c[3])) / r.n;  // Σ(x − mean)/n: the mean's rounding
    r.mean = mean + corr;
    // Re-centre the sums on the corrected mean (Σd = n·corr exactly in real arithmetic).
    const double p2 = (q2[0] + q2[1]) + (q2[2] + q2[3]);
    r.m2 = std::max(0.0, p2 - r.n * corr * corr);
    if constexpr (Order == 4) {
      const double p3 = (q3[0] + q3[1]) + (q3[2] + q3[3]), p4 = (q4[0] + q4[1]) + (q4[2] + q4[3]);
      const double c2 = corr * corr;
      r.m3 = p3 - 3 * corr * p2 + 2 * r.n * c2 * corr;
      r.m4 = p4 - 4 * corr * p3 + 6 * c2 * p2 - 3 * r.n * c2 * c2;
    }
    return r;
  }

  double variance(double ddof = 1) const noexcept {
    return n > ddof ? m2 / (n - ddof) : std::numeric_limits<double>::quiet_NaN();
  }
  /// A standard deviation at the rounding level of the data is no spread (spec §1.5: a
  /// two-pass "constant" series gave Sharpe 4.6e15 in ffn's tests).
  bool negligible_spread() const noexcept { return !(std::sqrt(m2 / n) > 1e-13 * max_abs); }
};

}  // namespace embargo::metrics::state

#endif
