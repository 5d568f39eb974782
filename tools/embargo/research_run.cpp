// The research pipeline of the embargo tool: stages per symbol on a thread pool, evaluation of
// every model's out-of-fold trades, deflated Sharpe over all trials, the seed's gate, archive.
#include "research_run.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>

#include <embargo/archive/training_archive.hpp>
#include <embargo/gates/tiered_gate.hpp>
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>
#include <embargo/stats/dsr.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/psr.hpp>
#include <embargo/version.hpp>

#include "integrity_json.hpp"
#include "research_config_json.hpp"

namespace embargo::cli {
namespace {

using logit = standardized<logistic_regression>;
using stacked = standardized<stacking_ensemble<ridge_regression, logistic_regression, ridge_regression>>;

/// Out-of-sample evaluation of one model's trades on one symbol.
struct evaluation {
  metrics_record metrics;
  std::vector<double> fitness_history;  ///< fitness of the cumulative OOS trades after each fold
  std::uint64_t validation_interval = 0;
  double per_trade_sharpe = NAN;
  std::vector<double> trades;           ///< returns of the events with a position, in t0 order
};

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
  return e;
}

auto make_stages(const research_config& cfg) {
  return pipeline<>{} | integrity_stage{cfg.integrity} | universe_stage{cfg.universe} |
         cusum_event_stage{.vol_span = cfg.vol_span, .multiplier = cfg.cusum_multiplier} |
         triple_barrier_stage{cfg.barriers} | return_features_stage{} | uniqueness_decay_weight_stage{cfg.decay} |
         walk_forward_stage{cfg.initial_train_fraction, cfg.n_tests} |
         model_stage<logit>{"logit", logit(logistic_regression({.lambda = 1.0})), cfg.costs, cfg.bet} |
         model_stage<logit>{"logit_strong_l2", logit(logistic_regression({.lambda = 50.0})), cfg.costs, cfg.bet} |
         model_stage<stacked>{"stack_ridge_meta", stacked(), cfg.costs, cfg.bet};
}

struct symbol_outcome {
  symbol_research research;
  std::vector<evaluation> evaluations;  ///< one per model, in model order
};

}  // namespace

std::vector<std::string> research_plan(const research_config& cfg) {
  std::vector<std::string> out;
  for (auto name : decltype(make_stages(cfg))::plan()) out.emplace_back(name);
  out.insert(out.end(), {"evaluation (PSR fitness, Sharpe, Sortino, profit factor, consistency, max drawdown)",
                         "deflated Sharpe over every (symbol, model) trial", "seed gate (APPROVED / REVIEW / DROP)",
                         "archive"});
  return out;
}

