// splitters.hpp alone: purged k-fold with embargo and combinatorial purged CV on overlapping
// events of different lengths. No training event may overlap a test event.
#include <embargo/splitters.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  std::vector<embargo::interval> events;
  for (std::size_t i = 0; i < 60; ++i) events.push_back({i * 3, i * 3 + 1 + (i * 7) % 9});
  const auto folds = embargo::purged_kfold<>({.n_splits = 5, .embargo_fraction = 0.05}).split(events);
  require(folds.size() == 5, "5 folds");
  for (const auto& f : folds) {
    std::printf("kfold test %zu..%zu train", f.test.front(), f.test.back());
    for (std::size_t i : f.train) {
      std::printf(" %zu", i);
      for (std::size_t j : f.test) require(!overlaps(events[i], events[j]), "purged: no train/test overlap");
    }
    std::printf("\n");
  }
  const embargo::combinatorial_purged_cv cpcv({.n_groups = 6, .n_test_groups = 2});
  const auto splits = cpcv.split(events);
  put("cpcv splits", splits.size());
  std::size_t train = 0;
  for (const auto& f : splits) train += f.train.size();
  put("cpcv train rows", train);
  put("cpcv paths", cpcv.backtest_paths(events.size()).size());
}
