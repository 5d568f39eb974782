// The research configuration: the JSON round trip, the hash, the strict reader's messages (every
// key, by walking the written defaults) and the domain checks of validate_options.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <embargo/research/config_json.hpp>
#include <embargo/research/validate.hpp>

using namespace embargo::research;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

research_options read_text(const std::string& text) {
  return research_options_from_json(parse_config_text(text, "config.json"), "config.json");
}

/// The message of the data_error that reading `text` throws ("" when it reads).
std::string read_error(const std::string& text) {
  try {
    read_text(text);
  } catch (const embargo::data_error& e) {
    return e.what();
  }
  return "";
}

std::string json_error(const nlohmann::json& j) {
  try {
    research_options_from_json(j, "config.json");
  } catch (const embargo::data_error& e) {
    return e.what();
  }
  return "";
}

struct leaf {
  std::string path;             // labels.pt
  nlohmann::json::json_pointer pointer;  // /labels/pt
  nlohmann::ordered_json value;
};

/// Every leaf of a written configuration (arrays are leaves), in order.
void collect_leaves(const nlohmann::ordered_json& j, const std::string& path, const std::string& pointer,
                    std::vector<leaf>& out) {
  if (j.is_object()) {
    for (const auto& item : j.items())
      collect_leaves(item.value(), path.empty() ? item.key() : path + "." + item.key(), pointer + "/" + item.key(), out);
  } else {
    out.push_back({path, nlohmann::json::json_pointer(pointer), j});
  }
}

/// Values of a type other than `v`'s.
std::vector<nlohmann::json> wrong_values(const nlohmann::ordered_json& v) {
  if (v.is_boolean()) return {"yes", 1, nullptr, nlohmann::json::array()};
  if (v.is_number()) return {"x", true, nullptr, nlohmann::json::object(), nlohmann::json::array({1})};
  if (v.is_string()) return {12, true, nullptr, nlohmann::json::array()};
  if (v.is_array()) return {"x", 1, nlohmann::json::object()};
  return {};
}

research_options changed_options() {
  research_options o;
  o.seed = (std::uint64_t{1} << 63) + 5;
  o.threads = 3;
  o.bet_sizing = embargo::sizing::linear;
  o.integrity.interval_seconds = 3600;
  o.integrity.outliers = embargo::outlier_policy::drop;
  o.universe.preset = universe_preset::many_pairs;
  o.events.method = event_method::every_bar;
  o.labels.pt = 1.25;
  o.labels.min_ret = 0.1 + 0.2;  // not a short decimal: the text must still read back exactly
  o.labels.rule = embargo::label_rule::touch_else_sign;
  o.labels.meta_filter = true;
  o.features.set = feature_set_kind::returns4;
  o.weights.decay = -0.25;
  o.regimes.enabled = true;
  o.regimes.weights = {1, 1, 1, 3, 0};
  o.regimes.shares = {0.1, 0.2, 0.3, 0.2, 0.2};
  o.validation.method = validation_method::cpcv;
  o.validation.n_groups = 10;
  o.validation.n_test_groups = 9;
  o.models.use = {"ridge", "xgboost", "consensus", "accuracy_weighted"};
  o.models.scaler = scaler_weighting::unweighted;
  o.costs.maker_share = 0.25;
  o.costs.min_edge = 0.0005;
  o.gate.fitness = {0.8, 0.6};
  o.gate.min_trades = 0;
  return o;
}

}  // namespace

TEST_CASE("research config: defaults validate and round-trip through JSON text") {
  const research_options d;
  CHECK_NOTHROW(validate_options(d));
  const auto written = to_json(d);
  CHECK_FALSE(written.contains("threads"));
  CHECK(to_json(d, true).contains("threads"));
  CHECK(written.begin().key() == "seed");  // declared order
  CHECK(written["labels"]["method"] == "triple_barrier");
  CHECK(written["regimes"]["shares"].size() == 5);

  const auto back = research_options_from_json(nlohmann::json::parse(written.dump()), "config.json");
  CHECK(to_json(back, true).dump() == to_json(d, true).dump());
  CHECK(config_hash(back) == config_hash(d));

  // An empty object is the defaults.
  CHECK(to_json(read_text("{}"), true).dump() == to_json(d, true).dump());
}

