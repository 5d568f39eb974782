// Tests of the tiered gate: each threshold exactly, NaN and missing metrics, custom criteria.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <embargo/gates.hpp>

using namespace embargo;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

metrics_record good() {
  return {{"fitness", 0.75}, {"profit_factor", 1.9}, {"consistency", 0.88}, {"max_drawdown", 0.06}};
}

// A user criterion: hit rate at least 55 % / 50 %.
struct hit_rate_at_least {
  static constexpr std::string_view metric = "hit_rate";
  static constexpr std::string_view flag = "LOW_HIT_RATE";
  static constexpr tier_thresholds defaults{0.55, 0.50};
  static constexpr bool passes(double v, double t) noexcept { return v >= t; }
};
static_assert(gate_criterion<hit_rate_at_least>);
static_assert(gate_policy<tiered_gate<hit_rate_at_least>>);
}  // namespace

TEST_CASE("tiered gate: each seed threshold exactly, just past it, NaN and missing") {
  struct row {
    const char* metric;
    double value;  // NaN means "set to NaN"; use missing=true for absent
    bool missing;
    tier expected;
    const char* flag;  // "" = no flag
  };
  const std::vector<row> rows = {
      {"fitness", 0.70, false, tier::approved, ""},
      {"fitness", std::nextafter(0.70, 0.0), false, tier::review, ""},
      {"fitness", 0.50, false, tier::review, ""},
      {"fitness", std::nextafter(0.50, 0.0), false, tier::drop, "LOW_FITNESS"},
      {"profit_factor", 1.8, false, tier::approved, ""},
      {"profit_factor", 1.79, false, tier::review, ""},
      {"profit_factor", 1.3, false, tier::review, ""},
      {"profit_factor", 1.29, false, tier::drop, "LOW_PF"},
      {"profit_factor", inf_v, false, tier::approved, ""},
      {"consistency", 0.85, false, tier::approved, ""},
      {"consistency", 0.84, false, tier::review, ""},
      {"consistency", 0.65, false, tier::review, ""},
      {"consistency", 0.64, false, tier::drop, "LOW_CONSISTENCY"},
      {"max_drawdown", 0.08, false, tier::approved, ""},
      {"max_drawdown", std::nextafter(0.08, 1.0), false, tier::review, ""},
      {"max_drawdown", 0.15, false, tier::review, ""},
      {"max_drawdown", std::nextafter(0.15, 1.0), false, tier::drop, "HIGH_DRAWDOWN"},
      {"fitness", nan_v, false, tier::drop, "NAN_FITNESS"},
      {"max_drawdown", nan_v, false, tier::drop, "NAN_MAX_DRAWDOWN"},
      {"profit_factor", 0.0, true, tier::drop, "MISSING_PROFIT_FACTOR"},
      {"consistency", 0.0, true, tier::drop, "MISSING_CONSISTENCY"},
  };
  const seed_gate gate;
  for (const row& r : rows) {
    INFO(r.metric << " = " << r.value << (r.missing ? " (missing)" : ""));
    metrics_record m = good();
    if (r.missing)
      m.erase(r.metric);
    else
      m.set(r.metric, r.value);
    const assessment a = gate.assess(m);
    CHECK(a.classification == r.expected);
    if (std::string(r.flag).empty())
      CHECK(a.flags.empty());
    else
      CHECK(a.flags == std::vector<std::string>{r.flag});
  }
}

TEST_CASE("tiered gate: DROP on any criterion beats REVIEW on others, flags below REVIEW as the seed") {
  const seed_gate gate;
  metrics_record m{{"fitness", 0.6}, {"profit_factor", 1.0}, {"consistency", 0.7}, {"max_drawdown", 0.10}};
  const assessment a = gate.assess(m);
  CHECK(a.classification == tier::drop);
  // The seed's flags mean "below the REVIEW threshold": only the profit factor is; the others
  // say why the model is not APPROVED in their criterion outcomes (REVIEW).
  CHECK(a.flags == std::vector<std::string>{"LOW_PF"});
  REQUIRE(a.criteria.size() == 4);
  CHECK(a.criteria[0].result == tier::review);
  CHECK(a.criteria[1].result == tier::drop);
}

