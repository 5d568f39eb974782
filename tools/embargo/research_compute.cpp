// The research run's computing half: the per-symbol stages on a thread pool, evaluation of
// every model's out-of-fold trades, deflated Sharpe over all trials.
#include "research_compute.hpp"
#include "research_stages.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <embargo/metrics/consistency.hpp>
#include <embargo/metrics/count.hpp>
#include <embargo/metrics/grouped.hpp>
#include <embargo/metrics/max_drawdown.hpp>
#include <embargo/metrics/mean.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/profit_factor.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/metrics/sortino.hpp>
#include <embargo/pipeline/executor.hpp>
#include <embargo/pipeline/progress.hpp>
#include <embargo/stats/dsr.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/psr.hpp>

namespace embargo::cli {
namespace {

using trade_metrics = metrics::metric_set<metrics::tag::count, metrics::tag::sharpe, metrics::tag::sortino,
                                          metrics::tag::profit_factor, metrics::tag::max_drawdown,
                                          metrics::tag::consistency>;
using regime_metrics = metrics::metric_set<metrics::tag::mean, metrics::tag::sharpe, metrics::tag::consistency>;

/// PSR(0) of the trades: the probability that the true Sharpe ratio is positive.
double fitness_of(std::span<const double> trades) {
  if (trades.size() < 3) return NAN;
  return probabilistic_sharpe_ratio(trades, 0.0).psr;
}

evaluation evaluate(const symbol_research& r, const model_run& m, double trades_per_year) {
  evaluation e;
  std::vector<std::vector<double>> per_fold(r.folds.size());
  for (std::size_t i = 0; i < m.trade_return.size(); ++i) {
    if (m.position[i] == 0 || std::isnan(m.probability[i])) continue;
    e.trades.push_back(m.trade_return[i]);
    per_fold[m.fold_of[i]].push_back(m.trade_return[i]);
  }
  const auto mom = compute_return_moments(e.trades);  // per-trade Sharpe of this trial, for the DSR
  // The trades compound in t0 order; "hit_rate" is winners over all trades (tag::consistency:
  // positives over all values), "consistency" the share of folds whose trades sum positive.
  metrics::metric_options per_trade;
  per_trade.periods_per_year = trades_per_year;
  trade_metrics t(per_trade);
  t.push(e.trades);
  metrics::metric_set<metrics::tag::consistency> folds;
  for (const auto& f : per_fold)
    if (!f.empty()) folds.push(std::accumulate(f.begin(), f.end(), 0.0));
  e.per_trade_sharpe = mom.sharpe;
  auto& k = e.metrics;
  k.set("trades", t.value<metrics::tag::count>());
  k.set("fitness", fitness_of(e.trades));
  k.set("sharpe", t.value<metrics::tag::sharpe>());
  k.set("sortino", t.value<metrics::tag::sortino>());
  k.set("profit_factor", t.value<metrics::tag::profit_factor>());
  k.set("consistency", folds.value<metrics::tag::consistency>());
  k.set("max_drawdown", t.value<metrics::tag::max_drawdown>());
  k.set("hit_rate", t.value<metrics::tag::consistency>());
  k.set("mean_trade", mom.mean);
  k.set("gross_return", m.costs.gross);
  k.set("costs", m.costs.total());
  // Fitness after each fold, in time order: the validation history of the overfitting detector.
  std::vector<double> so_far;
  for (const auto& f : per_fold) {
    so_far.insert(so_far.end(), f.begin(), f.end());
    e.fitness_history.push_back(fitness_of(so_far));
  }
  e.validation_interval = r.folds.empty() ? 0 : r.labels.size() / r.folds.size();
  if (!r.regimes.empty()) {
    metrics::grouped<regime_metrics, std::size_t> by_regime(per_trade);
    for (std::size_t i = 0; i < m.trade_return.size(); ++i)
      if (m.position[i] != 0 && !std::isnan(m.probability[i]))
        by_regime.push(index(r.regimes[r.labels[i].t0]), m.trade_return[i]);
    for (const auto& [k, g] : by_regime) {
      auto& out = e.by_regime[k];
      out.trades = g.count();
      out.mean = g.value<metrics::tag::mean>();
      out.sharpe = g.value<metrics::tag::sharpe>();
      out.hit_rate = g.value<metrics::tag::consistency>();
    }
  }
  return e;
}

}  // namespace

std::vector<std::string> research_plan(const research_config&) {
  std::vector<std::string> out;
  for (auto name : research_stage_names()) out.emplace_back(name);
  out.insert(out.end(), {"evaluation (PSR fitness, Sharpe, Sortino, profit factor, consistency, max drawdown)",
                         "deflated Sharpe over every (symbol, model) trial", "seed gate (APPROVED / REVIEW / DROP)",
                         "archive"});
  return out;
}

std::vector<symbol_outcome> compute_research(const research_config& cfg, const panel& primary, const panel* reference) {
  thread_pool pool(cfg.threads);
  progress_bar bar(primary.size(), "symbols", cfg.progress ? -1 : 0);
  auto outcomes = parallel_map(pool, primary.size(), [&](std::size_t s) {
    symbol_outcome o;
    auto& r = o.research;
    r.raw = &primary.symbols[s];
    r.symbol = r.raw->symbol;
    if (reference) r.reference = reference->find(r.symbol);
    run_research_stages(cfg, r);
    if (r.keep) {
      const double years = static_cast<double>(r.series().size()) / cfg.periods_per_year;
      const double trades_per_year = static_cast<double>(r.labels.size()) / std::max(years, 1e-9);
      for (const auto& m : r.models) o.evaluations.push_back(evaluate(r, m, trades_per_year));
    }
    bar.tick(r.symbol);
    return o;
  });

  // Deflated Sharpe: every (symbol, model) pair is a trial.
  std::vector<double> trial_sharpes;
  for (const auto& o : outcomes)
    for (const auto& e : o.evaluations)
      if (std::isfinite(e.per_trade_sharpe)) trial_sharpes.push_back(e.per_trade_sharpe);
  for (auto& o : outcomes)
    for (auto& e : o.evaluations)
      e.metrics.set("dsr", trial_sharpes.size() >= 2 && e.trades.size() >= 3
                               ? deflated_sharpe_ratio(e.trades, trial_sharpes).dsr
                               : NAN);
  return outcomes;
}

}  // namespace embargo::cli
