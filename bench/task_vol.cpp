// Benchmark task `vol`: EWM volatility (span 100) of simple returns over the first n bars.
#include <cmath>

#include <embargo/features/ewm_volatility.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

nlohmann::json run_vol(task_context& c) {
  const auto close = c.single.field(0, f_close, c.n);
  c.sw.start();
  const auto v = ewm_volatility(close, {.span = 100});
  c.sw.stop();
  std::size_t finite = 0;
  double sum = 0;
  for (double x : v)
    if (std::isfinite(x)) ++finite, sum += x;
  return {{"n_finite", finite}, {"sum", sum}, {"last", v.back()}};
}

[[maybe_unused]] const bool registered = register_task("vol", "bars", run_vol);

}  // namespace
}  // namespace embargo::bench