TEST_CASE("research config: a changed configuration round-trips exactly") {
  const research_options o = changed_options();
  REQUIRE_NOTHROW(validate_options(o));
  const std::string text = to_json(o, true).dump(2);
  const research_options back = read_text(text);
  CHECK(to_json(back, true).dump() == to_json(o, true).dump());
  CHECK(back.seed == o.seed);
  CHECK(back.threads == 3);
  CHECK(back.labels.min_ret == o.labels.min_ret);
  CHECK(back.labels.rule == embargo::label_rule::touch_else_sign);
  CHECK(back.models.use == o.models.use);
  CHECK(back.regimes.weights == o.regimes.weights);
  CHECK(back.gate.fitness.review == 0.6);
  CHECK(to_json(o)["labels"]["rule"] == "barrier_else_sign");  // the enum's table name
  CHECK(config_hash(back) == config_hash(o));
  CHECK(config_hash(o) != config_hash(research_options{}));
}

TEST_CASE("research config: the hash ignores threads and follows every value") {
  const research_options d;
  const std::string h = config_hash(d);
  REQUIRE(h.size() == 16);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(config_hash(d) == h);  // stable

  research_options t = d;
  t.threads = 7;
  CHECK(config_hash(t) == h);

  research_options a = d;
  a.labels.pt = 2.5;
  CHECK(config_hash(a) != h);
  research_options b = d;
  b.models.use.pop_back();
  CHECK(config_hash(b) != h);
  research_options c = d;
  c.gate.max_drawdown.review = 0.2;
  CHECK(config_hash(c) != h);
  research_options e = d;
  e.validation.method = validation_method::purged_kfold;
  CHECK(config_hash(e) != h);
  CHECK(config_hash(a) != config_hash(c));
}

TEST_CASE("research config: every key rejects a value of the wrong type, naming its path") {
  std::vector<leaf> leaves;
  collect_leaves(to_json(research_options{}, true), "", "", leaves);
  REQUIRE(leaves.size() > 80);
  std::size_t checked = 0;
  for (const auto& l : leaves) {
    for (const auto& bad : wrong_values(l.value)) {
      nlohmann::json j;
      j[l.pointer] = bad;
      INFO(l.path << " = " << bad.dump());
      CHECK_THAT(json_error(j), StartsWith("config.json: " + l.path + ": expected "));
      ++checked;
    }
    if (l.value.is_array()) {  // and each array's elements
      nlohmann::json j;
      j[l.pointer] = nlohmann::json(l.value);
      j[l.pointer][0] = l.value[0].is_string() ? nlohmann::json(1) : nlohmann::json("x");
      INFO(j.dump());
      CHECK_THAT(json_error(j), StartsWith("config.json: " + l.path + "[0]: expected "));
    }
  }
  CHECK(checked > 300);
  CHECK(read_error(R"({"labels": {"pt": "x"}})") == R"(config.json: labels.pt: expected a number, got "x")");
}

