// labelers.hpp alone: the triple barrier (profit-take, stop-loss, vertical barrier) on a random
// walk, closes only and with highs and lows, then fixed-horizon forward returns.
#include <embargo/labelers.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(400, 11);
  std::vector<double> high(close.size()), low(close.size());
  for (std::size_t i = 0; i < close.size(); ++i) high[i] = close[i] * 1.004, low[i] = close[i] * 0.996;
  std::vector<std::size_t> t0;
  for (std::size_t i = 0; i < close.size(); i += 7) t0.push_back(i);
  const std::vector<double> target(close.size(), 0.02);
  const embargo::triple_barrier_options opt{.pt = 1.5, .sl = 1.0, .vertical_bars = 15};
  for (const bool intrabar : {false, true}) {
    const auto prices = intrabar ? embargo::barrier_prices{close, high, low} : embargo::barrier_prices{.close = close};
    const auto labels = embargo::triple_barrier(prices, t0, target, opt);
    require(labels.size() == t0.size(), "one label per event");
    std::size_t touches[3] = {0, 0, 0};
    for (const auto& l : labels) {
      require(l.t1 >= l.t0 && l.t1 <= l.t0 + 15, "t1 within the vertical barrier");
      ++touches[l.barrier + 1];
      std::printf("%s t0 %zu t1 %zu ret %.17g label %d\n", intrabar ? "intrabar" : "close", l.t0, l.t1, l.ret,
                  static_cast<int>(l.label));
    }
    put("lower", touches[0]);
    put("vertical", touches[1]);
    put("upper", touches[2]);
  }
}
