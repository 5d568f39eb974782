// embargo: k-bar simple returns and lags of a series.
// Both are causal by construction: position t reads only positions <= t; the first k
// positions have no defined value and are NaN (TTR::ROC(type = "discrete") and lag()).
#ifndef EMBARGO_FEATURES_RETURNS_HPP
#define EMBARGO_FEATURES_RETURNS_HPP

#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

/// r_t = x_t / x_{t-k} - 1 (TTR::ROC, type "discrete"); NaN for t < k.
/// Preconditions: k >= 1, prices finite and > 0.
inline std::vector<double> simple_returns(std::span<const double> close, std::size_t k = 1) {
  detail::check_window("simple_returns", "k", k);
  detail::check_prices("simple_returns", "close", close);
  std::vector<double> out(close.size(), detail::feature_nan);
  for (std::size_t t = k; t < close.size(); ++t) out[t] = close[t] / close[t - k] - 1.0;
  return out;
}

/// y_t = x_{t-k}; NaN for t < k. k = 0 returns a copy. Any value (NaN included) is shifted as is.
inline std::vector<double> lag(std::span<const double> x, std::size_t k) {
  std::vector<double> out(x.size(), detail::feature_nan);
  for (std::size_t t = k; t < x.size(); ++t) out[t] = x[t - k];
  return out;
}

}  // namespace embargo

#endif
