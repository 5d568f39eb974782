// core.hpp alone: intervals, the event checks and their error type, the seeded generator and
// the regime names.
#include <embargo/core.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  embargo::splitmix64 rng(42);
  for (int i = 0; i < 4; ++i) put("splitmix64", static_cast<std::size_t>(rng()));
  put("normal", embargo::standard_normal(rng));
  const std::vector<embargo::interval> events = {{0, 4}, {3, 6}, {2, 9}};
  require(overlaps(events[0], events[1]) && !overlaps(events[0], embargo::interval{5, 7}), "overlaps");
  try {
    embargo::validate_events(events);
    require(false, "unsorted events are refused");
  } catch (const embargo::data_error& e) {
    std::printf("data_error %s\n", e.what());
  }
  for (auto r : embargo::all_regimes) std::printf("regime %.*s\n", static_cast<int>(to_string(r).size()), to_string(r).data());
}
