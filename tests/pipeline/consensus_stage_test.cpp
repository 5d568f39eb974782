// The consensus stage: one more model over the models already run, causal (a decision never uses
// an outcome that was not known at the event's start), and sensible on duplicated engines.
#include <cmath>

#include <catch2/catch.hpp>

#include <embargo/data/simulator.hpp>
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>

namespace {
using logit = embargo::standardized<embargo::logistic_regression>;

embargo::symbol_research research(const embargo::bars& b) {
  embargo::symbol_research r;
  r.symbol = b.symbol;
  r.raw = &b;
  const auto p = embargo::pipeline<>{} | embargo::cusum_event_stage{} | embargo::triple_barrier_stage{} |
                 embargo::return_features_stage{} | embargo::uniqueness_decay_weight_stage{} |
                 embargo::walk_forward_stage{0.3, 5} | embargo::model_stage<logit>{.model_name = "a"} |
                 embargo::model_stage<logit>{"b", logit(embargo::logistic_regression({.lambda = 30.0}))};
  p.run(r);
  return r;
}
}  // namespace

TEST_CASE("consensus stage: one more model, trading only tested events, costs paid") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 4000, .seed = 5});
  auto r = research(market.bars.symbols[0]);
  REQUIRE(r.keep);
  REQUIRE(r.models.size() == 2);
  embargo::consensus_stage{}(r);
  REQUIRE(r.models.size() == 3);
  const auto& c = r.models.back();
  CHECK(c.name == "consensus");
  std::size_t trades = 0;
  for (std::size_t i = 0; i < r.labels.size(); ++i) {
    const bool tested = c.fold_of[i] != r.folds.size();
    CHECK(std::isnan(c.probability[i]) != tested);
    if (!tested) CHECK(c.position[i] == 0);
    if (c.position[i] != 0) {
      ++trades;
      CHECK((c.position[i] > 0) == (c.probability[i] > 0.5));
      CHECK(c.trade_return[i] < c.position[i] * r.labels[i].ret);
    }
  }
  CHECK(trades > 0);
}

TEST_CASE("consensus stage: a decision never depends on an outcome unknown at its start") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 4000, .seed = 9});
  const auto base = research(market.bars.symbols[0]);
  REQUIRE(base.keep);
  auto r1 = base;
  embargo::consensus_stage{}(r1);
  // Pick a tested event in the middle; rewrite the outcome of every label that ends at or after
  // its start (what a leaking stage would have peeked at).
  const auto& c1 = r1.models.back();
  std::size_t pivot = r1.labels.size();
  std::size_t seen = 0, tested = 0;
  for (std::size_t i = 0; i < r1.labels.size(); ++i) tested += c1.fold_of[i] != r1.folds.size();
  for (std::size_t i = 0; i < r1.labels.size() && pivot == r1.labels.size(); ++i)
    if (c1.fold_of[i] != r1.folds.size() && ++seen == tested / 2) pivot = i;
  REQUIRE(pivot < r1.labels.size());
  auto r2 = base;
  const auto t0 = r2.labels[pivot].t0;
  for (auto& l : r2.labels)
    if (l.t1 >= t0) l.ret = -l.ret;
  embargo::consensus_stage{}(r2);
  const auto& c2 = r2.models.back();
  for (std::size_t i = 0; i < r1.labels.size(); ++i)
    if (r1.labels[i].t0 <= t0 && c1.fold_of[i] != r1.folds.size()) {
      INFO("event " << i);
      CHECK(c1.probability[i] == c2.probability[i]);
      CHECK(c1.position[i] == c2.position[i]);
    }
}

TEST_CASE("consensus stage: copies of one engine say what that engine says, however many") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 4000, .seed = 5});
  auto two = research(market.bars.symbols[0]);
  two.models.resize(1);
  two.models.push_back(two.models[0]);
  auto three = two;
  three.models.push_back(three.models[0]);
  embargo::consensus_stage{}(two);
  embargo::consensus_stage{}(three);
  const auto& engine = two.models[0];
  const auto& c2 = two.models.back();
  const auto& c3 = three.models.back();
  std::size_t with_skill = 0;
  for (std::size_t i = 0; i < two.labels.size(); ++i) {
    if (!std::isfinite(c2.probability[i])) continue;
    CHECK(c3.probability[i] == Approx(c2.probability[i]).margin(1e-12));
    // Either the engine has no reliability yet (score 0) or the score is its own vote.
    const bool silent = std::abs(c2.probability[i] - 0.5) < 1e-15;
    if (!silent) {
      CHECK(c2.probability[i] == Approx(engine.probability[i]).margin(1e-12));
      ++with_skill;
    }
  }
  CHECK(with_skill > 20);
}
