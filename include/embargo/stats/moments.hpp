// embargo: the sample moments the Sharpe-ratio statistics need, from a span of returns.
// Population skewness and raw (non-excess) kurtosis as in Bailey & López de Prado (2012), and
// the ddof=1 Sharpe ratio of every anchor (empyrical, PerformanceAnalytics, mlfinlab, pypbo),
// from the metrics' mergeable moments<4> state (one implementation of the centred sums).
#ifndef EMBARGO_STATS_MOMENTS_HPP
#define EMBARGO_STATS_MOMENTS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include <embargo/metrics/state/moments.hpp>

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

/// The centred sums are metrics' moments<4> (metrics/state/moments.hpp: a two-pass block sum,
/// mean first with one correction term, then the centred powers), merged over the runs of finite
/// values between skipped entries; one run, one block. A standard deviation below 1e−13 of the
/// largest |x| counts as zero spread: then sharpe, skewness and kurtosis are NaN rather than
/// ±inf or noise (spec §1.5: gates must read it as "insufficient evidence").
inline return_moments compute_return_moments(std::span<const double> x) noexcept {
  return_moments r;
  detail::moments<4> m;
  double scale = 0.0;
  std::size_t run = 0;  // start of the current run of finite values
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(x[i])) {
      scale = std::max(scale, std::abs(x[i]));
      continue;
    }
    ++r.skipped;
    if (i > run) m.merge(detail::moments<4>::of_block(x.subspan(run, i - run)));
    run = i + 1;
  }
  if (x.size() > run) m.merge(detail::moments<4>::of_block(x.subspan(run)));
  r.n = x.size() - r.skipped;
  if (r.n == 0) return r;
  r.mean = m.mean;
  if (r.n < 2) return r;
  const double n = m.n;
  r.sd = std::sqrt(m.m2 / (n - 1.0));
  // A spread at rounding level of the data is no spread: ffn's tests show a "constant" series
  // giving Sharpe ≈ 4.6e15 through a two-pass std, which then deflates to DSR = 1.
  if (r.sd > 1e-13 * scale) {
    r.sharpe = m.mean / r.sd;
    r.skewness = std::sqrt(n) * m.m3 / std::pow(m.m2, 1.5);
    r.kurtosis = n * m.m4 / (m.m2 * m.m2);
  }
  return r;
}

}  // namespace embargo

#endif
