// embargo: an ATR-scaled barrier target, ATR_t / close_t, so that triple_barrier's pt and sl are
// multiples of the average true range (the quant-bot seed uses pt 1.75, sl 1.0). ATR follows R's
// TTR::ATR: Wilder's smoothing seeded with the mean of the first n true ranges.
#ifndef EMBARGO_LABELERS_ATR_TARGET_HPP
#define EMBARGO_LABELERS_ATR_TARGET_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

struct atr_target_options {
  std::size_t period = 14;  ///< n >= 1
};

namespace detail {
// TTR::ATR(HLC, n): TR_t = max(H_t, C_{t-1}) - min(L_t, C_{t-1}) for t >= 1 (TR_0 is NA in TTR),
// ATR_n = mean(TR_1..TR_n), then ATR_t = TR_t / n + ATR_{t-1} * (1 - 1/n). NaN before bar n.
inline std::vector<double> wilder_atr(std::span<const double> high, std::span<const double> low,
                                      std::span<const double> close, std::size_t n) {
  const std::size_t size = close.size();
  std::vector<double> out(size, std::numeric_limits<double>::quiet_NaN());
  if (size <= n) return out;
  const double ratio = 1.0 / static_cast<double>(n);
  auto tr = [&](std::size_t t) { return std::max(high[t], close[t - 1]) - std::min(low[t], close[t - 1]); };
  double sum = 0.0;
  for (std::size_t t = 1; t <= n; ++t) sum += tr(t);
  double atr = sum / static_cast<double>(n);
  out[n] = atr;
  for (std::size_t t = n + 1; t < size; ++t) out[t] = atr = tr(t) * ratio + atr * (1.0 - ratio);
  return out;
}
}  // namespace detail

/// target_t = ATR_t / close_t (NaN for t < period), a relative barrier width for triple_barrier.
/// Preconditions: equal sizes; prices finite and > 0; low <= high; period >= 1.
inline std::vector<double> atr_target(std::span<const double> high, std::span<const double> low,
                                      std::span<const double> close, atr_target_options opt = {}) {
  detail::require(opt.period >= 1, "atr_target: period must be >= 1");
  detail::require(high.size() == close.size() && low.size() == close.size(),
                  "atr_target: high, low and close must have the same length");
  for (std::size_t i = 0; i < close.size(); ++i) {
    const bool ok = std::isfinite(high[i]) && std::isfinite(low[i]) && std::isfinite(close[i]) && low[i] > 0.0 &&
                    close[i] > 0.0 && low[i] <= high[i];
    if (!ok) throw data_error("atr_target: bar " + std::to_string(i) + " is not a valid bar (finite, 0 < low <= high)");
  }
  auto out = detail::wilder_atr(high, low, close, opt.period);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] /= close[i];
  return out;
}

}  // namespace embargo

#endif
