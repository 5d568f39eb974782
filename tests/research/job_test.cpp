// The research job as a library component: each configuration choice changes the job as
// documented, a failing symbol does not touch the others, the evidence criteria block APPROVED,
// results do not depend on the number of threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <thread>

#include <unistd.h>
#include <string>
#include <vector>

#include <embargo/data/csv.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/research.hpp>

using namespace embargo;
using namespace embargo::research;

namespace {

const panel& market() {
  static const panel p = simulate_market({.n_symbols = 4, .n_bars = 1500, .seed = 11}).bars;
  return p;
}

research_options base() {
  research_options o;
  o.threads = 1;
  return o;
}

research_results run(const research_options& o) { return research_job(o).run(market()); }

std::size_t total_trades(const research_results& r) {
  std::size_t n = 0;
  for (const auto& s : r.symbols)
    for (const auto& e : s.evaluations) n += e.trades.size();
  return n;
}

std::vector<std::string> model_names(const symbol_result& s) {
  std::vector<std::string> out;
  for (const auto& m : s.research.models) out.push_back(m.name);
  return out;
}

// Everything a symbol's result says, for equality across runs.
std::string fingerprint(const symbol_result& s) {
  std::string out = s.symbol() + std::string(to_name(s.status)) + s.failure;
  for (const auto& e : s.evaluations)
    for (const auto& [k, v] : e.metrics.values()) out += k + "=" + std::to_string(v) + ";";
  for (const auto& m : s.research.models)
    for (double x : m.trade_return) out += std::to_string(x) + ",";
  return out;
}

struct throw_on {
  static constexpr const char* name = "fails_on_one_symbol";
  std::string symbol;
  void operator()(symbol_research& r) const {
    if (r.symbol == symbol) throw std::runtime_error("feature store unavailable");
  }
};

struct count_features {
  static constexpr const char* name = "extra_feature";
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    Eigen::MatrixXd wider(r.features.rows(), r.features.cols() + 1);
    wider << r.features, Eigen::VectorXd::Ones(r.features.rows());
    r.features = wider;
    r.feature_names.push_back("constant");
  }
};

}  // namespace

TEST_CASE("research job: defaults run every symbol with the demo's models and a decision each") {
  const auto r = run(base());
  REQUIRE(r.symbols.size() == 4);
  CHECK(r.complete());
  for (const auto& s : r.symbols) {
    if (s.status != symbol_status::trained) continue;
    CHECK(model_names(s) == std::vector<std::string>{"logit", "logit_strong_l2", "stack_ridge_meta", "consensus"});
    CHECK(s.evaluations.size() == 4);
    CHECK(s.research.folds.size() == 5);  // walk-forward, 5 test windows
    for (const char* k : {"fitness", "sharpe", "profit_factor", "consistency", "hit_rate", "max_drawdown", "trades", "test_windows",
                          "dsr", "cost_fees", "cost_spread", "cost_slippage", "cost_funding"})
      CHECK(s.evaluations[0].metrics.contains(k));
  }
  CHECK(r.trials >= 2);
}

TEST_CASE("research job: 1 and 3 threads give identical results") {
  auto o = base();
  const auto one = run(o);
  o.threads = 3;
  const auto three = run(o);
  CHECK(three.threads == 3);
  REQUIRE(one.symbols.size() == three.symbols.size());
  for (std::size_t i = 0; i < one.symbols.size(); ++i) CHECK(fingerprint(one.symbols[i]) == fingerprint(three.symbols[i]));
}

TEST_CASE("research job: threads are capped by the symbols and the cores") {
  auto o = base();
  o.threads = 256;
  const research_job job(o);
  CHECK(job.threads_for(3) == 3);
  CHECK(job.threads_for(100000) <= std::max(1u, std::thread::hardware_concurrency()) * max_threads_per_core);
}

TEST_CASE("research job: a throwing symbol is recorded as failed and leaves the others unchanged") {
  const auto clean = run(base());
  research_job job(base());
  job.add_stage("labels", throw_on{"SIM001"});
  const auto r = job.run(market());
  CHECK_FALSE(r.complete());
  CHECK(r.count(symbol_status::failed) == 1);
  for (std::size_t i = 0; i < r.symbols.size(); ++i) {
    if (r.symbols[i].symbol() == "SIM001") {
      CHECK(r.symbols[i].status == symbol_status::failed);
      CHECK_THAT(r.symbols[i].failure, Catch::Contains("fails_on_one_symbol") && Catch::Contains("feature store unavailable"));
      continue;
    }
    // The DSR counts every trial of the run: one symbol fewer changes it, nothing else.
    auto a = clean.symbols[i], b = r.symbols[i];
    for (auto* s : {&a, &b})
      for (auto& e : s->evaluations) e.metrics.erase("dsr");
    CHECK(fingerprint(a) == fingerprint(b));
  }
}

