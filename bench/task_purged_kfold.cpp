// Benchmark task `purged_kfold`: purged 5-fold over the triple-barrier events of the first n bars,
// with the baselines' embargo of ceil(0.01 n) bars after each test group (a time-delta embargo).
// The events are built here, untimed, with the baselines' exact recipe (README "Tasks").
#include <cmath>
#include <cstdint>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/splitters/purged_kfold.hpp>

#include "bench.hpp"

namespace embargo::bench {

/// The baselines' samples: CUSUM (h = 0.01, log returns) bars whose EWM vol (span 100) is finite
/// and positive; t1 = first touch of +-3 vol within 20 bars (bar t0 included), else the vertical
/// barrier. Kept local on purpose (the labelers are another component); task_cpcv.cpp uses it too.
std::vector<interval> split_bench_events(std::span<const double> close) {
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

/// The baselines' ck_splits: n_splits, sum of |train|, sum of |test|, sum_f (f + 1) * sum(train_f).
nlohmann::json split_checksum(const std::vector<fold>& folds) {
  std::int64_t ntr = 0, nte = 0, w = 0;
  for (std::size_t f = 0; f < folds.size(); ++f) {
    std::int64_t s = 0;
    for (auto i : folds[f].train) s += static_cast<std::int64_t>(i);
    ntr += static_cast<std::int64_t>(folds[f].train.size());
    nte += static_cast<std::int64_t>(folds[f].test.size());
    w += static_cast<std::int64_t>(f + 1) * s;
  }
  return {{"n_splits", folds.size()}, {"n_train_total", ntr}, {"n_test_total", nte}, {"weighted_train_sum", w}};
}

namespace {

nlohmann::json run_purged_kfold(task_context& c) {
  const auto ev = split_bench_events(c.single.field(0, f_close, c.n));
  const auto embargo_bars = static_cast<std::size_t>(std::ceil(0.01 * static_cast<double>(c.n)));
  const purged_kfold<time_embargo> cv({.n_splits = 5, .embargo_size = embargo_bars});
  c.sw.start();
  const auto folds = cv.split(ev);
  c.sw.stop();
  return split_checksum(folds);
}

[[maybe_unused]] const bool registered = register_task("purged_kfold", "bars", run_purged_kfold);

}  // namespace
}  // namespace embargo::bench
