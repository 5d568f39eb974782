// Benchmark task `cusum`: symmetric CUSUM filter on log returns, threshold 0.01, first n bars.
#include <cstdint>

#include <embargo/events/cusum.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

nlohmann::json run_cusum(task_context& c) {
  const auto close = c.single.field(0, f_close, c.n);
  c.sw.start();
  const auto ev = cusum_filter(close, {.threshold = 0.01});
  c.sw.stop();
  std::int64_t sum = 0;
  for (const auto i : ev) sum += static_cast<std::int64_t>(i);
  return {{"n_events", ev.size()}, {"sum_index", sum}};
}

[[maybe_unused]] const bool registered = register_task("cusum", "bars", run_cusum);

}  // namespace
}  // namespace embargo::bench