TEST_CASE("research config: values outside their domain are rejected, naming the key") {
  struct row {
    const char* text;
    const char* key;
  };
  const std::vector<row> rows = {
      {R"({"periods_per_year": 0})", "periods_per_year"},
      {R"({"threads": 257})", "threads"},
      {R"({"integrity": {"max_fill": -1}})", "integrity.max_fill"},
      {R"({"integrity": {"hampel_window": 0}})", "integrity.hampel_window"},
      {R"({"integrity": {"hampel_threshold": 0}})", "integrity.hampel_threshold"},
      {R"({"integrity": {"mismatch_threshold": -0.1}})", "integrity.mismatch_threshold"},
      {R"({"integrity": {"max_mismatch_share": 1.5}})", "integrity.max_mismatch_share"},
      {R"({"universe": {"max_spread": 0}})", "universe.max_spread"},
      {R"({"universe": {"min_dollar_volume": -1}})", "universe.min_dollar_volume"},
      {R"({"universe": {"window": 1}})", "universe.window"},
      {R"({"universe": {"max_repaired_fraction": -0.1}})", "universe.max_repaired_fraction"},
      {R"({"events": {"vol_span": 0.5}})", "events.vol_span"},
      {R"({"events": {"threshold": -0.01}})", "events.threshold"},
      {R"({"events": {"cusum_multiplier": 0}})", "events.cusum_multiplier"},
      {R"({"events": {"min_events": 0}})", "events.min_events"},
      {R"({"labels": {"pt": -1}})", "labels.pt"},
      {R"({"labels": {"sl": -0.5}})", "labels.sl"},
      {R"({"labels": {"vertical_bars": 0}})", "labels.vertical_bars"},
      {R"({"labels": {"vertical_bars": 100001}})", "labels.vertical_bars"},
      {R"({"labels": {"min_ret": -0.001}})", "labels.min_ret"},
      {R"({"labels": {"atr_period": 0}})", "labels.atr_period"},
      {R"({"labels": {"horizon": 0}})", "labels.horizon"},
      {R"({"labels": {"latency": 100001}})", "labels.latency"},
      {R"({"labels": {"meta_threshold": 0.5}})", "labels.meta_threshold"},
      {R"({"labels": {"meta_threshold": 1}})", "labels.meta_threshold"},
      {R"({"weights": {"decay": 1.5}})", "weights.decay"},
      {R"({"weights": {"decay": -1}})", "weights.decay"},
      {R"({"weights": {"recency_half_life": -1}})", "weights.recency_half_life"},
      {R"({"regimes": {"weights": [1, 1, -1, 1, 1]}})", "regimes.weights[2]"},
      {R"({"regimes": {"shares": [0.2, 0.2, 0.2, 0.2, 0.1]}})", "regimes.shares"},
      {R"({"regimes": {"shares": [1.2, -0.2, 0, 0, 0]}})", "regimes.shares[1]"},
      {R"({"regimes": {"min_trades": 0}})", "regimes.min_trades"},
      {R"({"validation": {"initial_train_fraction": 1}})", "validation.initial_train_fraction"},
      {R"({"validation": {"initial_train_fraction": 0}})", "validation.initial_train_fraction"},
      {R"({"validation": {"n_tests": 0}})", "validation.n_tests"},
      {R"({"validation": {"n_tests": 1001}})", "validation.n_tests"},
      {R"({"validation": {"n_splits": 1}})", "validation.n_splits"},
      {R"({"validation": {"n_groups": 2}})", "validation.n_groups"},
      {R"({"validation": {"n_test_groups": 6}})", "validation.n_test_groups"},
      {R"({"validation": {"n_test_groups": 0}})", "validation.n_test_groups"},
      {R"({"validation": {"embargo_fraction": 1}})", "validation.embargo_fraction"},
      {R"({"models": {"use": []}})", "models.use"},
      {R"({"models": {"use": [""]}})", "models.use"},
      {R"({"models": {"use": ["consensus", "logit"]}})", "models.use"},
      {R"({"models": {"use": ["logit", "consensus"]}})", "models.use"},
      {R"({"models": {"use": ["logit", "ridge", "logit"]}})", "models.use"},
      {R"({"models": {"logit_lambda": -1}})", "models.logit_lambda"},
      {R"({"models": {"ridge_lambda": -0.1}})", "models.ridge_lambda"},
      {R"({"models": {"accuracy_floor": 1}})", "models.accuracy_floor"},
      {R"({"models": {"xgboost_rounds": 0}})", "models.xgboost_rounds"},
      {R"({"models": {"xgboost_rounds": 10001}})", "models.xgboost_rounds"},
      {R"({"models": {"xgboost_learning_rate": 0}})", "models.xgboost_learning_rate"},
      {R"({"models": {"xgboost_max_depth": 33}})", "models.xgboost_max_depth"},
      {R"({"costs": {"taker_fee": -0.0001}})", "costs.taker_fee"},
      {R"({"costs": {"funding": -0.00001}})", "costs.funding"},
      {R"({"costs": {"maker_share": 2}})", "costs.maker_share"},
      {R"({"costs": {"min_edge": -0.001}})", "costs.min_edge"},
      {R"({"gate": {"fitness": {"approved": 0.4}}})", "gate.fitness"},
      {R"({"gate": {"profit_factor": {"approved": 1.0}}})", "gate.profit_factor"},
      {R"({"gate": {"consistency": {"review": 0.9}}})", "gate.consistency"},
      {R"({"gate": {"max_drawdown": {"approved": 0.2}}})", "gate.max_drawdown"},
      {R"({"gate": {"fitness": {"approved": 1.2}}})", "gate.fitness.approved"},
      {R"({"gate": {"consistency": {"approved": 1.5, "review": 1.2}}})", "gate.consistency.approved"},
      {R"({"gate": {"max_drawdown": {"approved": -0.1, "review": -0.05}}})", "gate.max_drawdown.approved"},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    CHECK_THAT(read_error(r.text), StartsWith(std::string("config.json: ") + r.key + ": "));
  }
  CHECK(read_error(R"({"labels": {"pt": -1}})") == "config.json: labels.pt: must be >= 0 (got -1)");
  CHECK(read_error(R"({"gate": {"fitness": {"approved": 0.4}}})") ==
        "config.json: gate.fitness: approved (0.4) must be >= review (0.5)");
  CHECK(read_error(R"({"labels": {"meta_threshold": 0.5}})") ==
        "config.json: labels.meta_threshold: must be in (0.5, 1) (got 0.5)");
  CHECK(read_error(R"({"models": {"use": ["my_own_kind"]}})").empty());  // names are checked by research_job against its registry

  // The edges that are allowed.
  for (const char* ok : {R"({"threads": 256})", R"({"gate": {"min_trades": 0, "min_test_windows": 0}})",
                         R"({"weights": {"decay": 1}})", R"({"weights": {"decay": -0.99}})",
                         R"({"validation": {"n_test_groups": 5}})", R"({"labels": {"latency": 100000}})",
                         R"({"models": {"use": ["logit", "ridge", "consensus"]}})", R"({"costs": {"maker_share": 1}})", R"({"models": {"use": ["logit", "consensus", "ridge"]}})",
                         R"({"validation": {"embargo_fraction": 0}})"}) {
    INFO(ok);
    CHECK(read_error(ok).empty());
  }
}

