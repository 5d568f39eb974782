// Tests of promotion, champion/challenger, the regime gate and the dual-model switch rule.
#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <vector>

#include <embargo/gates.hpp>

using namespace embargo;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("promotion gate: thresholds exactly, DSR only with known trials, stages") {
  struct row {
    metrics_record m;
    std::optional<std::size_t> trials;
    bool passed;
    std::size_t n_failures;
  };
  const metrics_record ok{{"sortino", 1.2}, {"profit_factor", 1.15}, {"max_drawdown", 0.06}};
  auto with = [&](const char* k, double v) {
    metrics_record m = ok;
    m.set(k, v);
    return m;
  };
  auto without = [&](const char* k) {
    metrics_record m = ok;
    m.erase(k);
    return m;
  };
  const std::vector<row> rows = {
      {ok, std::nullopt, true, 0},
      {with("sortino", 1.19), std::nullopt, false, 1},
      {with("profit_factor", 1.14), std::nullopt, false, 1},
      {with("profit_factor", std::numeric_limits<double>::infinity()), std::nullopt, true, 0},
      {with("max_drawdown", 0.0601), std::nullopt, false, 1},
      {with("max_drawdown", nan_v), std::nullopt, false, 1},
      {without("sortino"), std::nullopt, false, 1},
      {ok, std::size_t{20}, false, 1},                  // trials known, DSR missing
      {with("dsr", 0.95), std::size_t{20}, false, 1},   // DSR must be strictly above 0.95
      {with("dsr", 0.951), std::size_t{20}, true, 0},
      {with("dsr", 0.10), std::nullopt, true, 0},       // trials unknown: DSR not checked
  };
  const promotion_gate gate;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row " << i);
    const promotion_decision d = gate.evaluate(deployment_stage::candidate, rows[i].m, rows[i].trials);
    CHECK(d.passed == rows[i].passed);
    CHECK(d.failures.size() == rows[i].n_failures);
    CHECK(d.to == (rows[i].passed ? deployment_stage::staging : deployment_stage::candidate));
  }
  CHECK(gate.evaluate(deployment_stage::staging, ok).to == deployment_stage::production);
  CHECK(gate.evaluate(deployment_stage::production, ok).to == deployment_stage::production);
  CHECK_THAT(gate.evaluate(deployment_stage::candidate, without("sortino")).failures[0], Catch::Contains("sortino is missing"));
}

TEST_CASE("champion/challenger: significance, direction, window length") {
  const champion_challenger cc({.alpha = 0.05, .min_shadow_observations = 10});
  struct row {
    std::size_t n;
    challenger_evidence r;
    bool promote;
  };
  const std::vector<row> rows = {
      {10, {0.3, 0.01}, true},   {9, {0.3, 0.01}, false},     {10, {0.3, 0.05}, false},
      {10, {-0.3, 0.01}, false}, {10, {0.0, 0.01}, false},    {10, {0.3, nan_v}, false},
      {10, {nan_v, 0.01}, false},
  };
  for (const row& r : rows) {
    INFO("n " << r.n << " diff " << r.r.difference << " p " << r.r.p_value);
    CHECK(cc.decide(r.n, r.r).promote == r.promote);
  }
  std::vector<double> a(12, 0.01), b(12, 0.02), c(11, 0.0);
  int calls = 0;
  auto test = [&](std::span<const double> x, std::span<const double> y) {
    ++calls;
    CHECK(x.size() == y.size());
    CHECK(x[0] == 0.02);  // called as test(challenger, champion)
    return challenger_evidence{0.5, 0.001};
  };
  CHECK(cc.decide(a, b, test).promote);
  CHECK(calls == 1);
  // The shape of stats/' sharpe_difference_result: difference = SR_a - SR_b, p_a_greater.
  struct stats_like {
    double difference, p_two_sided, p_a_greater;
  };
  CHECK(cc.decide(a, b, [](auto, auto) { return stats_like{0.4, 0.08, 0.04}; }).promote);
  CHECK_FALSE(cc.decide(a, b, [](auto, auto) { return stats_like{0.4, 0.04, 0.06}; }).promote);
  CHECK(cc.decide(a, b, [](auto, auto) { return stats_like{0.4, 0.08, 0.04}; }).test.p_value == 0.04);
  CHECK_THROWS_AS(cc.decide(a, c, test), invalid_argument);
  std::vector<double> short_a(5, 0.0), short_b(5, 0.0);
  CHECK_FALSE(cc.decide(short_a, short_b, test).promote);
  CHECK(calls == 1);  // too short: the test is not even run
  CHECK_THROWS_AS(champion_challenger({.alpha = 0.0}), invalid_argument);
}

