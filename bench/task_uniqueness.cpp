// Benchmark task `uniqueness`: concurrency per bar and average uniqueness per event for the
// triple-barrier events of the first n bars (the baselines' ck_uniq checksum).
// The events are built here, untimed, with the baselines' recipe (README "Tasks").
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/samplers/uniqueness.hpp>

#include "baseline_events.hpp"
#include "bench.hpp"

namespace embargo::bench {
namespace {


nlohmann::json run_uniqueness(task_context& c) {
  const auto& ev = inputs_once<std::vector<interval>>(c.n, [&] { return baseline_events(c.single.field(0, f_close, c.n)); });
  c.sw.start();
  const auto r = label_uniqueness(ev, c.n);
  c.sw.stop();
  std::int64_t sum_c = 0;
  std::uint32_t max_c = 0;
  for (auto x : r.concurrency) sum_c += x, max_c = std::max(max_c, x);
  double sum_u = 0;
  for (double u : r.average_uniqueness) sum_u += u;
  return {{"sum_conc", sum_c}, {"max_conc", max_c}, {"n_events", ev.size()}, {"sum_uniq", sum_u}};
}

[[maybe_unused]] const bool registered = register_task("uniqueness", "bars", run_uniqueness);

}  // namespace
}  // namespace embargo::bench