TEST_CASE("research job: custom stages go after the named stage, unknown names are errors") {
  research_job job(base());
  job.add_stage("features", count_features{});
  const auto plan = job.plan();
  const auto at = std::find(plan.begin(), plan.end(), "extra_feature");
  REQUIRE(at != plan.end());
  CHECK(*std::prev(at) == "features");
  const auto r = job.run(market());
  for (const auto& s : r.symbols)
    if (s.status == symbol_status::trained) CHECK(s.research.feature_names.back() == "constant");
  CHECK_THROWS_AS(job.add_stage("no such stage", count_features{}), embargo::invalid_argument);
}

TEST_CASE("research job: the evidence criteria block APPROVED") {
  auto o = base();
  o.gate.fitness = {0, 0}, o.gate.profit_factor = {0, 0}, o.gate.consistency = {0, 0}, o.gate.max_drawdown = {1, 1};
  o.gate.min_trades = 0, o.gate.min_test_windows = 0;
  const auto lenient = run(o);
  CHECK(lenient.count(tier::approved) == lenient.count(symbol_status::trained));
  o.gate.min_trades = 1'000'000;
  const auto few_trades = run(o);
  CHECK(few_trades.count(tier::approved) == 0);
  for (const auto& s : few_trades.symbols)
    if (s.status == symbol_status::trained) {
      CHECK(s.gate.classification == tier::review);
      CHECK(std::count(s.gate.flags.begin(), s.gate.flags.end(), "FEW_TRADES") == 1);
    }
  o.gate.min_trades = 0, o.gate.min_test_windows = 6;  // walk-forward has 5 windows
  CHECK(run(o).count(tier::approved) == 0);
}

TEST_CASE("research job: validation methods") {
  auto o = base();
  o.validation.method = validation_method::purged_kfold;
  o.models.use = {"logit"};
  const auto kf = run(o);
  for (const auto& s : kf.symbols)
    if (s.status == symbol_status::trained) CHECK(s.research.folds.size() == 5);
  o.validation.method = validation_method::cpcv;
  const auto cp = run(o);
  for (const auto& s : cp.symbols) {
    if (s.status != symbol_status::trained) continue;
    CHECK(s.research.folds.size() == 15);           // C(6, 2)
    CHECK(s.evaluations[0].path_sharpe.size() == 5);  // C(5, 1) paths: a distribution, not one number
    CHECK(s.evaluations[0].metrics.contains("path_sharpe_median"));
  }
  o.validation.method = validation_method::walk_forward;
  o.validation.expanding = false;
  const auto rolling = run(o);
  for (const auto& s : rolling.symbols)
    if (s.status == symbol_status::trained) CHECK(s.research.folds.back().train.size() < s.research.folds.back().test.front());
}

TEST_CASE("research job: label choices") {
  auto o = base();
  o.models.use = {"logit"};
  const auto sign = run(o);
  o.labels.rule = label_rule::touch;  // "barrier": 0 at the vertical barrier
  const auto barrier = run(o);
  bool zero = false;
  for (const auto& s : barrier.symbols)
    for (const auto& l : s.research.labels) zero = zero || l.label == 0;
  CHECK(zero);
  o.labels.rule = label_rule::sign;
  o.labels.target = barrier_target::atr;
  o.labels.pt = 1.75, o.labels.sl = 1.0, o.labels.vertical_bars = 5;  // the quant-bot seed's ATR barriers
  const auto atr = run(o);
  for (std::size_t i = 0; i < atr.symbols.size(); ++i) {
    const auto& s = atr.symbols[i];
    if (s.status != symbol_status::trained) continue;
    for (const auto& l : s.research.labels) CHECK(l.t1 - l.t0 <= 5);
    CHECK(s.research.labels.front().target != sign.symbols[i].research.labels.front().target);
  }
  o.labels.method = label_method::forward_return;
  o.labels.horizon = 7, o.labels.latency = 1;
  const auto fwd = run(o);
  for (const auto& s : fwd.symbols)
    for (const auto& l : s.research.labels) CHECK(l.t1 - l.t0 == 8);
}

TEST_CASE("research job: event choices") {
  auto o = base();
  o.models.use = {"logit"};
  o.events.method = event_method::every_bar;
  o.events.warmup_bars = 100;
  const auto every = run(o);
  o.events.method = event_method::cusum;
  o.events.threshold = 0.05;
  const auto fixed = run(o);
  for (std::size_t i = 0; i < every.symbols.size(); ++i) {
    const auto& e = every.symbols[i].research;
    if (!e.keep) continue;
    CHECK(e.event_bars.front() >= 100);
    CHECK(e.event_bars.size() > fixed.symbols[i].research.event_bars.size());
  }
}