TEST_CASE("regime gate: enabled per regime from per-regime metrics") {
  const metrics_record good{{"fitness", 0.8}, {"profit_factor", 2.0}, {"consistency", 0.9}, {"max_drawdown", 0.05}};
  const metrics_record meh{{"fitness", 0.6}, {"profit_factor", 2.0}, {"consistency", 0.9}, {"max_drawdown", 0.05}};
  const metrics_record bad{{"fitness", 0.8}, {"profit_factor", 2.0}, {"consistency", 0.9}, {"max_drawdown", 0.30}};
  const std::map<regime, metrics_record> per{{regime::normal, good}, {regime::high_vol, meh}, {regime::crash, bad}};
  const auto strict = regime_gate<>{}.evaluate(per);
  const auto lenient = regime_gate<>{seed_gate(), {.enable_on_review = true, .enable_missing = true}}.evaluate(per);
  struct row {
    regime r;
    bool strict_on, lenient_on, assessed;
  };
  const std::vector<row> rows = {{regime::low_vol, false, true, false},
                                 {regime::normal, true, true, true},
                                 {regime::high_vol, false, true, true},
                                 {regime::crash, false, false, true},
                                 {regime::recovery, false, true, false}};
  for (const row& r : rows) {
    INFO(to_string(r.r));
    CHECK(strict[index(r.r)].which == r.r);
    CHECK(strict[index(r.r)].enabled == r.strict_on);
    CHECK(lenient[index(r.r)].enabled == r.lenient_on);
    CHECK(strict[index(r.r)].assessed == r.assessed);
  }
}

TEST_CASE("dual-model switch: 75 % wins in 3 consecutive runs and drift below 10 %") {
  using obs = monitoring_observation;
  struct row {
    std::vector<obs> history;
    bool use_b;
    std::size_t qualifying;
  };
  const std::vector<row> rows = {
      {{}, false, 0},
      {{{0.75, 0.0}, {0.75, 0.0}, {0.75, 0.0}}, true, 3},
      {{{0.75, 0.0}, {0.75, 0.0}}, false, 2},
      {{{0.75, 0.0}, {0.74, 0.0}, {0.75, 0.0}, {0.80, 0.0}}, false, 2},  // broken streak
      {{{0.74, 0.0}, {0.9, 0.0}, {0.9, 0.0}, {0.9, 0.0}}, true, 3},
      {{{0.9, 0.0}, {0.9, 0.10}, {0.9, 0.0}}, false, 1},  // drift exactly 10 % is not < 10 %
      {{{0.9, 0.0}, {0.9, 0.099}, {0.9, 0.0}}, true, 3},
      {{{0.9, 0.0}, {nan_v, 0.0}, {0.9, 0.0}}, false, 1},
  };
  const dual_model_switch_rule rule;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row " << i);
    const switch_decision d = rule.decide(rows[i].history);
    CHECK(d.use_model_b == rows[i].use_b);
    CHECK(d.qualifying_runs == rows[i].qualifying);
  }
  CHECK_THROWS_AS(dual_model_switch_rule({.consecutive_runs = 0}), invalid_argument);
}
