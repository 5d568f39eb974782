// embargo: the research job's standard stages, each configured by one section of
// research_options (research/options.hpp) and run on one symbol's `symbol_research`. They are
// ordinary pipeline stages: a study that wants a fixed recipe composes them with `pipeline<> | ...`,
// research_job picks them from a configuration at run time.
#ifndef EMBARGO_RESEARCH_STAGES_HPP
#define EMBARGO_RESEARCH_STAGES_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/events/cusum.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers/atr_target.hpp>
#include <embargo/labelers/forward_return.hpp>
#include <embargo/labelers/triple_barrier.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/options.hpp>
#include <embargo/samplers/class_balance.hpp>
#include <embargo/samplers/recency.hpp>
#include <embargo/samplers/regime_balanced.hpp>
#include <embargo/samplers/regime_weight.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>
#include <embargo/splitters/combinatorial_purged_cv.hpp>
#include <embargo/splitters/purged_kfold.hpp>
#include <embargo/splitters/walk_forward.hpp>

namespace embargo::research {

/// The EWM volatility of simple returns and the event bars: a symmetric CUSUM of log returns
/// (fixed threshold, or a multiple of the volatility known at the previous bar), or every bar.
/// An event needs a known, positive volatility, a bar after it (unless need_next_bar is false), a
/// real (not gap-filled) bar and t0 >= warmup_bars; fewer than min_events drop the symbol.
struct event_stage {
  static constexpr const char* name = "events";
  events_section options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto& b = r.series();
    r.volatility = ewm_volatility(b.close, {.span = options.vol_span});
    auto usable = [&](std::size_t t) {
      return (t + 1 < b.size() || !options.need_next_bar) && t >= options.warmup_bars && std::isfinite(r.volatility[t]) && r.volatility[t] > 0 &&
             (r.synthetic.empty() || !r.synthetic[t]);
    };
    r.event_bars.clear();
    if (options.method == event_method::every_bar) {
      for (std::size_t t = 0; t < b.size(); ++t)
        if (usable(t)) r.event_bars.push_back(t);
    } else {
      const auto fired = options.threshold > 0 ? cusum_filter(b.close, {.threshold = options.threshold})
                                               : embargo::detail::vol_scaled_cusum(b.close, r.volatility, options.cusum_multiplier);
      for (std::size_t t : fired)
        if (usable(t)) r.event_bars.push_back(t);
    }
    if (r.event_bars.size() < options.min_events)
      r.drop("events: only " + std::to_string(r.event_bars.size()) + " events (" + std::to_string(options.min_events) +
             " needed)");
  }
};

/// Labels: the triple barrier around each event with the EWM volatility or ATR/close as the
/// target, or the fixed-horizon forward return with latency (its sign is the label). Fills
/// labels, events and the per-event target (what min_edge compares an expected return with).
struct label_stage {
  static constexpr const char* name = "labels";
  labels_section options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto& b = r.series();
    r.labels.clear();
    if (options.method == label_method::triple_barrier) {
      // The volatility target is read in place (a copy was 80 KB of fresh pages per 10000 bars).
      std::vector<double> atr;
      if (options.target == barrier_target::atr) atr = atr_target(b.high, b.low, b.close, {.period = options.atr_period});
      const std::vector<double>& target = options.target == barrier_target::atr ? atr : r.volatility;
      std::vector<std::size_t> at;  // an ATR target is NaN during its warm-up: no event there
      for (std::size_t t : r.event_bars)
        if (std::isfinite(target[t]) && target[t] > 0) at.push_back(t);
      r.event_bars = std::move(at);
      r.labels = triple_barrier(barrier_prices{.close = b.close}, r.event_bars, target,
                                {.pt = options.pt, .sl = options.sl, .min_ret = options.min_ret,
                                 .vertical_bars = options.vertical_bars, .rule = options.rule});
    } else {
      const auto fwd = fixed_horizon_labels(b.close, {.horizon = options.horizon, .latency = options.latency});
      std::vector<std::size_t> at;
      std::size_t j = 0;  // fwd is sorted by t0, as are the event bars
      for (std::size_t t : r.event_bars) {
        while (j < fwd.size() && fwd[j].t0 < t) ++j;
        if (j == fwd.size() || fwd[j].t0 != t) continue;  // no label: too close to the series' end
        const auto& f = fwd[j];
        barrier_label l;
        l.t0 = f.t0, l.t1 = f.t1, l.ret = f.ret, l.target = r.volatility[t];
        l.label = static_cast<std::int8_t>(f.ret > 0 ? 1 : f.ret < 0 ? -1 : 0);
        r.labels.push_back(l);
        at.push_back(t);
      }
      r.event_bars = std::move(at);
    }
    r.events.clear();
    for (const auto& l : r.labels) r.events.push_back({l.t0, l.t1});
    if (r.labels.empty()) r.drop("labels: no event could be labelled");
  }
};

/// The feature set at each event bar, causal (return_features_stage); `returns4` keeps its first
/// four columns (log returns over 1, 5, 20 bars and the volatility).
struct feature_stage {
  static constexpr const char* name = "features";
  features_section options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    return_features_stage{.columns = options.set == feature_set_kind::returns4 ? 4u : 6u}(r);
  }
};

/// The regime at each event's start, when the regime stage ran (else empty).
inline std::vector<regime> event_regimes(const symbol_research& r) {
  std::vector<regime> out;
  if (r.regimes.empty()) return out;
  out.reserve(r.labels.size());
  for (const auto& l : r.labels) out.push_back(r.regimes[l.t0]);
  return out;
}

