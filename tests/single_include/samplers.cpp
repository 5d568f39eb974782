// samplers.hpp alone: concurrency and average uniqueness of overlapping labels, and the
// sequential bootstrap (its fast path must draw exactly what the textbook loop draws).
#include <embargo/samplers.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  std::vector<embargo::interval> events;
  for (std::size_t i = 0; i < 50; ++i) events.push_back({i * 2, i * 2 + 2 + (i * 5) % 7});
  const std::size_t n_bars = events.back().t1 + 1;
  const auto u = embargo::average_uniqueness(events, n_bars);
  for (std::size_t i = 0; i < u.size(); ++i) {
    require(u[i] > 0 && u[i] <= 1, "uniqueness in (0, 1]");
    std::printf("uniqueness %zu %.17g\n", i, u[i]);
  }
  put("overall uniqueness", embargo::overall_average_uniqueness(events, n_bars));
  embargo::splitmix64 fast_rng(5), exact_rng(5);
  const auto fast = embargo::sequential_bootstrap<>{}.run(events, 40, fast_rng);
  const auto exact = embargo::sequential_bootstrap<embargo::bootstrap_exact>{}.run(events, 40, exact_rng);
  require(fast.indices == exact.indices, "fast and exact bootstrap draw the same");
  std::printf("bootstrap");
  for (std::size_t i : fast.indices) std::printf(" %zu", i);
  std::printf("\n");
  put("bootstrap uniqueness", fast.average_uniqueness);
}
