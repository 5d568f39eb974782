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

#include <embargo/metrics/impl/simd.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::detail {

/// n, mean and the centred sums M2 (Order 2) or M2..M4 (Order 4).
template <int Order>
struct moments {
  static_assert(Order == 2 || Order == 4, "moments<2> (variance) or moments<4> (skewness, kurtosis)");
  double n = 0, mean = 0, m2 = 0, m3 = 0, m4 = 0;

  friend bool operator==(const moments&, const moments&) = default;

  void push(double x, const metric_options& = {}) noexcept {
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
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept { merge(of_block(xs)); }

  /// Two passes over a block that sits in L1: the mean (with one correction term that removes
  /// the rounding of sum / n), then the centred powers, two lanes at a time.
  static moments of_block(std::span<const double> xs) noexcept {
    moments r;
    const std::size_t len = xs.size();
    if (len == 0) return r;
    const double* x = xs.data();
    r.n = static_cast<double>(len);
    const double mean = block_sum(x, len) / r.n;
    double p1 = 0, p2 = 0, p3 = 0, p4 = 0;  // Σd, Σd², Σd³, Σd⁴ about `mean`
    std::size_t i = 0;
#ifdef EMBARGO_METRICS_VECTOR
    {
      using detail::vecd;
      const vecd m = detail::splat(mean), zero = detail::splat(0);
      vecd c0 = zero, c1 = zero, q0 = zero, q1 = zero, t0 = zero, t1 = zero, f0 = zero, f1 = zero;
      for (; i + 2 * detail::vlanes <= len; i += 2 * detail::vlanes) {
        const vecd d0 = detail::loadv(x + i) - m, d1 = detail::loadv(x + i + detail::vlanes) - m;
        const vecd e0 = d0 * d0, e1 = d1 * d1;
        c0 += d0;
        c1 += d1;
        q0 += e0;
        q1 += e1;
        if constexpr (Order == 4) {
          t0 += e0 * d0;
          t1 += e1 * d1;
          f0 += e0 * e0;
          f1 += e1 * e1;
        }
      }
      p1 = detail::hsum(c0 + c1);
      p2 = detail::hsum(q0 + q1);
      p3 = detail::hsum(t0 + t1);
      p4 = detail::hsum(f0 + f1);
    }
#endif
    for (; i < len; ++i) {
      const double d = x[i] - mean, d2 = d * d;
      p1 += d;
      p2 += d2;
      if constexpr (Order == 4) {
        p3 += d2 * d;
        p4 += d2 * d2;
      }
    }
    const double corr = p1 / r.n;  // Σ(x − mean)/n: the rounding of sum / n, removed
    r.mean = mean + corr;
    // Re-centre the sums on the corrected mean (Σd = n·corr exactly in real arithmetic).
    r.m2 = std::max(0.0, p2 - r.n * corr * corr);
    if constexpr (Order == 4) {
      const double c2 = corr * corr;
      r.m3 = p3 - 3 * corr * p2 + 2 * r.n * c2 * corr;
      r.m4 = p4 - 4 * corr * p3 + 6 * c2 * p2 - 3 * r.n * c2 * c2;
    }
    return r;
  }

  /// Σx in a fixed lane order (deterministic, vectorised where the compiler allows).
  static double block_sum(const double* x, std::size_t len) noexcept {
    double s = 0;
    std::size_t i = 0;
#ifdef EMBARGO_METRICS_VECTOR
    detail::vecd s0 = detail::splat(0), s1 = s0;
    for (; i + 2 * detail::vlanes <= len; i += 2 * detail::vlanes) {
      s0 += detail::loadv(x + i);
      s1 += detail::loadv(x + i + detail::vlanes);
    }
    s = detail::hsum(s0 + s1);
#endif
    for (; i < len; ++i) s += x[i];
    return s;
  }

  double variance(double ddof = 1) const noexcept {
    return n > ddof ? m2 / (n - ddof) : std::numeric_limits<double>::quiet_NaN();
  }
  /// A standard deviation at the rounding level of the mean is no spread (spec §1.5: a two-pass
  /// "constant" series gave Sharpe 4.6e15 in ffn's tests). A real spread around a mean near 0
  /// is never below 1e-13·|mean|, and an exactly constant 0 has M2 = 0.
  /// (Squared, so that a rolling window pays no square root for it.)
  bool negligible_spread() const noexcept { return !(m2 > 1e-26 * mean * mean * n); }
};

/// The rolling-window form of moments<2>: sums of x − c about a centre c that the window resets
/// to its mean every `window` steps. Push and remove are three additions, no division (reverse
/// Welford needs two per step, on the critical path), and with c near the mean Σd² − (Σd)²/n
/// loses nothing to cancellation.
struct shifted_moments {
  double centre = 0, n = 0, s1 = 0, s2 = 0;
  double inv_n = 0;  ///< 1/n, divided only when n changes: a full window's step divides nothing

  void push(double x) noexcept {
    const double d = x - centre;
    n += 1;
    inv_n = 1.0 / n;
    s1 += d;
    s2 += d * d;
  }
  void remove(double x) noexcept {
    const double d = x - centre;
    n -= 1;
    inv_n = n > 0 ? 1.0 / n : 0.0;
    s1 -= d;
    s2 -= d * d;
  }
  /// remove(out) then push(in), n unchanged: one addition per sum on the step's chain.
  void slide(double out, double in) noexcept {
    const double a = in - centre, b = out - centre;
    s1 += a - b;
    s2 += a * a - b * b;
  }
  /// Starts over on `values` (the window), centred on their mean.
  template <class Values>
  void reset(const Values& values) noexcept {
    double sum = 0, count = 0;
    for (double v : values) sum += v, count += 1;
    *this = shifted_moments{count > 0 ? sum / count : 0.0, 0, 0, 0, 0};
    for (double v : values) push(v);
  }
  void materialize(moments<2>& m) const noexcept {
    // m3 and m4 of a moments<2> stay 0: only the three fields it has are written.
    if (n <= 0) {
      m.n = m.mean = m.m2 = 0;
      return;
    }
    // The divider is the bottleneck of a rolling step's extraction (Sharpe, Sortino and profit
    // factor divide too), so the mean's shift multiplies by the kept 1/n.
    const double shift = s1 * inv_n;
    m.n = n;
    m.mean = centre + shift;
    m.m2 = std::max(0.0, s2 - s1 * shift);
  }
};

}  // namespace embargo::detail

#endif
