// embargo: split-like jumps: a one-bar move whose ratio is close to a common split ratio and
// that does not revert. Such a move is a corporate action in unadjusted data, not a return.
#ifndef EMBARGO_DATA_SPLIT_DETECTION_HPP
#define EMBARGO_DATA_SPLIT_DETECTION_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include <embargo/data/bars.hpp>
#include <embargo/data/outliers.hpp>

namespace embargo {

struct split_options {
  /// Price ratios after/before that a split or reverse split produces (2:1 halves the price).
  std::vector<double> ratios = {1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 10, 2.0 / 3, 2.0, 3.0, 4.0, 5.0, 10.0};
  double log_tolerance = 0.05;  ///< |log move − log ratio| allowed (the day's own return)
  std::size_t confirm_bars = 5; ///< the new level must hold for this many bars (look-ahead)
};

struct split_event {
  std::size_t index = 0;  ///< first bar at the new price level
  double ratio = 1;       ///< matched ratio (new price / old price)
};

/// Among the jumps found by find_return_outliers, those that match a split ratio and whose level
/// holds: the median log move of the next confirm_bars closes relative to close[index] stays
/// below half the split's own log size (a reverting move would go most of the way back).
inline std::vector<split_event> find_splits(std::span<const double> close, const std::vector<return_outlier>& outliers,
                                            split_options opt = {}) {
  std::vector<split_event> out;
  for (const auto& o : outliers) {
    if (o.kind != outlier_kind::jump) continue;
    const double* best = nullptr;
    for (const double& r : opt.ratios)
      if (std::abs(o.log_return - std::log(r)) < opt.log_tolerance) best = &r;
    if (!best) continue;
    const std::size_t t = o.index;
    const std::size_t end = std::min(close.size(), t + 1 + opt.confirm_bars);
    if (end <= t + 1) continue;  // nothing after it to confirm with
    std::vector<double> after;
    for (std::size_t i = t + 1; i < end; ++i) after.push_back(std::log(close[i] / close[t]));
    std::nth_element(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(after.size() / 2), after.end());
    const double drift = after[after.size() / 2];
    if (std::abs(drift) < 0.5 * std::abs(std::log(*best))) out.push_back({t, *best});
  }
  return out;
}

/// Back-adjusts for splits: prices before each split are multiplied by its ratio and volumes
/// divided by it, so the series is continuous at the split (the usual adjusted-price convention).
inline void adjust_for_splits(bars& b, const std::vector<split_event>& splits) {
  for (const auto& s : splits)
    for (std::size_t i = 0; i < s.index && i < b.size(); ++i) {
      b.open[i] *= s.ratio, b.high[i] *= s.ratio, b.low[i] *= s.ratio, b.close[i] *= s.ratio;
      b.volume[i] /= s.ratio;
    }
}

}  // namespace embargo

#endif
