// embargo: rolling volatility estimators per bar (not annualised): close-to-close,
// Parkinson (high-low) and Garman-Klass (OHLC), each over a trailing window of n bars.
// Formulas follow TTR::volatility's "close", "parkinson" and "garman.klass" with N = 1.
#ifndef EMBARGO_FEATURES_VOLATILITY_HPP
#define EMBARGO_FEATURES_VOLATILITY_HPP

#include <cmath>
#include <numbers>
#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>
#include <embargo/features/returns.hpp>

namespace embargo {

/// Sample standard deviation (ddof 1) of the last n simple returns r_{t-n+1..t},
/// r_t = close_t / close_{t-1} - 1. NaN for t < n. Preconditions: n >= 2, prices > 0.
inline std::vector<double> rolling_volatility(std::span<const double> close, std::size_t n) {
  detail::require(n >= 2, "rolling_volatility: n must be >= 2 (a sample sd needs two returns), got " +
                              std::to_string(n));
  const auto r = simple_returns(close, 1);
  std::vector<double> out(close.size(), detail::feature_nan);
  for (std::size_t t = n; t < close.size(); ++t) {
    double s = 0.0;
    for (std::size_t i = t + 1 - n; i <= t; ++i) s += r[i];
    const double mu = s / static_cast<double>(n);
    double ss = 0.0;
    for (std::size_t i = t + 1 - n; i <= t; ++i) ss += (r[i] - mu) * (r[i] - mu);
    out[t] = std::sqrt(ss / static_cast<double>(n - 1));
  }
  return out;
}

/// Parkinson (1980): sigma_t = sqrt( (1 / (4 n ln 2)) Σ_{i=t-n+1..t} ln(high_i / low_i)² ).
/// NaN for t < n - 1. Preconditions: n >= 1, equal lengths, prices > 0, high >= low.
inline std::vector<double> parkinson_volatility(std::span<const double> high, std::span<const double> low,
                                                std::size_t n) {
  detail::check_window("parkinson_volatility", "n", n);
  detail::check_same_size("parkinson_volatility", high.size(), low.size());
  detail::check_prices("parkinson_volatility", "high", high);
  detail::check_prices("parkinson_volatility", "low", low);
  std::vector<double> out(high.size(), detail::feature_nan);
  for (std::size_t t = 0; t < high.size(); ++t)
    if (high[t] < low[t])
      throw data_error("parkinson_volatility: high[" + std::to_string(t) + "] < low[" + std::to_string(t) + "]");
  for (std::size_t t = n - 1; t < high.size(); ++t) {
    double s = 0.0;
    for (std::size_t i = t + 1 - n; i <= t; ++i) {
      const double l = std::log(high[i] / low[i]);
      s += l * l;
    }
    out[t] = std::sqrt(s / (4.0 * static_cast<double>(n) * std::numbers::ln2));
  }
  return out;
}

/// Garman and Klass (1980): sigma_t = sqrt( (1/n) Σ [ 0.5 ln(H/L)² - (2 ln 2 - 1) ln(C/O)² ] ).
/// The sum can be negative on pathological bars; then the result is NaN rather than a fake 0.
/// NaN for t < n - 1. Preconditions: n >= 1, equal lengths, prices > 0, high >= low.
inline std::vector<double> garman_klass_volatility(std::span<const double> open, std::span<const double> high,
                                                   std::span<const double> low, std::span<const double> close,
                                                   std::size_t n) {
  detail::check_window("garman_klass_volatility", "n", n);
  detail::check_same_size("garman_klass_volatility", open.size(), close.size());
  detail::check_same_size("garman_klass_volatility", high.size(), close.size());
  detail::check_same_size("garman_klass_volatility", low.size(), close.size());
  detail::check_prices("garman_klass_volatility", "open", open);
  detail::check_prices("garman_klass_volatility", "high", high);
  detail::check_prices("garman_klass_volatility", "low", low);
  detail::check_prices("garman_klass_volatility", "close", close);
  std::vector<double> out(close.size(), detail::feature_nan);
  for (std::size_t t = 0; t < high.size(); ++t)
    if (high[t] < low[t])
      throw data_error("garman_klass_volatility: high[" + std::to_string(t) + "] < low[" + std::to_string(t) + "]");
  const double c = 2.0 * std::numbers::ln2 - 1.0;
  for (std::size_t t = n - 1; t < close.size(); ++t) {
    double s = 0.0;
    for (std::size_t i = t + 1 - n; i <= t; ++i) {
      const double hl = std::log(high[i] / low[i]), co = std::log(close[i] / open[i]);
      s += 0.5 * hl * hl - c * co * co;
    }
    const double v = s / static_cast<double>(n);
    out[t] = v >= 0.0 ? std::sqrt(v) : detail::feature_nan;
  }
  return out;
}

}  // namespace embargo

#endif
