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

#include "bench.hpp"

namespace embargo::bench {
namespace {

/// Same recipe as task_uniqueness.cpp (kept local: the labelers are another component).
std::vector<interval> bootstrap_bench_events(std::span<const double> close) {
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

nlohmann::json run_seq_bootstrap(task_context& c) {
  auto ev = bootstrap_bench_events(c.single.field(0, f_close, c.single.n));
  if (c.n < ev.size()) ev.resize(c.n);
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
