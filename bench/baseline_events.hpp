// The baselines' samples, shared by the tasks that start from events (purged_kfold, cpcv,
// uniqueness, seq_bootstrap): built untimed with the baselines' exact recipe (README "Tasks").
#ifndef EMBARGO_BENCH_BASELINE_EVENTS_HPP
#define EMBARGO_BENCH_BASELINE_EVENTS_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/features/ewm_volatility.hpp>

namespace embargo::bench {

/// CUSUM (h = 0.01, log returns) bars whose EWM vol (span 100) is finite and positive; t1 = the
/// first touch of +-3 vol within 20 bars (bar t0 included), else the vertical barrier
/// min(t0 + 20, n - 1). Written out here rather than taken from events/ and labelers/ so that the
/// tasks measure one component each against the baseline's definition of its input.
inline std::vector<interval> baseline_events(std::span<const double> close) {
  const std::size_t n = close.size();
  const auto vol = ewm_volatility(close, {.span = 100});
  std::vector<interval> ev;
  double s_pos = 0, s_neg = 0, lp = std::log(close[0]);
  for (std::size_t i = 1; i < n; ++i) {
    const double lc = std::log(close[i]), x = lc - lp;
    lp = lc;
    s_pos = std::max(0.0, s_pos + x);
    s_neg = std::min(0.0, s_neg + x);
    bool fire = false;
    if (s_neg < -0.01) s_neg = 0, fire = true;
    else if (s_pos > 0.01) s_pos = 0, fire = true;
    if (!fire || !(std::isfinite(vol[i]) && vol[i] > 0)) continue;
    const std::size_t v = std::min(i + 20, n - 1);
    const double c0 = close[i], up = 3 * vol[i], dn = -3 * vol[i];
    std::size_t end = v;
    for (std::size_t j = i; j <= v; ++j) {
      const double r = close[j] / c0 - 1.0;
      if (r < dn || r > up) {
        end = j;
        break;
      }
    }
    ev.push_back({i, end});
  }
  return ev;
}

}  // namespace embargo::bench

#endif
