// embargo: Bollinger bands, %B and band width with R TTR's BBands conventions.
// The band uses the population standard deviation of the window (TTR's runSD(sample=FALSE)),
// not the sample one; width is (up - dn) / mavg, Bollinger's BandWidth.
#ifndef EMBARGO_FEATURES_BOLLINGER_HPP
#define EMBARGO_FEATURES_BOLLINGER_HPP

#include <cmath>
#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

struct bollinger_options {
  std::size_t n = 20;  ///< window
  double k = 2.0;      ///< band half-width in standard deviations
};

struct bollinger_result {
  std::vector<double> dn, mavg, up, pctb, width;
};

/// mavg = SMA(x, n); sd_t = sqrt((1/n) Σ (x_i - mavg_t)²) over the window; up/dn = mavg ± k sd;
/// %B = (x - dn) / (up - dn); width = (up - dn) / mavg. NaN for t < n - 1 (TTR::BBands);
/// %B is NaN when the window is flat (0/0, as TTR). Preconditions: n >= 1, k >= 0,
/// values finite and > 0.
inline bollinger_result bollinger(std::span<const double> x, bollinger_options opt = {}) {
  detail::check_window("bollinger", "n", opt.n);
  detail::require(std::isfinite(opt.k) && opt.k >= 0.0, "bollinger: k must be finite and >= 0");
  detail::check_prices("bollinger", "x", x);
  const std::size_t m = x.size();
  bollinger_result r{std::vector<double>(m, detail::feature_nan), std::vector<double>(m, detail::feature_nan),
                     std::vector<double>(m, detail::feature_nan), std::vector<double>(m, detail::feature_nan),
                     std::vector<double>(m, detail::feature_nan)};
  const double n = static_cast<double>(opt.n);
  for (std::size_t t = opt.n - 1; t < m; ++t) {
    double s = 0.0;
    for (std::size_t i = t + 1 - opt.n; i <= t; ++i) s += x[i];
    const double mu = s / n;
    double ss = 0.0;  // two-pass: no cancellation for prices far from zero
    for (std::size_t i = t + 1 - opt.n; i <= t; ++i) ss += (x[i] - mu) * (x[i] - mu);
    const double sd = std::sqrt(ss / n);
    r.mavg[t] = mu;
    r.up[t] = mu + opt.k * sd;
    r.dn[t] = mu - opt.k * sd;
    r.pctb[t] = (x[t] - r.dn[t]) / (r.up[t] - r.dn[t]);
    r.width[t] = (r.up[t] - r.dn[t]) / mu;
  }
  return r;
}

}  // namespace embargo

#endif
