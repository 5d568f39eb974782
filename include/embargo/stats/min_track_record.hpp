// embargo: minimum track record length (Bailey & López de Prado 2012, "The Sharpe Ratio
// Efficient Frontier", eq. 11): how many observations are needed before SR̂ > SR* is
// significant at a given confidence, given the skewness and kurtosis of the returns.
#ifndef EMBARGO_STATS_MIN_TRACK_RECORD_HPP
#define EMBARGO_STATS_MIN_TRACK_RECORD_HPP

#include <cmath>
#include <cstddef>
#include <limits>

#include <embargo/core/error.hpp>
#include <embargo/stats/normal.hpp>
#include <embargo/stats/psr.hpp>

namespace embargo {

struct min_track_record_options {
  double probability = 0.95;      ///< confidence level p, in (0, 1)
  double periods_per_year = 0.0;  ///< > 0: also report the length in years
};

struct min_track_record_result {
  double observations = std::numeric_limits<double>::quiet_NaN();  ///< MinTRL in periods (not rounded)
  double years = std::numeric_limits<double>::quiet_NaN();         ///< observations / periods_per_year
  bool defined = false;  ///< false when SR̂ <= SR* (no track record suffices) or the variance factor <= 0
};

/// MinTRL = 1 + (1 − γ3·SR̂ + (γ4 − 1)/4·SR̂²)·(Φ⁻¹(p) / (SR̂ − SR*))², per-period SR̂ and SR*,
/// raw kurtosis γ4. Undefined (NaN, defined = false) when SR̂ <= SR* or any input is NaN;
/// PerformanceAnalytics drops such columns. Throws invalid_argument for p outside (0, 1) or
/// kurtosis < 1 + skewness². A track of n observations is significant when n > MinTRL.
inline min_track_record_result min_track_record_length(double sharpe, double benchmark, double skewness,
                                                       double kurtosis, const min_track_record_options& opt = {}) {
  detail::require(opt.probability > 0.0 && opt.probability < 1.0, "min_track_record_length: probability must be in (0, 1)");
  detail::require(!(opt.periods_per_year < 0.0), "min_track_record_length: periods_per_year must be >= 0");
  min_track_record_result r;
  const double v = sharpe_variance_factor(sharpe, skewness, kurtosis);
  if (!(sharpe > benchmark) || std::isnan(v)) return r;
  const double q = normal_quantile(opt.probability) / (sharpe - benchmark);
  r.observations = 1.0 + v * q * q;
  r.defined = true;
  if (opt.periods_per_year > 0.0) r.years = r.observations / opt.periods_per_year;
  return r;
}

}  // namespace embargo

#endif
