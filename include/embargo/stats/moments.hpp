// embargo: the sample moments the Sharpe-ratio statistics need, from a span of returns.
// Population skewness and raw (non-excess) kurtosis as in Bailey & López de Prado (2012), and
// the ddof=1 Sharpe ratio of every anchor (empyrical, PerformanceAnalytics, mlfinlab, pypbo).
#ifndef EMBARGO_STATS_MOMENTS_HPP
#define EMBARGO_STATS_MOMENTS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace embargo {

/// Moments of the finite values of a return series. NaN policy: NaN entries are skipped (they
/// change neither n nor any moment), matching empyrical and PerformanceAnalytics; ±inf is
/// treated like NaN. Fields that need more observations than there are are NaN:
/// mean needs n >= 1, sd and sharpe n >= 2, skewness and kurtosis n >= 2 and a non-zero m2.
struct return_moments {
  std::size_t n = 0;       ///< finite observations used
  std::size_t skipped = 0; ///< non-finite entries skipped
  double mean = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();        ///< sample standard deviation (ddof 1)
  double sharpe = std::numeric_limits<double>::quiet_NaN();    ///< per-period mean / sd (NaN when sd == 0)
  double skewness = std::numeric_limits<double>::quiet_NaN();  ///< population g1 = m3 / m2^1.5
  double kurtosis = std::numeric_limits<double>::quiet_NaN();  ///< raw β2 = m4 / m2² (3 for a normal)
};

/// Two-pass moments (mean first, then centred sums). A standard deviation below 1e−13 of the
/// largest |x| counts as zero spread: then sharpe, skewness and kurtosis are NaN rather than
/// ±inf or noise (spec §1.5: gates must read it as "insufficient evidence").
inline return_moments compute_return_moments(std::span<const double> x) noexcept {
  return_moments r;
  double sum = 0.0, scale = 0.0;
  for (double v : x) {
    if (std::isfinite(v)) {
      ++r.n;
      sum += v;
      scale = std::max(scale, std::abs(v));
    } else {
      ++r.skipped;
    }
  }
  if (r.n == 0) return r;
  const double n = static_cast<double>(r.n);
  double mean = sum / n;
  double corr = 0.0;  // one correction pass: the mean of the residuals removes the rounding of sum / n
  for (double v : x)
    if (std::isfinite(v)) corr += v - mean;
  mean += corr / n;
  r.mean = mean;
  if (r.n < 2) return r;
  double m2 = 0.0, m3 = 0.0, m4 = 0.0;
  for (double v : x) {
    if (!std::isfinite(v)) continue;
    const double d = v - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  r.sd = std::sqrt(m2 / (n - 1.0));
  // A spread at rounding level of the data is no spread: ffn's tests show a "constant" series
  // giving Sharpe ≈ 4.6e15 through a two-pass std, which then deflates to DSR = 1.
  if (r.sd > 1e-13 * scale) {
    r.sharpe = mean / r.sd;
    r.skewness = std::sqrt(n) * m3 / std::pow(m2, 1.5);
    r.kurtosis = n * m4 / (m2 * m2);
  }
  return r;
}

}  // namespace embargo

#endif
