// Benchmark task `seq_bootstrap`: n sequential-bootstrap draws over the first n triple-barrier
// events of the single series, splitmix64 seed 12345 (the baselines' ck_boot checksum).
// The events are built here, untimed, with the baselines' recipe (README "Tasks").
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/samplers/sequential_bootstrap.hpp>

#include "baseline_events.hpp"
#include "bench.hpp"

namespace embargo::bench {
namespace {


nlohmann::json run_seq_bootstrap(task_context& c) {
  const auto& ev = inputs_once<std::vector<interval>>(c.n, [&] {
    auto first = baseline_events(c.single.field(0, f_close, c.single.n));
    if (c.n < first.size()) first.resize(c.n);
    return first;
  });
  splitmix64 rng(12345);
  c.sw.start();
  const auto r = sequential_bootstrap_fast(ev, ev.size(), rng);
  c.sw.stop();
  std::int64_t sum = 0;
  for (auto i : r.indices) sum += static_cast<std::int64_t>(i);
  const std::set<std::size_t> unique(r.indices.begin(), r.indices.end());
  return {{"n_draws", r.indices.size()},
          {"sum_index", sum},
          {"n_unique", unique.size()},
          {"mean_uniqueness", r.average_uniqueness}};
}

[[maybe_unused]] const bool registered = register_task("seq_bootstrap", "events", run_seq_bootstrap);

}  // namespace
}  // namespace embargo::bench
