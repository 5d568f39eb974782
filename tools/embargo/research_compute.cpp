// The research run's computing half: the per-symbol stages on a thread pool, evaluation of
// every model's out-of-fold trades, deflated Sharpe over all trials.
#include "research_compute.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>
#include <embargo/stats/dsr.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/psr.hpp>

namespace embargo::cli {
namespace {

using logit = standardized<logistic_regression>;
using stacked = standardized<stacking_ensemble<ridge_regression, logistic_regression, ridge_regression>>;

/// PSR(0) of the trades: the probability that the true Sharpe ratio is positive.
double fitness_of(std::span<const double> trades) {
  if (trades.size() < 3) return NAN;
  return probabilistic_sharpe_ratio(trades, 0.0).psr;
}

/// Max drawdown (positive fraction) of the equity compounding the trades in t0 order, the
/// starting capital counting as a peak.
double max_drawdown_of(std::span<const double> trades) {
  double equity = 1, peak = 1, worst = 0;
  for (double r : trades) {
    equity *= 1 + r;
    peak = std::max(peak, equity);
    worst = std::max(worst, 1 - equity / peak);
  }
  return worst;
}

evaluation evaluate(const symbol_research& r, const model_run& m, double trades_per_year) {
  evaluation e;
  std::vector<std::vector<double>> per_fold(r.folds.size());
  for (std::size_t i = 0; i < m.trade_return.size(); ++i) {
    if (m.position[i] == 0 || std::isnan(m.probability[i])) continue;
    e.trades.push_back(m.trade_return[i]);
    per_fold[m.fold_of[i]].push_back(m.trade_return[i]);
  }
  const auto mom = compute_return_moments(e.trades);
  double gains = 0, losses = 0, hits = 0, downside = 0;
  for (double x : e.trades) {
    (x > 0 ? gains : losses) += std::abs(x);
    hits += x > 0;
    downside += std::min(x, 0.0) * std::min(x, 0.0);
  }
  const double n = static_cast<double>(e.trades.size());
  std::size_t positive_folds = 0, folds_with_trades = 0;
  for (const auto& f : per_fold) {
    if (f.empty()) continue;
    ++folds_with_trades;
    positive_folds += std::accumulate(f.begin(), f.end(), 0.0) > 0;
  }
  e.per_trade_sharpe = mom.sharpe;
  auto& k = e.metrics;
  k.set("trades", n);
  k.set("fitness", fitness_of(e.trades));
  k.set("sharpe", mom.sharpe * std::sqrt(trades_per_year));
  k.set("sortino", n > 0 && downside > 0 ? mom.mean / std::sqrt(downside / n) * std::sqrt(trades_per_year) : NAN);
  k.set("profit_factor", losses > 0 ? gains / losses : (gains > 0 ? INFINITY : NAN));
  k.set("consistency", folds_with_trades ? static_cast<double>(positive_folds) / static_cast<double>(folds_with_trades) : NAN);
  k.set("max_drawdown", max_drawdown_of(e.trades));
  k.set("hit_rate", n > 0 ? hits / n : NAN);
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
    std::array<std::vector<double>, regime_count> slices;
    for (std::size_t i = 0; i < m.trade_return.size(); ++i)
      if (m.position[i] != 0 && !std::isnan(m.probability[i]))
        slices[index(r.regimes[r.labels[i].t0])].push_back(m.trade_return[i]);
    for (std::size_t k = 0; k < regime_count; ++k) {
      const auto& x = slices[k];
      auto& out = e.by_regime[k];
      out.trades = x.size();
      if (x.empty()) continue;
      const auto mk = compute_return_moments(x);
      out.mean = mk.mean;
      out.sharpe = mk.sharpe * std::sqrt(trades_per_year);
      out.hit_rate = static_cast<double>(std::count_if(x.begin(), x.end(), [](double v) { return v > 0; })) /
                     static_cast<double>(x.size());
    }
  }
  return e;
}

auto make_stages(const research_config& cfg) {
  return pipeline<>{} | integrity_stage{cfg.integrity} | universe_stage{cfg.universe} |
         cusum_event_stage{.vol_span = cfg.vol_span, .multiplier = cfg.cusum_multiplier} |
         triple_barrier_stage{cfg.barriers} | regime_stage{} | return_features_stage{} | uniqueness_decay_weight_stage{cfg.decay} |
         walk_forward_stage{cfg.initial_train_fraction, cfg.n_tests} |
         model_stage<logit>{"logit", logit(logistic_regression({.lambda = 1.0})), cfg.costs, cfg.bet} |
         model_stage<logit>{"logit_strong_l2", logit(logistic_regression({.lambda = 50.0})), cfg.costs, cfg.bet} |
         model_stage<stacked>{"stack_ridge_meta", stacked(), cfg.costs, cfg.bet};
}

}  // namespace

std::vector<std::string> research_plan(const research_config& cfg) {
  std::vector<std::string> out;
  for (auto name : decltype(make_stages(cfg))::plan()) out.emplace_back(name);
  out.insert(out.end(), {"evaluation (PSR fitness, Sharpe, Sortino, profit factor, consistency, max drawdown)",
                         "deflated Sharpe over every (symbol, model) trial", "seed gate (APPROVED / REVIEW / DROP)",
                         "archive"});
  return out;
}

std::vector<symbol_outcome> compute_research(const research_config& cfg, const panel& primary, const panel* reference) {
  const auto stages = make_stages(cfg);
  thread_pool pool(cfg.threads);
  progress_bar bar(primary.size(), "symbols", cfg.progress ? -1 : 0);
  auto outcomes = parallel_map(pool, primary.size(), [&](std::size_t s) {
    symbol_outcome o;
    auto& r = o.research;
    r.raw = &primary.symbols[s];
    r.symbol = r.raw->symbol;
    if (reference) r.reference = reference->find(r.symbol);
    stages.run(r);
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
