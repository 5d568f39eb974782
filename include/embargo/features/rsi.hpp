// embargo: relative strength index with R TTR's RSI conventions (Wilder smoothing).
// Gains and losses of one-bar price changes are each smoothed by Wilder's EMA (ratio 1/n,
// seeded with their SMA), so the first value is at position n, as TTR's first non-NA.
#ifndef EMBARGO_FEATURES_RSI_HPP
#define EMBARGO_FEATURES_RSI_HPP

#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>
#include <embargo/features/ema.hpp>

namespace embargo {

/// RSI_t = 100 U_t / (U_t + D_t), U = EMA_wilder(max(Δx, 0), n), D = EMA_wilder(max(-Δx, 0), n),
/// Δx_t = x_t - x_{t-1} (Wilder 1978; TTR::RSI with maType EMA, wilder=TRUE).
/// NaN for t < n, and NaN (0/0) when the window has no change at all, as in TTR.
/// Preconditions: n >= 1, prices finite and > 0 (data_error names the bar).
inline std::vector<double> rsi(std::span<const double> close, std::size_t n) {
  detail::check_window("rsi", "n", n);
  detail::check_prices("rsi", "close", close);
  std::vector<double> up(close.size(), detail::feature_nan), dn(close.size(), detail::feature_nan);
  for (std::size_t t = 1; t < close.size(); ++t) {
    const double d = close[t] - close[t - 1];
    up[t] = d > 0.0 ? d : 0.0;
    dn[t] = d < 0.0 ? -d : 0.0;
  }
  const auto u = ema(up, n, {.wilder = true});
  const auto v = ema(dn, n, {.wilder = true});
  std::vector<double> out(close.size(), detail::feature_nan);
  for (std::size_t t = 0; t < close.size(); ++t) out[t] = 100.0 * u[t] / (u[t] + v[t]);
  return out;
}

}  // namespace embargo

#endif
