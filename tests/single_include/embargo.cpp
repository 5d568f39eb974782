// embargo.hpp alone (the whole core): the README's example. Simulated bars, EWM volatility,
// CUSUM events, triple-barrier labels, purged k-fold; then a metric set and a gate.
#include <embargo/embargo.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

namespace tag = embargo::tag;

using single_test::put;
using single_test::require;

int main() {
  std::printf("embargo %s\n", embargo::version_string);
  const auto market = embargo::simulate_market({.n_symbols = 4, .n_bars = 2000, .seed = 7});
  const auto& bars = market.bars.symbols.front();
  const auto vol = embargo::ewm_volatility(bars.close, {.span = 100});
  const auto t0 = embargo::cusum_filter(bars.close, {.threshold = 0.02});
  const auto labels = embargo::triple_barrier({.close = bars.close}, t0, vol, {.pt = 2, .sl = 2, .vertical_bars = 10});
  std::vector<embargo::interval> events;
  std::vector<double> rets;
  for (const auto& l : labels) events.push_back({l.t0, l.t1}), rets.push_back(l.ret);
  put("events", events.size());
  for (const auto& f : embargo::purged_kfold<>({.n_splits = 5, .embargo_fraction = 0.01}).split(events)) {
    for (std::size_t i : f.train)
      for (std::size_t j : f.test) require(!overlaps(events[i], events[j]), "purged");
    std::printf("fold train %zu test %zu\n", f.train.size(), f.test.size());
  }
  embargo::metric_set<tag::sharpe, tag::profit_factor, tag::max_drawdown> m({.periods_per_year = 252});
  m.push(rets);
  for (const auto& [name, value] : m.results()) std::printf("%.*s %.17g\n", static_cast<int>(name.size()), name.data(), value);
  const auto a = embargo::seed_gate{}.assess({{"fitness", 0.6}, {"profit_factor", m.value<tag::profit_factor>()},
                                              {"consistency", 0.7}, {"max_drawdown", m.value<tag::max_drawdown>()}});
  std::printf("gate %s\n", std::string(embargo::to_string(a.classification)).c_str());
}
