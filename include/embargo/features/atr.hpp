// embargo: true range and average true range with R TTR's ATR conventions.
// TR needs the previous close, so TR_0 is NaN (TTR: NA); ATR is Wilder's EMA of TR seeded
// with the mean of TR_1..TR_n, so the first ATR is at position n.
#ifndef EMBARGO_FEATURES_ATR_HPP
#define EMBARGO_FEATURES_ATR_HPP

#include <algorithm>
#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>
#include <embargo/features/ema.hpp>

namespace embargo {

/// TR_t = max(high_t, close_{t-1}) - min(low_t, close_{t-1}) (Wilder 1978; TTR::ATR's "tr").
/// TR_0 is NaN. Preconditions: equal lengths, prices finite and > 0.
inline std::vector<double> true_range(std::span<const double> high, std::span<const double> low,
                                      std::span<const double> close) {
  detail::check_same_size("true_range", high.size(), close.size());
  detail::check_same_size("true_range", low.size(), close.size());
  detail::check_prices("true_range", "high", high);
  detail::check_prices("true_range", "low", low);
  detail::check_prices("true_range", "close", close);
  std::vector<double> tr(close.size(), detail::feature_nan);
  for (std::size_t t = 1; t < close.size(); ++t)
    tr[t] = std::max(high[t], close[t - 1]) - std::min(low[t], close[t - 1]);
  return tr;
}

/// ATR = EMA_wilder(TR, n) (TTR::ATR): NaN for t < n, ATR_n = mean(TR_1..TR_n), then
/// ATR_t = ATR_{t-1} + (TR_t - ATR_{t-1}) / n. Preconditions: as true_range, n >= 1.
inline std::vector<double> atr(std::span<const double> high, std::span<const double> low,
                               std::span<const double> close, std::size_t n) {
  detail::check_window("atr", "n", n);
  return ema(true_range(high, low, close), n, {.wilder = true});
}

}  // namespace embargo

#endif