TEST_CASE("research job: model subsets, meta filter, costs") {
  auto o = base();
  o.models.use = {"ridge", "accuracy_weighted", "consensus"};
  const auto r = run(o);
  for (const auto& s : r.symbols)
    if (s.status == symbol_status::trained)
      CHECK(model_names(s) == std::vector<std::string>{"ridge", "accuracy_weighted", "consensus"});
  o.models.use = {"logit"};
  const auto plain = run(o);
  o.labels.meta_filter = true;
  const auto meta = run(o);
  CHECK(total_trades(meta) < total_trades(plain));
  CHECK(std::find(research_job(o).plan().begin(), research_job(o).plan().end(), "meta_filter") != research_job(o).plan().end());
  o.labels.meta_filter = false;
  o.costs.min_edge = 0.002;
  CHECK(total_trades(run(o)) < total_trades(plain));
  o.costs.min_edge = 0;
  o.costs.funding = 0.0001;
  const auto funded = run(o);
  for (const auto& s : funded.symbols)
    if (s.status == symbol_status::trained) CHECK(s.evaluations[0].metrics.get("cost_funding").value() > 0);
  research_options bad = base();
  bad.models.use = {"logit", "gbm"};
  CHECK_THROWS_AS(research_job(bad), config_error);
}

TEST_CASE("research job: regime processing switches on weights, the balanced sampler and the regime gate together") {
  auto o = base();
  o.models.use = {"logit"};
  const auto off = run(o);
  o.regimes.enabled = true;
  const auto on = run(o);
  bool weights_differ = false;
  for (std::size_t i = 0; i < on.symbols.size(); ++i) {
    const auto& s = on.symbols[i];
    if (s.status != symbol_status::trained) continue;
    CHECK(s.research.sampled_events == s.research.labels.size());
    weights_differ = weights_differ || s.research.weights != off.symbols[i].research.weights;
    CHECK(std::any_of(s.regime_verdicts.begin(), s.regime_verdicts.end(), [](const auto& d) { return d.assessed; }));
    for (const auto& sl : s.evaluations[0].by_regime) CHECK(sl.small_sample == (sl.trades < o.regimes.min_trades));
  }
  CHECK(weights_differ);
  CHECK(std::find(research_job(o).plan().begin(), research_job(o).plan().end(), "regime gate") != research_job(o).plan().end());

  const auto dir = std::filesystem::temp_directory_path() / ("embargo-job-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto id = archive_results(on, dir.string(), "test").run_id;
  const auto manifest = nlohmann::json::parse(read_text_file((dir / id / "manifest.json").string()));
  CHECK(manifest["pipeline"]["sampler"] == "regime_balanced");
  CHECK(manifest["pipeline"]["regime_processing"] == true);
  const auto summary = nlohmann::json::parse(read_text_file((dir / id / "summary.json").string()));
  CHECK(summary["symbols"][0].contains("regime_gate"));
  const auto config = nlohmann::json::parse(read_text_file((dir / id / "config.json").string()));
  CHECK(research_options_from_json(config, "config.json").regimes.enabled);
  CHECK(manifest["config_hash"] == config_hash(o));
  std::filesystem::remove_all(dir);
}

TEST_CASE("research job: weights, universe and integrity choices") {
  auto o = base();
  o.models.use = {"logit"};
  const auto plain = run(o);
  auto weights_of = [](const research_results& r) {
    std::vector<std::vector<double>> w;
    for (const auto& s : r.symbols) w.push_back(s.research.weights);
    return w;
  };
  o.weights.recency_half_life = 100;
  CHECK(weights_of(run(o)) != weights_of(plain));
  o.weights.recency_half_life = 0, o.weights.class_balance = true;
  o.weights.uniqueness = false, o.weights.decay = 1;  // class balance alone
  const auto balanced = run(o);
  for (const auto& s : balanced.symbols) {
    if (s.status != symbol_status::trained) continue;
    double up = 0, down = 0;  // equal total weight per class
    for (std::size_t i = 0; i < s.research.labels.size(); ++i) (s.research.labels[i].label > 0 ? up : down) += s.research.weights[i];
    CHECK(up == Approx(down).epsilon(1e-9));
  }
  o.weights = {};
  o.universe.preset = universe_preset::many_pairs;  // $1e7 a day: the simulator's symbols trade less
  const auto many_pairs = run(o);
  CHECK(many_pairs.count(symbol_status::excluded) > plain.count(symbol_status::excluded));
  o.universe.preset = universe_preset::custom;
  o.integrity.enabled = false, o.universe.enabled = false;
  const research_job raw(o);
  CHECK(raw.plan().front() == "events");
  CHECK(raw.run(market()).count(symbol_status::trained) == 4);
}

TEST_CASE("research job: screen runs the stages before the models only") {
  auto o = base();
  o.universe.min_history = 100000;
  const auto screened = research_job(o).screen(market());
  REQUIRE(screened.size() == 4);
  for (const auto& s : screened) {
    CHECK(s.status == symbol_status::excluded);
    CHECK(s.research.models.empty());
    CHECK_THAT(s.reasons().front(), Catch::StartsWith("universe"));
  }
  const auto ok = research_job(base()).screen(market());
  for (const auto& s : ok) CHECK(s.research.models.empty());
}