/// Sample weights, the product of the configured schemes, scaled to mean 1: average uniqueness,
/// time decay of cumulative uniqueness, recency, class balance and, with regime processing,
/// the regime weights times the multiplicity of each event in a regime-balanced draw (the
/// sampler's sample used as frequency weights, so every model keeps its weighted fit).
struct weight_stage {
  static constexpr const char* name = "weights";
  weights_section options{};
  regimes_section regimes{};
  std::uint64_t seed = 42;

  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const std::size_t n = r.labels.size(), bars = r.series().size();
    std::vector<double> w(n, 1.0);
    std::vector<double> u = options.uniqueness ? average_uniqueness(r.events, bars) : std::vector<double>(n, 1.0);
    if (options.decay != 1.0) {
      const auto d = time_decay_weights(u, {.decay = options.decay});
      for (std::size_t i = 0; i < n; ++i) w[i] = d[i];
    }
    for (std::size_t i = 0; i < n; ++i) w[i] *= u[i];
    if (options.recency_half_life > 0) {
      const auto rw = recency_weights(r.events, bars, {.half_life = options.recency_half_life});
      for (std::size_t i = 0; i < n; ++i) w[i] *= rw[i];
    }
    if (options.class_balance) {
      std::vector<int> cls(n);
      for (std::size_t i = 0; i < n; ++i) cls[i] = r.labels[i].label > 0 ? 1 : 0;
      const auto cw = class_balance_weights(cls);
      for (std::size_t i = 0; i < n; ++i) w[i] *= cw[i];
    }
    if (regimes.enabled) {
      const auto er = event_regimes(r);
      embargo::detail::require(er.size() == n, "weight_stage: regime processing needs the regime stage before it");
      const auto rw = regime_weights(er, {.by_regime = regimes.weights});
      regime_balance_options bo;
      bo.target = regimes.shares;
      splitmix64 rng(seed ^ symbol_seed(r.symbol));
      const auto drawn = regime_balanced_sampler(er, bo).sample(r.events, n, rng);
      std::vector<double> times(n, 0.0);
      for (std::size_t i : drawn) times[i] += 1;
      for (std::size_t i = 0; i < n; ++i) w[i] *= rw[i] * times[i];
      r.sampled_events = drawn.size();
    }
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    if (!(sum > 0)) {
      r.drop("weights: every sample weight is zero");
      return;
    }
    for (auto& x : w) x *= static_cast<double>(n) / sum;
    r.weights = std::move(w);
  }

  /// FNV-1a of the symbol: each symbol draws its own stream from the run's seed, independently
  /// of which thread runs it or which other symbols are in the run.
  static std::uint64_t symbol_seed(const std::string& s) noexcept {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
  }
};

/// The folds: expanding or rolling walk-forward, purged k-fold or CPCV (with its backtest
/// paths in r.paths), both with a time embargo of embargo_fraction of the bars after each test block.
struct validation_stage {
  static constexpr const char* name = "splits";
  validation_section options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const std::size_t n = r.events.size();
    const auto embargo_bars =
        static_cast<std::size_t>(std::ceil(options.embargo_fraction * static_cast<double>(r.series().size()) - 1e-9));
    r.paths.clear();
    switch (options.method) {
      case validation_method::walk_forward: {
        const auto train = std::max<std::size_t>(1, static_cast<std::size_t>(options.initial_train_fraction * static_cast<double>(n)));
        if (train >= n) return r.drop("splits: too few events for a walk-forward test window");
        const std::size_t test = std::max<std::size_t>(1, (n - train + options.n_tests - 1) / options.n_tests);
        r.folds = walk_forward<>({.train_size = train, .test_size = test, .expanding = options.expanding, .reduce_test = true})
                      .split(r.events);
        break;
      }
      case validation_method::purged_kfold:
        if (n < options.n_splits) return r.drop("splits: " + std::to_string(n) + " events for " + std::to_string(options.n_splits) + " folds");
        r.folds = purged_kfold<time_embargo>({.n_splits = options.n_splits, .embargo_size = embargo_bars}).split(r.events);
        break;
      case validation_method::cpcv: {
        if (n < options.n_groups) return r.drop("splits: " + std::to_string(n) + " events for " + std::to_string(options.n_groups) + " groups");
        const combinatorial_purged_cv<time_embargo> cv(
            {.n_groups = options.n_groups, .n_test_groups = options.n_test_groups, .embargo_size = embargo_bars});
        r.folds = cv.split(r.events);
        r.paths = cv.backtest_paths(n);
        break;
      }
    }
  }
};

/// integrity (when enabled) -> universe (when enabled) -> events -> labels -> regimes (for
/// regime processing or the breakdown) -> features -> weights -> splits.
template <class>
std::vector<named_stage> standard_stages(const research_options& o) {
  std::vector<named_stage> out;
  if (o.integrity.enabled) out.push_back({"integrity", integrity_stage{o.integrity.to_options()}});
  if (o.universe.enabled) out.push_back({"universe", universe_stage{o.universe.to_options()}});
  out.push_back({"events", event_stage{o.events}});
  out.push_back({"labels", label_stage{o.labels}});
  if (o.regimes.enabled || o.regimes.breakdown) out.push_back({"regimes", regime_stage{}});
  out.push_back({"features", feature_stage{o.features}});
  out.push_back({"weights", weight_stage{o.weights, o.regimes, o.seed}});
  out.push_back({"splits", validation_stage{o.validation}});
  return out;
}

}  // namespace embargo::research

#endif
