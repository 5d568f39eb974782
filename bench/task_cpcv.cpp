// Benchmark task `cpcv`: combinatorial purged CV (N = 6 groups, k = 2, 15 splits) over the
// triple-barrier events of the first n bars, embargo ceil(0.01 n) bars after each test block.
// Events and checksum come from task_purged_kfold.cpp (same recipe, built untimed).
#include <cmath>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/splitters/combinatorial_purged_cv.hpp>

#include "baseline_events.hpp"
#include "bench.hpp"

namespace embargo::bench {

nlohmann::json split_checksum(const std::vector<fold>& folds);            // task_purged_kfold.cpp

namespace {

nlohmann::json run_cpcv(task_context& c) {
  const auto& ev = inputs_once<std::vector<interval>>(c.n, [&] { return baseline_events(c.single.field(0, f_close, c.n)); });
  const auto embargo_bars = static_cast<std::size_t>(std::ceil(0.01 * static_cast<double>(c.n)));
  const combinatorial_purged_cv<time_embargo> cv({.n_groups = 6, .n_test_groups = 2, .embargo_size = embargo_bars});
  c.sw.start();
  const auto folds = cv.split(ev);
  c.sw.stop();
  return split_checksum(folds);
}

[[maybe_unused]] const bool registered = register_task("cpcv", "bars", run_cpcv);

}  // namespace
}  // namespace embargo::bench