research_result run_research(const research_config& cfg, const panel& primary, const panel* reference,
                             const std::string& archive_dir, const std::string& data_note) {
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

  const seed_gate gate;
  research_result result;
  run_record run;
  nlohmann::json symbols = nlohmann::json::array(), integrity = nlohmann::json::array();
  std::string integrity_md = "## Data integrity\n\n| symbol | gaps | filled bars | spikes | splits | stale runs | vendor mismatches | decision |\n|---|---|---|---|---|---|---|---|\n";
  std::string models_md = "## Models per symbol (out of fold)\n\n| symbol | model | fitness (PSR) | Sharpe | profit factor | consistency | max drawdown | DSR | trades |\n|---|---|---|---|---|---|---|---|---|\n";
  auto num = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return std::string(b);
  };
  timestamp first = 0, last = 0;
  for (std::size_t s = 0; s < outcomes.size(); ++s) {
    const auto& o = outcomes[s];
    const auto& r = o.research;
    const auto& rep = r.integrity;
    integrity.push_back(to_json(rep, rep.reference_was_primary && r.reference ? *r.reference : *r.raw));
    integrity_md += "| " + r.symbol + " | " + std::to_string(rep.gaps.size()) + " | " + std::to_string(rep.filled_bars) +
                    " | " + std::to_string(rep.spikes.size()) + " | " + std::to_string(rep.splits.size()) + " | " +
                    std::to_string(rep.stale.size()) + " | " + std::to_string(rep.vendor.mismatches.size()) + " | " +
                    (r.keep ? "trained" : "excluded") + " |\n";
    const auto& b = r.series();
    if (!b.empty()) {
      first = s == 0 ? b.time.front() : std::min(first, b.time.front());
      last = std::max(last, b.time.back());
    }
    nlohmann::json js = {{"symbol", r.symbol}, {"kept", r.keep}, {"reasons", r.dropped_because}, {"events", r.labels.size()}};
    if (!r.keep) {
      research_row row{.symbol = r.symbol, .model = "-", .tier = "EXCLUDED", .flags = {}, .dropped_before_training = true};
      row.flags = r.dropped_because;
      result.rows.push_back(row);
      symbols.push_back(js);
      continue;
    }
    // The symbol's candidate is its model with the highest fitness (first on ties).
    std::size_t best = 0;
    for (std::size_t k = 1; k < o.evaluations.size(); ++k)
      if (o.evaluations[k].metrics.get("fitness").value_or(-1) > o.evaluations[best].metrics.get("fitness").value_or(-1)) best = k;
    js["models"] = nlohmann::json::array();
    for (std::size_t k = 0; k < o.evaluations.size(); ++k) {
      const auto& e = o.evaluations[k];
      nlohmann::json mj = {{"model", r.models[k].name}, {"fitness_history", e.fitness_history}};
      for (const auto& [name, v] : e.metrics.values()) mj[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
      js["models"].push_back(mj);
      auto g = [&](const char* m) { return e.metrics.get(m).value_or(NAN); };
      models_md += "| " + r.symbol + " | " + r.models[k].name + (k == best ? " (candidate)" : "") + " | " + num(g("fitness")) +
                   " | " + num(g("sharpe")) + " | " + num(g("profit_factor")) + " | " + num(g("consistency")) + " | " +
                   num(g("max_drawdown")) + " | " + num(g("dsr")) + " | " + num(g("trades")) + " |\n";
    }
    js["candidate"] = r.models[best].name;
    symbols.push_back(js);

    const auto& e = o.evaluations[best];
    assessed_model am;
    am.model.symbol = r.symbol;
    am.model.metrics = e.metrics;
    am.model.fitness_history = e.fitness_history;
    am.model.validation_interval = e.validation_interval;
    overfitting_options of;
    of.validation_interval = e.validation_interval;
    am.result = seed_gate({}, of).assess(e.metrics, e.fitness_history);
    const auto tier_name = [&] {
      switch (am.result.classification) {
        case tier::approved: return "APPROVED";
        case tier::review: return "REVIEW";
        default: return "DROP";
      }
    }();
    auto g = [&](const char* m) { return e.metrics.get(m).value_or(NAN); };
    research_row row{.symbol = r.symbol, .model = r.models[best].name, .tier = tier_name, .fitness = g("fitness"),
                     .sharpe = g("sharpe"), .profit_factor = g("profit_factor"), .consistency = g("consistency"),
                     .max_drawdown = g("max_drawdown"), .dsr = g("dsr"), .trades = static_cast<std::size_t>(g("trades")),
                     .flags = am.result.flags};
    result.rows.push_back(row);
    run.models.push_back(std::move(am));
  }
  (void)gate;

  result.summary = {{"version", version_string}, {"data", data_note}, {"seed", cfg.seed}, {"symbols", symbols}};
  run.summary = {{"models", nlohmann::json::array()}, {"symbols", symbols}, {"data", data_note}};
  for (const auto& am : run.models) {
    nlohmann::json m = {{"symbol", am.model.symbol}, {"fitness_history", am.model.fitness_history},
                        {"validation_interval", am.model.validation_interval}};
    for (const auto& [name, v] : am.model.metrics.values()) m[name] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    run.summary["models"].push_back(m);
  }
  run_manifest manifest;
  manifest.version = version_string;
  manifest.training_start = format_timestamp(first);
  manifest.training_end = format_timestamp(last);
  manifest.features_hash = "ret1,ret5,ret20,vol,range,volume_ratio20";
  manifest.code_hash = std::string("embargo ") + version_string;
  manifest.seed = cfg.seed;
  run.report_sections = {"## Data\n\n" + data_note + "\n", integrity_md, models_md};
  run.config_hash = config_hash(cfg);
  manifest.config_hash = run.config_hash;
  run.manifest = manifest;
  run.extra_files = {{"integrity.json", integrity.dump(2) + "\n"}, {"config.json", to_json(cfg).dump(2) + "\n"}};
  training_archive archive(archive_dir);
  result.run_id = archive.write_run(run);
  return result;
}

}  // namespace embargo::cli
