// embargo: the out-of-sample evaluation of one model on one symbol: its trades' metrics (one
// metric set, read into the gate's record by one adapter), the fitness history per test window,
// the per-regime breakdown and, under CPCV, the distribution of the backtest paths' Sharpe ratios.
#ifndef EMBARGO_RESEARCH_EVALUATION_HPP
#define EMBARGO_RESEARCH_EVALUATION_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

#include <embargo/core/regime.hpp>
#include <embargo/gates/metrics_record.hpp>
#include <embargo/metrics/consistency.hpp>
#include <embargo/metrics/count.hpp>
#include <embargo/metrics/grouped.hpp>
#include <embargo/metrics/max_drawdown.hpp>
#include <embargo/metrics/mean.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/profit_factor.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/metrics/sortino.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/psr.hpp>

namespace embargo::research {

/// The metrics of a model's trades. Record names: each tag's own name, except "n" (recorded as
/// "trades"), "mean" ("mean_trade") and `consistency`, the share of positive values, recorded as
/// "hit_rate": in the gate's record, "consistency" is the seed's share of test windows whose
/// trades sum positive (one meaning per name).
using trade_metrics = metric_set<tag::count, tag::sharpe, tag::sortino, tag::profit_factor, tag::max_drawdown,
                                 tag::consistency, tag::mean>;
using regime_metrics = metric_set<tag::mean, tag::sharpe, tag::consistency>;

/// The one adapter from a metric set's results to the gate's record (renames as documented above).
template <class Set>
void put_results(metrics_record& record, const Set& set) {
  for (const auto& [name, value] : set.results()) {
    const std::string_view n(name);
    record.set(n == "consistency" ? "hit_rate" : n == "mean" ? "mean_trade" : n == "n" ? "trades" : std::string(n), value);
  }
}

struct regime_slice {
  std::size_t trades = 0;
  double mean = NAN, sharpe = NAN, hit_rate = NAN;
  bool small_sample = true;  ///< fewer trades than regimes.min_trades: shown, not judged
};

struct evaluation {
  metrics_record metrics;
  std::vector<double> fitness_history;  ///< PSR(0) of the cumulative OOS trades after each test window
  std::uint64_t validation_interval = 0;
  double per_trade_sharpe = NAN;        ///< not annualised: the trial's Sharpe for the DSR
  std::vector<double> trades;           ///< returns of the events with a position, in event order
  std::size_t test_windows_with_trades = 0;
  std::array<regime_slice, regime_count> by_regime{};
  std::vector<double> path_sharpe;      ///< CPCV: annualised Sharpe of each backtest path
};

/// PSR(0) of the trades: the probability that the true Sharpe ratio is positive (NaN under 3 trades).
inline double fitness_of(std::span<const double> trades) {
  if (trades.size() < 3) return NAN;
  return probabilistic_sharpe_ratio(trades, 0.0).psr;
}

/// Evaluates model `m` of `r`. `trades_per_year` annualises per-trade ratios; regime cells with
/// fewer than `min_regime_trades` trades are marked small_sample.
inline evaluation evaluate(const symbol_research& r, const model_run& m, double trades_per_year,
                           std::size_t min_regime_trades = 30) {
  evaluation e;
  const std::size_t windows = std::max<std::size_t>(r.folds.size(), 1);
  std::vector<std::vector<double>> per_window(windows + 1);
  auto traded = [&](std::size_t i) { return m.position[i] != 0 && !std::isnan(m.probability[i]); };
  for (std::size_t i = 0; i < m.trade_return.size(); ++i) {
    if (!traded(i)) continue;
    e.trades.push_back(m.trade_return[i]);
    per_window[std::min(m.fold_of[i], windows)].push_back(m.trade_return[i]);
  }
  per_window.pop_back();  // "never tested" cannot hold a trade; the guard keeps the index valid
  e.per_trade_sharpe = compute_return_moments(e.trades).sharpe;
  metric_options per_trade;
  per_trade.periods_per_year = trades_per_year;
  trade_metrics t(per_trade);
  t.push(e.trades);
  metric_set<tag::consistency> window_sums;
  for (const auto& f : per_window)
    if (!f.empty()) window_sums.push(std::accumulate(f.begin(), f.end(), 0.0)), ++e.test_windows_with_trades;
  auto& k = e.metrics;
  put_results(k, t);
  k.set("fitness", fitness_of(e.trades));
  k.set("consistency", window_sums.value<tag::consistency>());
  k.set("test_windows", static_cast<double>(e.test_windows_with_trades));
  k.set("gross_return", m.costs.gross);
  k.set("costs", m.costs.total());
  k.set("cost_fees", m.costs.fees);
  k.set("cost_spread", m.costs.spread);
  k.set("cost_slippage", m.costs.slippage);
  k.set("cost_funding", m.costs.funding);
  std::vector<double> so_far;  // the validation history of the overfitting detector, in time order
  for (const auto& f : per_window) {
    so_far.insert(so_far.end(), f.begin(), f.end());
    e.fitness_history.push_back(fitness_of(so_far));
  }
  e.validation_interval = r.folds.empty() ? 0 : r.labels.size() / r.folds.size();
  if (!r.regimes.empty()) {
    grouped<regime_metrics, std::size_t> by_regime(per_trade);
    for (std::size_t i = 0; i < m.trade_return.size(); ++i)
      if (traded(i)) by_regime.push(index(r.regimes[r.labels[i].t0]), m.trade_return[i]);
    for (const auto& [g, acc] : by_regime) {
      auto& out = e.by_regime[g];
      out.trades = acc.count();
      out.mean = acc.value<tag::mean>();
      out.sharpe = acc.value<tag::sharpe>();
      out.hit_rate = acc.value<tag::consistency>();
      out.small_sample = out.trades < min_regime_trades;
    }
  }
  for (const auto& path : m.path_trade_return) {
    metric_set<tag::sharpe> s(per_trade);
    for (std::size_t i = 0; i < path.size(); ++i)
      if (path[i] != 0) s.push(path[i]);
    e.path_sharpe.push_back(s.value<tag::sharpe>());
  }
  if (!e.path_sharpe.empty()) {
    auto sorted = e.path_sharpe;
    std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return std::isnan(b) || (!std::isnan(a) && a < b); });
    k.set("path_sharpe_min", sorted.front());
    k.set("path_sharpe_median", sorted[sorted.size() / 2]);
    k.set("path_sharpe_max", sorted.back());
  }
  return e;
}

}  // namespace embargo::research

#endif
