// Example 03: performance metrics the way a validation loop produces them. Each fold's returns go
// into their own accumulator; merging the folds in time order gives exactly the metrics of the
// whole record, so folds (or symbols, or threads) can be evaluated apart. The same set breaks the
// record down by market regime, and a rolling window shows how the Sharpe ratio moved.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <embargo/data/simulator.hpp>
#include <embargo/metrics.hpp>

namespace tag = embargo::tag;

using report = embargo::metric_set<tag::count, tag::sharpe, tag::sortino, tag::max_drawdown, tag::max_drawdown_duration,
                                   tag::profit_factor, tag::annual_return>;

void print(const std::string& label, const report& r) {
  std::printf("%-10s", label.c_str());
  for (const auto& [name, value] : r.results()) std::printf(" %s=%.4g", std::string(name).c_str(), value);
  std::printf("\n");
}

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 1260, .seed = 5});
  const auto& close = market.bars.symbols[0].close;
  std::vector<double> r(close.size() - 1);
  for (std::size_t t = 1; t < close.size(); ++t) r[t - 1] = close[t] / close[t - 1] - 1;

  const embargo::metric_options daily{.periods_per_year = 252};  // rates per period; NaN skipped
  // Five folds of about a year each, accumulated apart, then merged in time order.
  report merged(daily);
  const std::size_t fold = r.size() / 5;
  for (std::size_t f = 0; f < 5; ++f) {
    const std::size_t end = f == 4 ? r.size() : (f + 1) * fold;
    report one(daily);
    one.push(std::span<const double>(r).subspan(f * fold, end - f * fold));
    print("fold " + std::to_string(f), one);
    merged.merge(one);
  }
  // Note the merged drawdown: deeper and longer than any fold's, because it spans folds. Averaging
  // per-fold numbers would miss it; the drawdown state merges exactly.
  report whole(daily);
  whole.push(r);
  print("merged", merged);
  print("one pass", whole);

  // Per regime at each return's bar (the simulator knows the true regime).
  embargo::grouped<report> by_regime(daily);
  for (std::size_t t = 0; t < r.size(); ++t)
    by_regime.push(std::string(embargo::to_string(market.true_regime[t + 1])), r[t]);
  for (const auto& [regime, set] : by_regime) print(regime, set);

  // A 126-day rolling Sharpe: its range over the record.
  embargo::rolling<embargo::metric_set<tag::sharpe>> window(126, daily);
  double lo = 1e300, hi = -1e300;
  for (double x : r) {
    window.push(x);
    if (!window.full()) continue;
    const double s = window.window().value<tag::sharpe>();
    lo = std::min(lo, s), hi = std::max(hi, s);
  }
  std::printf("rolling 126-day Sharpe from %.3f to %.3f\n", lo, hi);
}
