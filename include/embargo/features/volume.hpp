// embargo: volume features: dollar volume and the ratio of volume to its trailing mean.
// The trailing mean includes the current bar (as SMA), so the ratio stays causal.
#ifndef EMBARGO_FEATURES_VOLUME_HPP
#define EMBARGO_FEATURES_VOLUME_HPP

#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>
#include <embargo/features/sma.hpp>

namespace embargo {

/// dv_t = close_t * volume_t. Preconditions: equal lengths, close > 0, volume finite >= 0.
inline std::vector<double> dollar_volume(std::span<const double> close, std::span<const double> volume) {
  detail::check_same_size("dollar_volume", close.size(), volume.size());
  detail::check_prices("dollar_volume", "close", close);
  detail::check_nonnegative("dollar_volume", "volume", volume);
  std::vector<double> out(close.size());
  for (std::size_t t = 0; t < close.size(); ++t) out[t] = close[t] * volume[t];
  return out;
}

/// vr_t = volume_t / SMA(volume, n)_t. NaN for t < n - 1 and when the mean is 0 (0/0).
/// Preconditions: n >= 1, volume finite and >= 0.
inline std::vector<double> volume_ratio(std::span<const double> volume, std::size_t n) {
  detail::check_window("volume_ratio", "n", n);
  detail::check_nonnegative("volume_ratio", "volume", volume);
  auto out = sma(volume, n);
  for (std::size_t t = 0; t < volume.size(); ++t)
    out[t] = out[t] > 0.0 ? volume[t] / out[t] : detail::feature_nan;
  return out;
}

}  // namespace embargo

#endif
