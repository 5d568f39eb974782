// Benchmark task `research`: the end-to-end research job (research/job.hpp) on the first n/100
// bars of each of the 100 symbols of the M100 panel, configured as the baselines' research.py
// (README "research"): fixed-threshold CUSUM (h = 0.01) with an EWM vol of span 100, triple
// barrier at +-3 vol within 20 bars with the sign of the return as the label, the four return
// features, uniqueness weights, purged 5-fold with an embargo of 1% of the bars, one L2 logistic
// regression (lambda 1 = scikit-learn's C 1) on unweighted standardised features, no costs and
// linear bet sizing (position 2p - 1). Only job.run is timed: the panel is built once, untimed,
// as the baseline loads its closes before its clock starts. The job does more than research.py
// (every model's evaluation, the deflated Sharpe, the gate): that is part of its cost and stays
// in the timing. The per-regime breakdown is switched off (regimes.breakdown), as research.py has none.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <embargo/data/bars.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/models.hpp>  // the standard model kinds (defines standard_catalog)
#include <embargo/research/stages.hpp>  // the standard stages (defines standard_stages)

#include "bench.hpp"

namespace embargo::bench {
namespace {

constexpr std::size_t panel_symbols = 100;

/// The first `n_bars` bars of every symbol of the panel file as an embargo::panel (timestamps
/// are whole seconds stored as float64 in the file).
panel research_panel(const dataset& d, std::size_t n_bars) {
  if (d.m < panel_symbols) throw std::runtime_error("research: the panel has " + std::to_string(d.m) + " symbols, 100 needed");
  panel p;
  p.symbols.resize(panel_symbols);
  for (std::size_t k = 0; k < panel_symbols; ++k) {
    auto& b = p.symbols[k];
    char name[16];
    std::snprintf(name, sizeof name, "SYM%04zu", k);
    b.symbol = name;
    const auto ts = d.field(k, f_timestamp, n_bars), o = d.field(k, f_open, n_bars), h = d.field(k, f_high, n_bars),
               l = d.field(k, f_low, n_bars), c = d.field(k, f_close, n_bars), v = d.field(k, f_volume, n_bars);
    b.reserve(n_bars);
    for (std::size_t i = 0; i < n_bars; ++i) b.push_back(static_cast<timestamp>(std::llround(ts[i])), o[i], h[i], l[i], c[i], v[i]);
  }
  return p;
}

/// The configuration that reproduces research.py (README "research").
research::research_options baseline_options(unsigned threads) {
  using namespace research;
  research_options o;
  o.threads = threads;
  o.periods_per_year = 252;
  o.bet_sizing = sizing::linear;  // position = 2p - 1
  o.integrity.enabled = false;
  o.universe.enabled = false;
  o.events.method = event_method::cusum;
  o.events.vol_span = 100;
  o.events.threshold = 0.01;
  o.events.warmup_bars = 20;  // research.py keeps events with t0 >= 20 (the 20-bar feature)
  o.events.min_events = 1;
  o.labels.method = label_method::triple_barrier;
  o.labels.target = barrier_target::vol;
  o.labels.pt = 3;
  o.labels.sl = 3;
  o.labels.vertical_bars = 20;
  o.labels.rule = label_rule::sign;
  o.labels.min_ret = 0;
  o.features.set = feature_set_kind::returns4;
  o.weights.uniqueness = true;
  o.weights.decay = 1.0;  // no time decay
  o.weights.recency_half_life = 0;
  o.weights.class_balance = false;
  o.regimes.enabled = false;
  o.regimes.breakdown = false;    // research.py has no per-regime breakdown
  o.events.need_next_bar = false;  // research.py keeps a CUSUM event on the last bar (t1 = t0, ret 0)
  o.validation.method = validation_method::purged_kfold;
  o.validation.n_splits = 5;
  o.validation.embargo_fraction = 0.01;
  o.models.use = {"logit"};
  o.models.scaler = scaler_weighting::unweighted;  // StandardScaler-style: training rows counted equally
  o.models.logit_lambda = 1.0;                     // scikit-learn C = 1
  o.costs.taker_fee = 0;
  o.costs.maker_fee = 0;
  o.costs.maker_share = 0;
  o.costs.spread = 0;
  o.costs.slippage = 0;
  o.costs.funding = 0;
  o.costs.min_edge = 0;
  return o;
}

/// research.py's ck_research over the job's per-symbol records, in symbol order: pnl is
/// (2p - 1) * ret from the out-of-fold probability and the label's return (what trade_return
/// is with no costs and linear sizing, written out so the checksum does not depend on it).
nlohmann::json research_checksum(const research::research_results& res) {
  std::int64_t n_events = 0, n_positive = 0, n_train = 0, hits = 0;
  double sum_prob = 0, sum_pnl = 0, sum_sharpe = 0;
  for (const auto& s : res.symbols) {
    if (s.status == research::symbol_status::failed)
      throw std::runtime_error("research: symbol " + s.symbol() + " failed: " + s.failure);
    if (s.status != research::symbol_status::trained) continue;
    const symbol_research& r = s.research;
    if (r.models.empty()) continue;
    const model_run& m = r.models.front();
    const std::size_t n = r.labels.size();
    std::vector<double> pnl(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double p = m.probability[i], ret = r.labels[i].ret;
      pnl[i] = (2.0 * p - 1.0) * ret;
      sum_prob += p;
      n_positive += ret > 0 ? 1 : 0;
      hits += (p > 0.5) == (ret > 0) ? 1 : 0;
    }
    for (const auto& f : r.folds) n_train += static_cast<std::int64_t>(f.train.size());
    double total = 0;
    for (double x : pnl) total += x;
    const double mean = total / static_cast<double>(n);
    double ss = 0;
    for (double x : pnl) ss += (x - mean) * (x - mean);
    sum_pnl += total;
    sum_sharpe += mean / std::sqrt(ss / static_cast<double>(n - 1)) * std::sqrt(252.0);
    n_events += static_cast<std::int64_t>(n);
  }
  return {{"n_symbols", res.symbols.size()},
          {"n_events", n_events},
          {"n_positive", n_positive},
          {"n_train_total", n_train},
          {"hit_rate", n_events > 0 ? static_cast<double>(hits) / static_cast<double>(n_events) : 0.0},
          {"sum_prob", sum_prob},
          {"sum_pnl", sum_pnl},
          {"sum_sharpe", sum_sharpe}};
}

nlohmann::json run_research(task_context& c) {
  if (c.panel == nullptr) throw std::runtime_error("research: needs the M100 panel");
  const std::size_t n_bars = std::max<std::size_t>(100, c.n / panel_symbols);  // research.py: max(100, n // 100)
  const auto& data = inputs_once<panel>(c.n, [&] { return research_panel(*c.panel, n_bars); });
  const research::research_job job(baseline_options(c.threads));
  c.sw.start();
  const research::research_results res = job.run(data);
  c.sw.stop();
  return research_checksum(res);
}

[[maybe_unused]] const bool registered = register_task("research", "cells", run_research);

}  // namespace
}  // namespace embargo::bench
