// embargo: simple moving average with R TTR's SMA conventions.
// NaN where TTR has NA (the first n - 1 positions, and any window touching a NaN input),
// so that indicators built on top of it (Bollinger, volume ratio) inherit TTR's warm-up.
#ifndef EMBARGO_FEATURES_SMA_HPP
#define EMBARGO_FEATURES_SMA_HPP

#include <cmath>
#include <span>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

/// SMA_t = (1/n) Σ_{i=t-n+1..t} x_i   (TTR::SMA, runMean). Causal: uses x_0..x_t only.
/// Result[t] is NaN for t < n - 1 and whenever the window holds a NaN. Precondition: n >= 1.
/// Each window is summed afresh (O(n) per point) so no rounding drift accumulates.
inline std::vector<double> sma(std::span<const double> x, std::size_t n) {
  detail::check_window("sma", "n", n);
  std::vector<double> out(x.size(), detail::feature_nan);
  for (std::size_t t = n - 1; t < x.size(); ++t) {
    double s = 0.0;
    for (std::size_t i = t + 1 - n; i <= t; ++i) s += x[i];
    out[t] = s / static_cast<double>(n);  // NaN propagates through s
  }
  return out;
}

}  // namespace embargo

#endif
