// embargo: exponentially weighted volatility of simple returns, exactly as pandas computes
// `close.pct_change().ewm(span=S).std()` (adjust=True, bias=False) and as mlfinlab's
// get_daily_vol does on bar returns. The barrier target of the triple-barrier labeler.
#ifndef EMBARGO_FEATURES_EWM_VOLATILITY_HPP
#define EMBARGO_FEATURES_EWM_VOLATILITY_HPP

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

struct ewm_volatility_options {
  double span = 100;  ///< decay alpha = 2 / (span + 1); span >= 1
};

/// EWM standard deviation of r_t = close_t / close_{t-1} - 1.
///
/// With weights w_i = (1 - alpha)^(t - i) over the returns so far, the weighted variance is
/// corrected for bias by (Σw)² / ((Σw)² - Σw²) (pandas `ewmcov`, bias=False). The recurrence
/// below is pandas' online update, so results agree with pandas to the last bits. Result[t] is
/// NaN at t = 0 (no return) and t = 1 (one return: the corrected variance is undefined), then
/// finite. Precondition: every close finite and > 0 (throws data_error naming the bar).
inline std::vector<double> ewm_volatility(std::span<const double> close, ewm_volatility_options opt = {}) {
  if (!(opt.span >= 1.0)) throw invalid_argument("ewm_volatility: span must be >= 1, got " + std::to_string(opt.span));
  const std::size_t n = close.size();
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < n; ++i)
    if (!(std::isfinite(close[i]) && close[i] > 0.0))
      throw data_error("ewm_volatility: close[" + std::to_string(i) + "] = " + std::to_string(close[i]) +
                       " is not a finite positive price");
  if (n < 3) return out;
  const double decay = 1.0 - 2.0 / (opt.span + 1.0);
  double mean = close[1] / close[0] - 1.0, var = 0.0;
  double w_old = 1.0, sum_w = 1.0, sum_w2 = 1.0;  // weight of the running mean, Σw, Σw²
  for (std::size_t i = 2; i < n; ++i) {
    const double x = close[i] / close[i - 1] - 1.0;
    sum_w *= decay;
    sum_w2 *= decay * decay;
    w_old *= decay;
    const double prev_mean = mean;
    const double total = w_old + 1.0;
    if (mean != x) mean = (w_old * prev_mean + x) / total;  // pandas skips the update when equal
    var = (w_old * (var + (prev_mean - mean) * (prev_mean - mean)) + (x - mean) * (x - mean)) / total;
    sum_w += 1.0;
    sum_w2 += 1.0;
    w_old += 1.0;
    const double num = sum_w * sum_w, den = num - sum_w2;
    if (den > 0.0) {
      const double v = num / den * var;
      out[i] = v > 0.0 ? std::sqrt(v) : 0.0;
    }
  }
  return out;
}

}  // namespace embargo

#endif
