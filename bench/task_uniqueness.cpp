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

#include "bench.hpp"

namespace embargo::bench {
namespace {

/// CUSUM (h = 0.01, log returns) bars with finite positive EWM vol (span 100); t1 = first touch
/// of +-3 vol within 20 bars (bar t0 included), else the vertical barrier min(t0 + 20, n - 1).
std::vector<interval> uniqueness_bench_events(std::span<const double> close) {
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

nlohmann::json run_uniqueness(task_context& c) {
  const auto ev = uniqueness_bench_events(c.single.field(0, f_close, c.n));
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
