// embargo: standard error of the Sharpe ratio under non-normal returns, and the probabilistic
// Sharpe ratio (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient Frontier").
// Everything is per period: annualised Sharpe ratios must be divided by sqrt(ppy) first.
#ifndef EMBARGO_STATS_PSR_HPP
#define EMBARGO_STATS_PSR_HPP

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/normal.hpp>

namespace embargo {

namespace detail {
// Raw kurtosis is >= 1 + skewness² for every distribution (Pearson's inequality); a smaller value
// almost always means excess kurtosis was passed (pandas, scipy and quantstats report excess).
inline void require_moments(double skewness, double kurtosis) {
  if (std::isnan(skewness) || std::isnan(kurtosis)) return;  // NaN propagates to the result
  const double bound = 1.0 + skewness * skewness;
  require(std::isfinite(skewness) && std::isfinite(kurtosis) && kurtosis >= bound * (1.0 - 1e-9),
          "kurtosis " + std::to_string(kurtosis) + " is below 1 + skewness^2 = " + std::to_string(bound) +
              ": pass RAW kurtosis (3 for a normal), not excess kurtosis");
}
}  // namespace detail

/// Variance factor of the estimated per-period Sharpe ratio (Mertens 2002; Bailey & López de
/// Prado 2012, eq. 5): V = 1 − γ3·SR + (γ4 − 1)/4·SR², so that Var[SR̂] ≈ V / (n − 1).
/// γ4 is RAW kurtosis (3 for a normal, which gives Lo's 1 + SR²/2). Returns NaN when V <= 0
/// (extreme skewness; mlfinlab would produce a complex number) or when an input is NaN.
/// Throws invalid_argument when kurtosis < 1 + skewness² (impossible for raw kurtosis).
inline double sharpe_variance_factor(double sharpe, double skewness, double kurtosis) {
  detail::require_moments(skewness, kurtosis);
  const double v = 1.0 - skewness * sharpe + 0.25 * (kurtosis - 1.0) * sharpe * sharpe;
  return v > 0.0 ? v : std::numeric_limits<double>::quiet_NaN();
}

/// Standard error of the per-period Sharpe ratio: sqrt(V / (n − 1)), V as above. NaN for n < 2.
inline double sharpe_standard_error(double sharpe, std::size_t n, double skewness = 0.0, double kurtosis = 3.0) {
  const double v = sharpe_variance_factor(sharpe, skewness, kurtosis);
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(v / static_cast<double>(n - 1));
}

/// PSR and the quantities it was computed from.
struct psr_result {
  double psr = std::numeric_limits<double>::quiet_NaN();        ///< P[true SR > benchmark]
  double z = std::numeric_limits<double>::quiet_NaN();          ///< (SR − SR*) / standard_error
  double sharpe = std::numeric_limits<double>::quiet_NaN();     ///< per-period SR̂
  double benchmark = 0.0;                                       ///< per-period SR*
  double standard_error = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  double skewness = std::numeric_limits<double>::quiet_NaN();
  double kurtosis = std::numeric_limits<double>::quiet_NaN();   ///< raw
};

/// Probabilistic Sharpe ratio (Bailey & López de Prado 2012, eq. 7):
///   PSR(SR*) = Φ( (SR̂ − SR*)·sqrt(n − 1) / sqrt(1 − γ3·SR̂ + (γ4 − 1)/4·SR̂²) ).
/// The denominator uses the ESTIMATED SR̂, not SR*. All inputs per period; kurtosis raw.
/// Unlike PerformanceAnalytics, kurtosis is never ignored and SR* > SR̂ is allowed (PSR < ½).
/// NaN when n < 2, any input is NaN, or the variance factor is <= 0.
inline psr_result probabilistic_sharpe_ratio(double sharpe, std::size_t n, double skewness, double kurtosis,
                                             double benchmark = 0.0) {
  psr_result r;
  r.sharpe = sharpe;
  r.benchmark = benchmark;
  r.n = n;
  r.skewness = skewness;
  r.kurtosis = kurtosis;
  r.standard_error = sharpe_standard_error(sharpe, n, skewness, kurtosis);
  if (!std::isnan(r.standard_error) && !std::isnan(benchmark)) {
    r.z = (sharpe - benchmark) / r.standard_error;
    r.psr = normal_cdf(r.z);
  }
  return r;
}

/// PSR from a return series (excess returns: subtract the per-period risk-free rate first, so
/// that SR and PSR describe the same quantity). SR̂ uses the ddof=1 standard deviation, γ3 the
/// population skewness and γ4 the population raw kurtosis (spec §2.11); NaN entries are skipped.
/// NaN result for fewer than 2 finite values or a zero-spread series.
inline psr_result probabilistic_sharpe_ratio(std::span<const double> returns, double benchmark = 0.0) {
  const auto m = compute_return_moments(returns);
  if (std::isnan(m.sharpe)) {
    psr_result r;
    r.n = m.n;
    r.benchmark = benchmark;
    return r;
  }
  return probabilistic_sharpe_ratio(m.sharpe, m.n, m.skewness, m.kurtosis, benchmark);
}

}  // namespace embargo

#endif
