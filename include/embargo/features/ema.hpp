// embargo: exponential moving average with R TTR's EMA conventions.
// Seeded with the SMA of the first n non-NA values; wilder=true uses ratio 1/n (Wilder's
// smoothing, used by RSI and ATR), otherwise 2/(n+1).
#ifndef EMBARGO_FEATURES_EMA_HPP
#define EMBARGO_FEATURES_EMA_HPP

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

struct ema_options {
  bool wilder = false;  ///< ratio 1/n (Wilder) instead of 2/(n+1)
};

/// TTR::EMA: leading NaNs are skipped (as TTR skips leading NAs); with f the first finite
/// index, EMA_{f+n-1} = mean(x_f..x_{f+n-1}) and EMA_t = a x_t + (1 - a) EMA_{t-1} after,
/// a = 2/(n+1) or 1/n. NaN before the seed. A NaN after the leading run is an error (TTR
/// also refuses "Series contains non-leading NAs"). Precondition: n >= 1.
inline std::vector<double> ema(std::span<const double> x, std::size_t n, ema_options opt = {}) {
  detail::check_window("ema", "n", n);
  std::vector<double> out(x.size(), detail::feature_nan);
  std::size_t f = 0;
  while (f < x.size() && std::isnan(x[f])) ++f;
  for (std::size_t i = f; i < x.size(); ++i)
    if (!std::isfinite(x[i]))
      throw data_error("ema: x[" + std::to_string(i) + "] = " + std::to_string(x[i]) +
                       " is not finite (only leading NaNs are allowed)");
  if (x.size() - f < n) return out;
  const double a = opt.wilder ? 1.0 / static_cast<double>(n) : 2.0 / (static_cast<double>(n) + 1.0);
  double s = 0.0;
  for (std::size_t i = f; i < f + n; ++i) s += x[i];
  double e = s / static_cast<double>(n);
  out[f + n - 1] = e;
  for (std::size_t t = f + n; t < x.size(); ++t) {
    e = a * x[t] + (1.0 - a) * e;
    out[t] = e;
  }
  return out;
}

}  // namespace embargo

#endif