TEST_CASE("tiered gate: runtime thresholds, validation, user criteria") {
  seed_gate::thresholds_type t;
  t.at<fitness_at_least>() = {.approved = 0.80, .review = 0.60};
  REQUIRE(t.find("profit_factor") != nullptr);
  CHECK(t.find("sortino") == nullptr);
  const seed_gate strict(t);
  CHECK(strict.assess(good()).classification == tier::review);  // 0.75 < 0.80
  CHECK(seed_gate{}.assess(good()).classification == tier::approved);

  t.at<fitness_at_least>() = {.approved = 0.40, .review = 0.60};  // approved laxer than review
  CHECK_THROWS_AS(seed_gate(t), invalid_argument);
  t.at<fitness_at_least>() = {.approved = nan_v, .review = 0.60};
  CHECK_THROWS_AS(seed_gate(t), invalid_argument);
  seed_gate::thresholds_type dd;
  dd.at<max_drawdown_at_most>() = {.approved = 0.20, .review = 0.10};  // at_most: approved must be <= review
  CHECK_THROWS_AS(seed_gate(dd), invalid_argument);

  const tiered_gate<hit_rate_at_least, train_oos_gap_at_most> g;
  CHECK(g.assess({{"hit_rate", 0.55}, {"train_oos_gap", 0.10}}).classification == tier::approved);
  const assessment a = g.assess({{"hit_rate", 0.52}, {"train_oos_gap", 0.30}});
  CHECK(a.classification == tier::drop);
  CHECK(a.flags == std::vector<std::string>{"HIGH_TRAIN_OOS_GAP"});  // hit rate: REVIEW, flagged only below REVIEW
}

TEST_CASE("tiered gate: history flags advise without changing the tier") {
  const seed_gate gate({}, {.validation_interval = 1000});
  const std::vector<double> seed_example{0.70, 0.75, 0.78, 0.75};
  const assessment a = gate.assess(good(), seed_example);
  CHECK(a.classification == tier::approved);
  CHECK(a.flags.empty());
  CHECK_FALSE(a.checkpoint.use_checkpoint);

  const std::vector<double> declined{0.70, 0.80, 0.80, 0.70};
  const assessment b = gate.assess(good(), declined);
  CHECK(b.classification == tier::approved);
  CHECK(b.flags == std::vector<std::string>{"FITNESS_DECLINE", "UNSTABLE_TRAINING"});
  CHECK(b.checkpoint.best_idx == 1);
  CHECK(b.checkpoint.checkpoint_update == std::optional<std::uint64_t>(2000));

  const std::vector<double> bad{0.7, nan_v};
  CHECK(gate.assess(good(), bad).flags == std::vector<std::string>{"INVALID_HISTORY"});
}

TEST_CASE("evidence gate: too few trades or test windows keep a model from APPROVED, with a flag") {
  const evidence_gate gate;
  metrics_record m = good();
  m.set("trades", 30), m.set("test_windows", 3);
  CHECK(gate.assess(m).classification == tier::approved);
  CHECK(gate.assess(m).flags.empty());
  m.set("trades", 29);
  auto a = gate.assess(m);
  CHECK(a.classification == tier::review);
  CHECK(a.flags == std::vector<std::string>{"FEW_TRADES"});
  m.set("trades", 500), m.set("test_windows", 2);
  a = gate.assess(m);
  CHECK(a.classification == tier::review);
  CHECK(a.flags == std::vector<std::string>{"FEW_TEST_WINDOWS"});
  m.erase("trades");  // missing evidence is no evidence: DROP, as every missing metric
  CHECK(gate.assess(m).classification == tier::drop);
}

TEST_CASE("tiered gate: a non-finite validation history is never APPROVED") {
  const seed_gate gate;
  const std::vector<double> history = {0.7, std::numeric_limits<double>::quiet_NaN(), 0.8};
  const auto a = gate.assess(good(), history);
  CHECK(a.classification == tier::review);
  CHECK(std::find(a.flags.begin(), a.flags.end(), "INVALID_HISTORY") != a.flags.end());
}
