// Benchmark tasks `metrics`, `rolling_metrics`, `panel_metrics`: Sharpe, Sortino, max drawdown
// and profit factor of simple returns (annualisation 252), whole-series, on every window of 252
// returns, and per symbol of the 100-symbol panel. Conventions and checksums as the baselines'
// metrics_nb / rolling_metrics_nb / panel_metrics_nb (drawdown reported negative there).
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <embargo/metrics/max_drawdown.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/profit_factor.hpp>
#include <embargo/metrics/rolling.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/metrics/sortino.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

using namespace embargo;
using four = metric_set<tag::sharpe, tag::sortino, tag::max_drawdown, tag::profit_factor>;

std::vector<double> simple_returns(std::span<const double> close) {
  std::vector<double> r(close.size() - 1);
  for (std::size_t i = 1; i < close.size(); ++i) r[i - 1] = close[i] / close[i - 1] - 1.0;
  return r;
}

nlohmann::json run_metrics(task_context& c) {
  const auto r = simple_returns(c.single.field(0, f_close, c.n));
  c.sw.start();
  four s;
  s.push(r);
  const double sharpe = s.value<tag::sharpe>(), sortino = s.value<tag::sortino>();
  const double mdd = -s.value<tag::max_drawdown>(), pf = s.value<tag::profit_factor>();
  c.sw.stop();
  return {{"sharpe", sharpe}, {"sortino", sortino}, {"max_drawdown", mdd}, {"profit_factor", pf}};
}

nlohmann::json run_rolling(task_context& c) {
  const auto r = simple_returns(c.single.field(0, f_close, c.n));
  constexpr std::size_t w = 252;
  c.sw.start();
  // Rows before the first full window are NaN; every later row is written once by the callback
  // (no fill of the whole 32 MB table first).
  const auto out = std::make_unique_for_overwrite<double[]>(r.size() * 4);
  std::fill_n(out.get(), 4 * std::min(r.size(), w - 1), NAN);
  rolling<four> roll(w);
  roll.push(r, [&](std::size_t t, const four& s) {
    out[4 * t + 0] = s.value<tag::sharpe>();
    out[4 * t + 1] = s.value<tag::sortino>();
    out[4 * t + 2] = -s.value<tag::max_drawdown>();
    out[4 * t + 3] = s.value<tag::profit_factor>();
  });
  c.sw.stop();
  std::size_t valid = 0;
  double sums[4] = {0, 0, 0, 0};
  for (std::size_t t = 0; t < r.size(); ++t) {
    valid += std::isfinite(out[4 * t]) ? 1 : 0;
    for (int k = 0; k < 4; ++k)
      if (std::isfinite(out[4 * t + k])) sums[k] += out[4 * t + k];
  }
  return {{"n_valid", valid},          {"sum_sharpe", sums[0]},        {"sum_sortino", sums[1]},
          {"sum_max_drawdown", sums[2]}, {"sum_profit_factor", sums[3]}};
}

nlohmann::json run_panel(task_context& c) {
  const std::size_t m = 100, bars = std::max<std::size_t>(2, c.n / m);
  std::vector<std::vector<double>> returns;
  for (std::size_t k = 0; k < m; ++k) returns.push_back(simple_returns(c.panel->field(k, f_close, bars)));
  c.sw.start();
  std::vector<double> out(4 * m);
  for (std::size_t k = 0; k < m; ++k) {
    four s;
    s.push(returns[k]);
    out[4 * k + 0] = s.value<tag::sharpe>();
    out[4 * k + 1] = s.value<tag::sortino>();
    out[4 * k + 2] = -s.value<tag::max_drawdown>();
    out[4 * k + 3] = s.value<tag::profit_factor>();
  }
  c.sw.stop();
  double sums[4] = {0, 0, 0, 0};
  for (std::size_t k = 0; k < m; ++k)
    for (int j = 0; j < 4; ++j) sums[j] += out[4 * k + j];
  return {{"n_symbols", m},
          {"sum_sharpe", sums[0]},
          {"sum_sortino", sums[1]},
          {"sum_max_drawdown", sums[2]},
          {"sum_profit_factor", sums[3]}};
}

[[maybe_unused]] const bool r1 = register_task("metrics", "bars", run_metrics);
[[maybe_unused]] const bool r2 = register_task("rolling_metrics", "bars", run_rolling);
[[maybe_unused]] const bool r3 = register_task("panel_metrics", "cells", run_panel);

}  // namespace
}  // namespace embargo::bench
