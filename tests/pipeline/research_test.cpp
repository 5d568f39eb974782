// The research stages end to end on simulated bars: every event predicted out of fold exactly
// once, purging respected, and no skill from labels that carry no information.
#include <catch2/catch.hpp>

#include <cmath>

#include <embargo/data/faults.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>

namespace {
// Trailing returns over 1, 5 and 20 bars and the volatility at the event bar: causal features.
struct trailing_return_features {
  static constexpr const char* name = "features";
  void operator()(embargo::symbol_research& r) const {
    if (!r.keep) return;
    const auto& c = r.series().close;
    r.feature_names = {"ret1", "ret5", "ret20", "vol"};
    r.features.resize(static_cast<Eigen::Index>(r.labels.size()), 4);
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
      const std::size_t t = r.labels[i].t0;
      auto ret = [&](std::size_t k) { return t >= k ? std::log(c[t] / c[t - k]) : 0.0; };
      r.features.row(static_cast<Eigen::Index>(i)) << ret(1), ret(5), ret(20), r.volatility[t];
    }
  }
};

double hit_rate(const embargo::symbol_research& r, const embargo::model_run& m) {
  double hits = 0, n = 0;
  for (std::size_t i = 0; i < r.labels.size(); ++i) {
    if (std::isnan(m.probability[i]) || r.labels[i].label == 0) continue;
    hits += (m.probability[i] > 0.5) == (r.labels[i].label > 0);
    n += 1;
  }
  return hits / n;
}
}  // namespace

TEST_CASE("research stages: out-of-fold predictions for every event, purged folds") {
  const auto market = embargo::simulate_market({.n_symbols = 2, .n_bars = 2500, .seed = 3});
  const auto faulty = embargo::inject_faults(market.bars, {}, 3);
  const auto p = embargo::pipeline<>{} | embargo::integrity_stage{} | embargo::universe_stage{{.min_history = 500}} |
                 embargo::cusum_event_stage{} | embargo::triple_barrier_stage{} | trailing_return_features{} |
                 embargo::uniqueness_decay_weight_stage{} | embargo::purged_kfold_stage{} |
                 embargo::model_stage<embargo::standardized<embargo::logistic_regression>>{.model_name = "logit"};
  STATIC_REQUIRE(std::remove_cvref_t<decltype(p)>::size() == 8);
  for (std::size_t s = 0; s < 2; ++s) {
    embargo::symbol_research r;
    r.symbol = faulty.bars.symbols[s].symbol;
    r.raw = &faulty.bars.symbols[s];
    r.reference = &faulty.reference.symbols[s];
    p.run(r);
    REQUIRE(r.keep);
    CHECK(r.integrity.spikes.size() == faulty.truth[s].spikes.size());
    REQUIRE(r.events.size() > 100);
    REQUIRE(r.models.size() == 1);
    const auto& m = r.models[0];
    for (double x : m.probability) REQUIRE(std::isfinite(x));  // k-fold: every event tested once
    double wsum = 0;
    for (double w : r.weights) wsum += w;
    CHECK(wsum == Approx(static_cast<double>(r.weights.size())));
    std::size_t overlapping = 0;  // no training label overlaps a test label
    for (const auto& f : r.folds)
      for (std::size_t tr : f.train)
        for (std::size_t te : f.test) overlapping += overlaps(r.events[tr], r.events[te]);
    CHECK(overlapping == 0);
    for (std::size_t i = 0; i < m.trade_return.size(); ++i)  // costs are always paid
      CHECK(m.trade_return[i] <= m.position[i] * r.labels[i].ret + 1e-15);
  }
}

TEST_CASE("research stages: labels shuffled in time carry no out-of-sample skill") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 6000, .seed = 8});
  embargo::symbol_research r;
  r.symbol = market.bars.symbols[0].symbol;
  r.raw = &market.bars.symbols[0];
  const auto head = embargo::pipeline<>{} | embargo::cusum_event_stage{} | embargo::triple_barrier_stage{} |
                    trailing_return_features{} | embargo::uniqueness_decay_weight_stage{} | embargo::purged_kfold_stage{};
  head.run(r);
  REQUIRE(r.keep);
  // Permute the labels (not the features): any skill left would be leakage.
  embargo::splitmix64 g(1);
  for (std::size_t i = r.labels.size(); i > 1; --i) std::swap(r.labels[i - 1].label, r.labels[static_cast<std::size_t>(g.uniform() * static_cast<double>(i))].label);
  embargo::model_stage<embargo::standardized<embargo::logistic_regression>>{.model_name = "logit"}(r);
  const double hr = hit_rate(r, r.models[0]);
  INFO("hit rate on shuffled labels " << hr << " over " << r.labels.size() << " events");
  CHECK(std::abs(hr - 0.5) < 0.05);
}

TEST_CASE("research stages: changing bars after t changes nothing computed for t or earlier") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 3000, .seed = 17});
  const embargo::bars& original = market.bars.symbols[0];
  const std::size_t t = 1800;
  embargo::bars changed = original;  // a different future: every bar after t moves
  embargo::splitmix64 g(3);
  for (std::size_t i = t + 1; i < changed.size(); ++i) {
    const double f = std::exp(0.05 * embargo::standard_normal(g));
    changed.open[i] *= f, changed.high[i] *= f * 1.01, changed.low[i] *= f * 0.99, changed.close[i] *= f;
    changed.volume[i] *= 2;
  }
  const auto head = embargo::pipeline<>{} | embargo::cusum_event_stage{.multiplier = 2} | embargo::triple_barrier_stage{} |
                    embargo::return_features_stage{};
  embargo::symbol_research a, b;
  a.raw = &original, b.raw = &changed;
  head.run(a);
  head.run(b);
  REQUIRE(a.keep);
  REQUIRE(b.keep);
  for (std::size_t i = 0; i <= t; ++i) {
    if (std::isnan(a.volatility[i])) REQUIRE(std::isnan(b.volatility[i]));
    else REQUIRE(a.volatility[i] == b.volatility[i]);
  }
  std::vector<std::size_t> ea, eb;
  for (auto e : a.event_bars) if (e <= t) ea.push_back(e);
  for (auto e : b.event_bars) if (e <= t) eb.push_back(e);
  REQUIRE(ea == eb);  // the same events up to t
  std::size_t compared = 0, labels_compared = 0;
  for (std::size_t i = 0; i < a.labels.size() && a.labels[i].t0 <= t; ++i) {
    REQUIRE(a.labels[i].t0 == b.labels[i].t0);
    REQUIRE(a.features.row(static_cast<Eigen::Index>(i)) == b.features.row(static_cast<Eigen::Index>(i)));  // features are causal
    ++compared;
    if (a.labels[i].t1 <= t) {  // a label that ended by t saw no changed bar
      REQUIRE(a.labels[i].t1 == b.labels[i].t1);
      REQUIRE(a.labels[i].label == b.labels[i].label);
      ++labels_compared;
    }
  }
  CHECK(compared > 100);
  CHECK(labels_compared + 5 > compared);
  // Uniqueness of a label that ended by t depends only on labels overlapping it: unchanged.
  const auto ua = embargo::average_uniqueness(a.events, original.size()), ub = embargo::average_uniqueness(b.events, changed.size());
  for (std::size_t i = 0; i < a.labels.size() && a.labels[i].t1 <= t; ++i) REQUIRE(ua[i] == ub[i]);
}
