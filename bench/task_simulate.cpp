// Benchmark task `simulate`: the built-in market simulator, n bars of one symbol (no Python
// counterpart: it reports bars per second for the foundation issue).
#include <embargo/data/simulator.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

nlohmann::json run_simulate(task_context& c) {
  c.sw.start();
  const auto m = simulate_market({.n_symbols = 1, .n_bars = c.n, .seed = 42, .bar_seconds = 60});
  c.sw.stop();
  double sum = 0;
  for (double x : m.bars.symbols[0].close) sum += x;
  return {{"n_bars", c.n}, {"sum_close", sum}};
}

[[maybe_unused]] const bool registered = register_task("simulate", "bars", run_simulate);

}  // namespace
}  // namespace embargo::bench
