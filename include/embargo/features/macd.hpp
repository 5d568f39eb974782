// embargo: MACD and its signal line with R TTR's MACD conventions (percent = FALSE).
// MACD is the plain difference of the fast and slow EMAs; the signal is an EMA of MACD
// started at MACD's first value, as TTR's EMA skips leading NAs.
#ifndef EMBARGO_FEATURES_MACD_HPP
#define EMBARGO_FEATURES_MACD_HPP

#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>
#include <embargo/features/ema.hpp>

namespace embargo {

struct macd_options {
  std::size_t fast = 12, slow = 26, signal = 9;
};

struct macd_result {
  std::vector<double> macd, signal;
};

/// macd_t = EMA(x, fast)_t - EMA(x, slow)_t (NaN for t < max(fast, slow) - 1);
/// signal = EMA(macd, signal) (NaN for t < max(fast, slow) + signal - 2). Appel (1979);
/// TTR::MACD(percent = FALSE). Preconditions: windows >= 1, prices finite and > 0.
inline macd_result macd(std::span<const double> close, macd_options opt = {}) {
  detail::check_window("macd", "fast", opt.fast);
  detail::check_window("macd", "slow", opt.slow);
  detail::check_window("macd", "signal", opt.signal);
  detail::check_prices("macd", "close", close);
  const auto f = ema(close, opt.fast), s = ema(close, opt.slow);
  macd_result r;
  r.macd.resize(close.size());
  for (std::size_t t = 0; t < close.size(); ++t) r.macd[t] = f[t] - s[t];
  r.signal = ema(r.macd, opt.signal);
  return r;
}

}  // namespace embargo

#endif