TEST_CASE("research config: validate_options throws config_error with the key") {
  research_options o;
  o.labels.pt = -1;
  try {
    validate_options(o);
    FAIL("no error");
  } catch (const config_error& e) {
    CHECK(e.key() == "labels.pt");
    CHECK(std::string(e.what()) == "labels.pt: must be >= 0 (got -1)");
  }
  CHECK_THROWS_AS(validate_options(o), embargo::invalid_argument);

  // Every double is checked for finiteness by the walk, arrays element by element.
  research_options n;
  n.costs.spread = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(validate_options(n), "costs.spread: must be finite (got nan)");
  research_options w;
  w.regimes.weights[1] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(validate_options(w), "regimes.weights[1]: must be finite (got inf)");
  research_options g;
  g.gate.profit_factor.review = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(validate_options(g), "gate.profit_factor.review: must be finite (got -inf)");
  CHECK(to_json(n)["costs"]["spread"].is_null());
}

TEST_CASE("research config: the reader's structural errors") {
  // Unknown keys name their path and list the allowed keys of that object.
  CHECK_THAT(read_error(R"({"labels": {"tp": 2}})"),
             StartsWith("config.json: labels.tp: unknown key") && Contains("pt, sl, vertical_bars"));
  CHECK_THAT(read_error(R"({"gate": {"fitness": {"approved": 0.8, "rewiew": 0.5}}})"),
             StartsWith("config.json: gate.fitness.rewiew: unknown key") && Contains("approved, review"));
  CHECK_THAT(read_error(R"({"data": "bars.csv"})"), StartsWith("config.json: data: unknown key") && Contains("seed, threads"));

  // Duplicate keys, anywhere.
  CHECK_THROWS_WITH(parse_config_text(R"({"labels": {"pt": 1, "sl": 1, "pt": 2}})", "config.json"),
                    "config.json: labels.pt: duplicate key");
  CHECK_THROWS_WITH(parse_config_text(R"({"seed": 1, "seed": 1})", "c.json"), "c.json: seed: duplicate key");
  CHECK_THROWS_WITH(parse_config_text(R"({"a": [{"b": 1}, {"c": [1, {"d": 1, "d": 2}]}]})", "c.json"),
                    "c.json: a[1].c[1].d: duplicate key");
  CHECK_NOTHROW(parse_config_text(R"({"gate": {"fitness": {"approved": 1, "review": 0}, "max_drawdown": {"approved": 0, "review": 1}}})", "c.json"));

  // Not JSON, not an object, not a section.
  CHECK_THAT(read_error("{\"seed\": 1,}"), StartsWith("config.json: not valid JSON: "));
  CHECK_THAT(read_error("[1, 2]"), StartsWith("config.json: expected an object, got [1,2]"));
  CHECK_THAT(read_error(R"({"labels": 3})"), StartsWith("config.json: labels: expected an object, got 3"));
  CHECK_THAT(read_error(R"({"gate": {"fitness": 0.7}})"), StartsWith("config.json: gate.fitness: expected an object"));

  // Numbers: too large for a double, negative or fractional into an integer, out of the type's range.
  CHECK_THAT(read_error(R"({"labels": {"pt": 1e400}})"), StartsWith("config.json: labels.pt: not a finite number"));
  CHECK_THAT(read_error(R"({"regimes": {"weights": [1, 1, 1, -1e999, 1]}})"),
             StartsWith("config.json: regimes.weights[3]: not a finite number"));
  nlohmann::json inf;
  inf["labels"]["pt"] = std::numeric_limits<double>::infinity();
  CHECK(json_error(inf) == "config.json: labels.pt: not a finite number");
  CHECK(read_error(R"({"labels": {"vertical_bars": -5}})") ==
        "config.json: labels.vertical_bars: expected a non-negative integer, got -5");
  CHECK(read_error(R"({"threads": -1})") == "config.json: threads: expected a non-negative integer, got -1");
  CHECK(read_error(R"({"labels": {"vertical_bars": 2.5}})") ==
        "config.json: labels.vertical_bars: expected an integer, got 2.5");
  CHECK(read_error(R"({"seed": 1.0})") == "config.json: seed: expected an integer, got 1.0");
  CHECK_THAT(read_error(R"({"threads": 5000000000})"), StartsWith("config.json: threads: out of range"));
  CHECK_THAT(read_error(R"({"integrity": {"interval_seconds": 9223372036854775808}})"),
             StartsWith("config.json: integrity.interval_seconds: out of range"));
  CHECK(read_text(R"({"seed": 18446744073709551615})").seed == std::numeric_limits<std::uint64_t>::max());
  CHECK(read_text(R"({"labels": {"pt": 3}})").labels.pt == 3.0);  // an integer is a number

  // Enums: a name outside the table lists the choices.
  CHECK(read_error(R"({"labels": {"rule": "touch"}})") ==
        R"(config.json: labels.rule: unknown name "touch"; choices: sign, barrier, barrier_else_sign)");
  CHECK_THAT(read_error(R"({"validation": {"method": "kfold"}})"), Contains("walk_forward, purged_kfold, cpcv"));

  // Arrays of the wrong length.
  CHECK_THAT(read_error(R"({"regimes": {"shares": [0.5, 0.5]}})"),
             StartsWith("config.json: regimes.shares: expected an array of 5 elements"));

  // Absent keys keep their defaults; present ones are read.
  const auto o = read_text(R"({"labels": {"pt": 1.5}, "threads": 2, "bet_sizing": "sign"})");
  CHECK(o.labels.pt == 1.5);
  CHECK(o.labels.sl == 2.0);
  CHECK(o.threads == 2);
  CHECK(o.bet_sizing == embargo::sizing::sign);
}

TEST_CASE("research config: describe_options prints every key once, in declared order") {
  const research_options d;
  const std::string s = describe_options(d);
  CHECK_THAT(s, Contains("\nlabels.pt = 2\n"));
  CHECK_THAT(s, StartsWith("seed = 42\nthreads = 0\nperiods_per_year = 252\nbet_sizing = probit\n"));
  CHECK_THAT(s, Contains("\ncosts.taker_fee = 0.0005\n"));
  CHECK_THAT(s, Contains("\nmodels.use = [logit, logit_strong_l2, stack_ridge_meta, consensus]\n"));
  CHECK_THAT(s, Contains("\nregimes.shares = [0.2, 0.4, 0.2, 0.1, 0.1]\n"));
  CHECK_THAT(s, Contains("\ngate.fitness.approved = 0.7\n"));

  std::vector<leaf> leaves;
  collect_leaves(to_json(d, true), "", "", leaves);
  std::size_t pos = 0;
  for (const auto& l : leaves) {  // the same keys as the JSON writer, in the same order
    const auto at = s.find(l.path + " = ", pos);
    INFO(l.path);
    REQUIRE(at != std::string::npos);
    pos = at;
  }
  CHECK(static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) == leaves.size());
}
