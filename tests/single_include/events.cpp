// events.hpp alone: the symmetric CUSUM filter and the bar-horizon volatility target.
#include <embargo/events.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(2000, 41);
  const auto t0 = embargo::cusum_filter(close, {.threshold = 0.03});
  require(!t0.empty(), "some events");
  std::printf("cusum");
  for (std::size_t t : t0) std::printf(" %zu", t);
  std::printf("\n");
  const auto vol = embargo::horizon_volatility(close, {.horizon = 5, .span = 50});
  for (std::size_t t = 100; t < vol.size(); t += 150) std::printf("vol %zu %.17g\n", t, vol[t]);
}
