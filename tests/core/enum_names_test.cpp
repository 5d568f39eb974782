// enum_names: every table round-trips over all its enumerators, names are unique, an unknown
// name parses to nullopt, and the tables cover every enumerator of their enum.
#include <catch2/catch.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/gates/promotion_gate.hpp>
#include <embargo/gates/tier.hpp>
#include <embargo/lifecycle/monitor.hpp>
#include <embargo/metrics/options.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/options.hpp>
#include <embargo/stats/metric_drift.hpp>
#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/consensus.hpp>

namespace {

using namespace embargo;

// `all`: every enumerator of E, in declaration order (the enum's values 0..n-1).
template <class E>
std::vector<E> enumerators(std::size_t n) {
  std::vector<E> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<E>(i));
  return out;
}

// The table names each of the enum's `n` enumerators (declared 0..n-1) exactly once, under a
// unique non-empty name; to_name then parse_name gives the enumerator back; unknown names fail.
template <class E>
void check_table(std::size_t n) {
  const auto& table = enum_names<E>::entries;
  CHECK(table.size() == n);
  std::set<std::string_view> names;
  std::set<E> values;
  for (const auto& [name, e] : table) {
    CHECK_FALSE(name.empty());
    CHECK(names.insert(name).second);
    CHECK(values.insert(e).second);
  }
  for (const E e : enumerators<E>(n)) {
    const std::string_view name = to_name(e);
    INFO("enumerator " << static_cast<long long>(e));
    REQUIRE_FALSE(name.empty());
    const auto back = parse_name<E>(name);
    REQUIRE(back.has_value());
    CHECK(*back == e);
  }
  CHECK_FALSE(parse_name<E>("no such name").has_value());
  CHECK_FALSE(parse_name<E>("").has_value());
  CHECK(to_name(static_cast<E>(n)).empty());
}

}  // namespace

TEST_CASE("enum_names: tier", "[enum_names]") {
  check_table<tier>(3);
  CHECK(to_string(tier::review) == "REVIEW");
  CHECK(parse_tier("APPROVED") == tier::approved);
  CHECK_FALSE(parse_tier("approved").has_value());  // exact, upper case
  CHECK(to_string(static_cast<tier>(7)) == "DROP");
  STATIC_REQUIRE(parse_tier("DROP") == tier::drop);
  STATIC_REQUIRE(to_string(tier::approved) == "APPROVED");
}

TEST_CASE("enum_names: regime", "[enum_names]") {
  check_table<regime>(regime_count);
  STATIC_REQUIRE(enum_names<regime>::entries.size() == regime_count);
  for (const regime r : all_regimes) CHECK(parse_regime(to_string(r)) == r);
  CHECK(to_string(regime::high_vol) == "high_vol");
  CHECK(to_string(static_cast<regime>(9)) == "unknown");
  CHECK_FALSE(parse_regime("unknown").has_value());
  STATIC_REQUIRE(parse_regime("crash") == regime::crash);
}

TEST_CASE("enum_names: consensus_level", "[enum_names]") {
  check_table<consensus_level>(4);
  STATIC_REQUIRE(to_string(consensus_level::moderate) == "moderate");
  CHECK(to_string(static_cast<consensus_level>(9)) == "none");
}

TEST_CASE("enum_names: drift_level", "[enum_names]") {
  check_table<drift_level>(4);
  CHECK(to_string(drift_level::critical) == "critical");
  CHECK(to_string(static_cast<drift_level>(9)) == "undefined");
}

TEST_CASE("enum_names: nan_policy", "[enum_names]") {
  check_table<nan_policy>(3);
  CHECK(to_string(nan_policy::propagate) == "propagate");
  CHECK(to_string(static_cast<nan_policy>(9)) == "?");
  CHECK(parse_nan_policy("zero") == nan_policy::zero);
  try {
    (void)parse_nan_policy("drop");
    FAIL("no exception");
  } catch (const invalid_argument& e) {
    CHECK(std::string(e.what()) == "nan policy must be skip, zero or propagate, not 'drop'");
  }
}

TEST_CASE("enum_names: deployment_stage", "[enum_names]") {
  check_table<deployment_stage>(3);
  STATIC_REQUIRE(to_string(deployment_stage::staging) == "staging");
  CHECK(to_string(static_cast<deployment_stage>(9)) == "candidate");
}

TEST_CASE("enum_names: drift_status of the monitor", "[enum_names]") {
  check_table<lifecycle::drift_status>(4);
  CHECK(to_name(lifecycle::drift_status::retrain) == "retrain");
}

TEST_CASE("enum_names: sizing and outlier_policy beside their enums", "[enum_names]") {
  check_table<sizing>(3);
  check_table<outlier_policy>(3);
  CHECK(enum_choices<outlier_policy>() == "flag, winsorize, drop");
}

TEST_CASE("enum_names: research option enums", "[enum_names]") {
  check_table<research::event_method>(2);
  check_table<research::label_method>(2);
  check_table<research::barrier_target>(2);
  check_table<research::feature_set_kind>(2);
  check_table<research::validation_method>(3);
  check_table<research::scaler_weighting>(2);
  check_table<research::universe_preset>(2);
  check_table<research::symbol_status>(3);
}

TEST_CASE("enum_names: a second spelling in a name_table", "[enum_names]") {
  // label_rule: the configuration names three rules (enum_names<label_rule>); the CLI has its own table.
  constexpr name_table<label_rule, 2> words{{{"touch", label_rule::touch}, {"touch-else-sign", label_rule::touch_else_sign}}};
  STATIC_REQUIRE(parse_name(words, "touch-else-sign") == label_rule::touch_else_sign);
  STATIC_REQUIRE(to_name(words, label_rule::touch) == "touch");
  CHECK(to_name(words, label_rule::meta).empty());
  CHECK_FALSE(parse_name(words, "barrier").has_value());
  CHECK(parse_name<label_rule>("barrier") == label_rule::touch);
  for (const auto& [name, rule] : enum_names<label_rule>::entries) CHECK(parse_name<label_rule>(to_name(rule)) == rule);
}
