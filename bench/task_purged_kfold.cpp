// Benchmark task `purged_kfold`: purged 5-fold over the triple-barrier events of the first n bars,
// with the baselines' embargo of ceil(0.01 n) bars after each test group (a time-delta embargo).
// The events are built here, untimed, with the baselines' exact recipe (README "Tasks").
#include <cmath>
#include <cstdint>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/splitters/purged_kfold.hpp>

#include "baseline_events.hpp"
#include "bench.hpp"

namespace embargo::bench {

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
  const auto& ev = inputs_once<std::vector<interval>>(c.n, [&] { return baseline_events(c.single.field(0, f_close, c.n)); });
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
