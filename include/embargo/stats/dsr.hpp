// embargo: expected maximum Sharpe ratio of N trials and the deflated Sharpe ratio
// (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
// Backtest Overfitting and Non-Normality", J. Portfolio Management 40(5)).
#ifndef EMBARGO_STATS_DSR_HPP
#define EMBARGO_STATS_DSR_HPP

#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/normal.hpp>
#include <embargo/stats/psr.hpp>

namespace embargo {

/// Expected maximum of N iid draws from N(mean, sd²), by the extreme-value approximation of
/// Bailey & López de Prado (2014, eq. 6):
///   E[max_N] ≈ mean + sd·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))),  γ = Euler–Mascheroni.
/// N may be fractional (an effective number of independent trials). N == 1 gives `mean` (no
/// selection, as ffn does); throws invalid_argument for N < 1, NaN N or sd < 0.
inline double expected_max_sharpe(double n_trials, double sd = 1.0, double mean = 0.0) {
  detail::require(n_trials >= 1.0, "expected_max_sharpe: the number of trials must be >= 1, got " +
                                       std::to_string(n_trials));
  detail::require(!(sd < 0.0), "expected_max_sharpe: sd must be >= 0");
  if (n_trials == 1.0) return mean;
  constexpr double g = std::numbers::egamma;
  const double z = (1.0 - g) * normal_quantile(1.0 - 1.0 / n_trials) +
                   g * normal_quantile(1.0 - 1.0 / (n_trials * std::numbers::e));
  return mean + sd * z;
}

/// Knobs of deflated_sharpe_ratio when the trial Sharpe ratios are given as a list.
struct dsr_options {
  /// Delta degrees of freedom of the trials' SR variance. 1 (ffn, pypbo, the spec's default);
  /// mlfinlab uses 0, which for three trials changes DSR from 0.152 to 0.958 (spec §3.3).
  std::size_t trial_ddof = 1;
  /// Effective number of independent trials (e.g. number of clusters of correlated trials);
  /// 0 = the number of trial Sharpe ratios given.
  double effective_trials = 0.0;
  /// false (the paper): the null is zero skill, SR0 = sd·E[max]. true: SR0 = mean + sd·E[max].
  bool center_on_trial_mean = false;
  /// Per-period benchmark subtracted from the returns' mean before the selected Sharpe (0).
  double risk_free = 0.0;
};

/// DSR and its ingredients.
struct dsr_result {
  double dsr = std::numeric_limits<double>::quiet_NaN();              ///< PSR(SR0)
  double sharpe = std::numeric_limits<double>::quiet_NaN();           ///< selected per-period SR̂
  double benchmark_sharpe = std::numeric_limits<double>::quiet_NaN(); ///< SR0, per period
  double expected_max_z = std::numeric_limits<double>::quiet_NaN();   ///< E[max_N] of standard normals
  double n_trials = 0.0;                                              ///< N used (possibly effective)
  double trial_sharpe_mean = std::numeric_limits<double>::quiet_NaN();
  double trial_sharpe_sd = std::numeric_limits<double>::quiet_NaN();  ///< sqrt(V[{SR_n}])
  double z = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;                                                  ///< observations of the selected strategy
  double skewness = std::numeric_limits<double>::quiet_NaN();
  double kurtosis = std::numeric_limits<double>::quiet_NaN();         ///< raw
};

/// Deflated Sharpe ratio from precomputed quantities (Bailey & López de Prado 2014, eq. 8):
///   SR0 = trial_mean + sqrt(V[{SR_n}])·E[max_N],   DSR = PSR(SR* = SR0)
/// with n, skewness and RAW kurtosis of the SELECTED strategy, and the trial SR variance in the
/// same per-period units as `sharpe`. `trial_sharpe_mean` is 0 under the paper's null.
/// NaN when PSR is NaN (n < 2, NaN input, non-positive variance factor) or the variance is NaN.
/// Throws invalid_argument for n_trials < 1, a negative variance or kurtosis < 1 + skewness².
inline dsr_result deflated_sharpe_ratio(double sharpe, std::size_t n, double skewness, double kurtosis,
                                        double n_trials, double trial_sharpe_variance,
                                        double trial_sharpe_mean = 0.0) {
  detail::require(!(trial_sharpe_variance < 0.0), "deflated_sharpe_ratio: the trials' Sharpe variance must be >= 0");
  dsr_result r;
  r.sharpe = sharpe;
  r.n = n;
  r.skewness = skewness;
  r.kurtosis = kurtosis;
  r.n_trials = n_trials;
  r.trial_sharpe_mean = trial_sharpe_mean;
  r.expected_max_z = expected_max_sharpe(n_trials);
  if (n_trials == 1.0) {
    r.benchmark_sharpe = trial_sharpe_mean;  // one trial: nothing was selected, the variance is irrelevant
  } else {
    r.trial_sharpe_sd = std::sqrt(trial_sharpe_variance);
    r.benchmark_sharpe = trial_sharpe_mean + r.trial_sharpe_sd * r.expected_max_z;
  }
  const auto p = probabilistic_sharpe_ratio(sharpe, n, skewness, kurtosis, r.benchmark_sharpe);
  r.dsr = p.psr;
  r.z = p.z;
  r.standard_error = p.standard_error;
  return r;
}

/// Deflated Sharpe ratio from the selected strategy's per-period returns and the per-period
/// Sharpe ratios of ALL trials tried (the selected one included). Moments as in
/// compute_return_moments (NaN returns skipped, ddof 1 for SR̂, population γ3, raw γ4).
/// Throws invalid_argument when trial_sharpes is empty or holds a non-finite value, or when
/// there are not more trials than trial_ddof (except a single trial, which means no selection).
inline dsr_result deflated_sharpe_ratio(std::span<const double> returns, std::span<const double> trial_sharpes,
                                        const dsr_options& opt = {}) {
  detail::require(!trial_sharpes.empty(), "deflated_sharpe_ratio: no trial Sharpe ratios");
  double sum = 0.0;
  for (double s : trial_sharpes) {
    detail::require(std::isfinite(s), "deflated_sharpe_ratio: trial Sharpe ratios must be finite");
    sum += s;
  }
  const double k = static_cast<double>(trial_sharpes.size());
  const double mean = sum / k;
  double ss = 0.0;
  for (double s : trial_sharpes) ss += (s - mean) * (s - mean);
  double var = 0.0;
  if (trial_sharpes.size() > 1) {
    detail::require(trial_sharpes.size() > opt.trial_ddof, "deflated_sharpe_ratio: need more trials than trial_ddof");
    var = ss / (k - static_cast<double>(opt.trial_ddof));
  }
  const double n_eff = opt.effective_trials > 0.0 ? opt.effective_trials : k;
  std::vector<double> excess;
  std::span<const double> x = returns;
  if (opt.risk_free != 0.0) {
    excess.assign(returns.begin(), returns.end());
    for (double& v : excess) v -= opt.risk_free;
    x = excess;
  }
  const auto m = compute_return_moments(x);
  // A NaN SR̂ (fewer than 2 values, or no spread) makes every PSR field NaN: no evidence.
  dsr_result r = deflated_sharpe_ratio(m.sharpe, m.n, m.skewness, m.kurtosis, n_eff, var,
                                       opt.center_on_trial_mean ? mean : 0.0);
  r.trial_sharpe_mean = mean;
  return r;
}

}  // namespace embargo

#endif
