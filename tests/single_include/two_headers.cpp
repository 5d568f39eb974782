// Two single headers in one translation unit: splitters.hpp and labelers.hpp both carry the core
// headers (intervals, errors, folds); the include guards they keep make the second copy empty.
// Labels from the triple barrier become the events the purged k-fold splits.
#include <embargo/splitters.hpp>
#include <embargo/labelers.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(600, 91);
  std::vector<std::size_t> t0;
  for (std::size_t i = 0; i < close.size(); i += 4) t0.push_back(i);
  const std::vector<double> target(close.size(), 0.015);
  const auto labels = embargo::triple_barrier({.close = close}, t0, target, {.vertical_bars = 20});
  std::vector<embargo::interval> events;
  for (const auto& l : labels) events.push_back({l.t0, l.t1});
  for (const auto& f : embargo::purged_kfold<>({.n_splits = 4}).split(events)) {
    for (std::size_t i : f.train)
      for (std::size_t j : f.test) require(!overlaps(events[i], events[j]), "purged");
    std::printf("fold train %zu test %zu\n", f.train.size(), f.test.size());
  }
  put("events", events.size());
}
