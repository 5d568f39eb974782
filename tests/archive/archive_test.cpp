// Tests of the training archive: layout, queries, UTF-8, torn lines, corrupt index, reindex.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <embargo/archive.hpp>
#include <embargo/gates.hpp>

#include "../test_support.hpp"

using namespace embargo;
using embargo::test::temp_dir;

namespace {
assessed_model model(const std::string& symbol, double fitness, std::vector<double> history = {}) {
  model_summary s;
  s.symbol = symbol;
  s.metrics = {{"fitness", fitness}, {"profit_factor", 1.9}, {"consistency", 0.9}, {"max_drawdown", 0.05}};
  s.fitness_history = std::move(history);
  s.validation_interval = 1000;
  const seed_gate gate({}, {.validation_interval = s.validation_interval});
  return {s, gate.assess(s.metrics, s.fitness_history)};
}

run_record record(std::vector<assessed_model> ms) {
  run_record r;
  r.models = std::move(ms);
  return r;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST_CASE("archive: a run has the documented layout and is queryable") {
  temp_dir dir;
  training_archive a(dir.path());
  CHECK(a.list().empty());
  run_record r = record({model("AAPL", 0.75, {0.70, 0.75, 0.78, 0.75}), model("MSFT", 0.60),
                         model("TSLA", 0.80, {0.5, 0.9, 0.9, 0.6})});
  r.manifest = run_manifest{.version = "0.1.0", .training_start = "2020-01-01", .training_end = "2023-12-31",
                            .features_hash = content_hash("sma20,rsi14"), .code_hash = "abc", .config_hash = "cfg",
                            .seed = 42};
  r.report_sections = {"## Data integrity\n\nNo gaps."};
  r.extra_files = {{"integrity_report.json", "{\"gaps\": 0}\n"}};
  const std::string id = a.write_run(r);
  for (const char* f : {"summary.json", "model_assessments.json", "recommendations.md", "manifest.json",
                        "fitness_history.svg", "tier_counts.svg", "integrity_report.json"})
    CHECK(std::filesystem::exists(dir.path() / id / f));
  const auto runs = a.list();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].id == id);
  CHECK(runs[0].config_hash == "cfg");  // from the manifest
  CHECK(runs[0].approved_count == 2);
  CHECK(runs[0].review_count == 1);
  CHECK(runs[0].dropped_count == 0);
  CHECK(a.approved_models() == std::vector<std::string>{"AAPL", "TSLA"});
  CHECK(a.approved_models(id) == std::vector<std::string>{"AAPL", "TSLA"});
  const auto shown = a.show(id);
  CHECK(shown["manifest"]["seed"] == 42);
  CHECK(manifest_from_json(shown["manifest"], "m").features_hash == content_hash("sma20,rsi14"));
  CHECK(shown["assessments"]["models"][2]["checkpoint_update"] == 2000);
  const std::string md = slurp(dir.path() / id / "recommendations.md");
  CHECK_THAT(md, Catch::Contains("| APPROVED | 2 |"));
  CHECK_THAT(md, Catch::Contains("TSLA: final fitness 0.6 is 33.3 % below the peak 0.9 at validation point 1"));
  CHECK_THAT(md, Catch::Contains("## Data integrity"));
  const std::string fitness_svg = slurp(dir.path() / id / "fitness_history.svg");
  CHECK_THAT(fitness_svg, Catch::Contains("<path d=\"M"));        // a history drawn as a line
  CHECK_THAT(fitness_svg, Catch::Contains(">0.75<"));              // with tick values on its axis
  const std::string html = slurp(dir.path() / id / "report.html");  // the tear sheet, from the same run
  CHECK_THAT(html, Catch::Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"fitness-history\""));
  CHECK_THAT(html, Catch::Contains("integrity.json is not in this run"));  // a run without the research job's data
  CHECK(html.find("<script") == std::string::npos);
  CHECK(a.training_history().records.size() == 1);
  CHECK_THROWS_AS(a.show("nope"), data_error);
  CHECK_THROWS_AS(a.show("../etc"), invalid_argument);
  run_record bad = record({model("X", 0.8)});
  bad.extra_files = {{"summary.json", "{}"}};
  CHECK_THROWS_AS(a.write_run(bad), invalid_argument);
  bad.extra_files = {{"../escape", "{}"}};
  CHECK_THROWS_AS(a.write_run(bad), invalid_argument);
  CHECK(a.list().size() == 1);
}

TEST_CASE("archive: runs within the same second get distinct, ordered ids") {
  temp_dir dir;
  training_archive a(dir.path());
  std::vector<std::string> ids;
  // append, not "S" + std::to_string(i): GCC 12 -O3 warns falsely on that (-Wrestrict, bug 105329)
  for (int i = 0; i < 15; ++i) ids.push_back(a.write_run(record({model(std::string("S").append(std::to_string(i)), 0.8)})));
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  const auto runs = a.list();
  REQUIRE(runs.size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(runs[i].id == ids[i]);
  CHECK(ids.front().size() >= 22);  // YYYYMMDD_HHMMSS_ffffff
  CHECK(ids.front().find_first_not_of("0123456789_-") == std::string::npos);
}

TEST_CASE("archive: UTF-8 symbols round-trip, invalid UTF-8 is refused") {
  temp_dir dir;
  training_archive a(dir.path());
  const std::vector<std::string> symbols{"BTC/USDT", "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale", "\xe6\x97\xa5\xe6\x9c\xac|x"};
  std::vector<assessed_model> ms;
  for (const auto& s : symbols) ms.push_back(model(s, 0.8, {0.7, 0.8}));
  const std::string id1 = a.write_run(record(ms));
  const std::string id2 = a.write_run(record({model("BTC/USDT", 0.55)}));
  CHECK(a.approved_models(id1) == symbols);
  const auto h = a.symbol_history("BTC/USDT");
  REQUIRE(h.size() == 2);
  CHECK(h[0]["timestamp"] == id1);
  CHECK(h[0]["classification"] == "APPROVED");
  CHECK(h[1]["timestamp"] == id2);
  CHECK(h[1]["classification"] == "REVIEW");
  CHECK(a.symbol_history(symbols[1]).size() == 1);
  CHECK_THAT(slurp(dir.path() / id1 / "recommendations.md"), Catch::Contains("\xe6\x97\xa5\xe6\x9c\xac\\|x"));
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find_first_not_of("0123456789_-.abcdefghijklmnopqrstuvwxyz") == std::string::npos);
  CHECK_THROWS_AS(a.write_run(record({model("bad\xff", 0.8)})), data_error);
  CHECK(a.list().size() == 2);
}

TEST_CASE("archive: a torn last line is skipped with a warning and the next append is whole") {
  temp_dir dir;
  training_archive a(dir.path());
  a.append_monitoring({{"comparison", {{"model_b_win_rate", 0.8}}}, {"drift", {{"model_a_drift_pct", 2.0}}}});
  a.append_monitoring({{"comparison", {{"model_b_win_rate", 0.9}}}, {"drift", {{"model_a_drift_pct", 3.0}}}});
  {
    std::ofstream out(a.monitoring_history_path(), std::ios::app | std::ios::binary);
    out << "{\"comparison\": {\"model_b_win_";  // a crash in the middle of an append
  }
  json_lines before = a.monitoring_history();
  CHECK(before.records.size() == 2);
  REQUIRE(before.warnings.size() == 1);
  CHECK_THAT(before.warnings[0], Catch::Contains("monitoring_history.jsonl:3"));
  a.append_monitoring({{"comparison", {{"model_b_win_rate", 0.75}}}, {"drift", {{"model_a_drift_pct", 9.0}}}});
  json_lines after = a.monitoring_history();
  CHECK(after.records.size() == 3);
  CHECK(after.warnings.size() == 1);
  const auto obs = monitoring_observations(after.records);
  REQUIRE(obs.size() == 3);
  CHECK(obs[2].model_a_drift == Approx(0.09));
  CHECK(dual_model_switch_rule{}.decide(obs).use_model_b);
  a.append_monitoring({{"note", "no comparison"}});
  CHECK_FALSE(dual_model_switch_rule{}.decide(monitoring_observations(a.monitoring_history().records)).use_model_b);
}

TEST_CASE("archive: a corrupt index.json is a clear error and reindex rebuilds it") {
  temp_dir dir;
  training_archive a(dir.path());
  const std::string id1 = a.write_run(record({model("AAPL", 0.8)}));
  const std::string id2 = a.write_run(record({model("MSFT", 0.3)}));
  struct row {
    const char* content;
    const char* message;
  };
  const std::vector<row> rows = {{"{\"runs\": [", "not valid JSON"},
                                 {"", "empty"},
                                 {"[1, 2]", "\"runs\" array"},
                                 {"{\"runs\": [{\"timestamp\": 3}]}", "runs[0].timestamp"}};
  for (const row& r : rows) {
    INFO(r.content);
    embargo::test::write_text(a.index_path(), r.content);
    CHECK_THROWS_WITH(a.list(), Catch::Contains(r.message) && Catch::Contains("index.json") && Catch::Contains("reindex"));
    CHECK_THROWS_AS(a.write_run(record({model("X", 0.8)})), data_error);  // never overwrite what it cannot read
  }
  std::filesystem::create_directory(dir.path() / "garbage");
  std::filesystem::create_directory(dir.path() / ".staging-leftover");
  const reindex_result r = a.reindex();
  CHECK(r.runs == 2);
  CHECK(r.warnings.size() == 1);
  CHECK_FALSE(std::filesystem::exists(dir.path() / ".staging-leftover"));
  const auto runs = a.list();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == id1);
  CHECK(runs[1].id == id2);
  CHECK(runs[0].approved == std::vector<std::string>{"AAPL"});
  CHECK(runs[1].dropped_count == 1);
}

TEST_CASE("summary parsing: our names, the seed's names, and errors naming the field") {
  const auto ok = parse_summary(nlohmann::json::parse(R"({"models":[
      {"symbol":"AAPL","fitness":0.75,"profit_factor":1.9,"consistency":0.88,"max_drawdown":0.06,
       "fitness_history":[0.7,0.75],"validation_interval":1000,"sortino":1.4,"notes":"x"},
      {"symbol":"MSFT","final_fitness":0.75,"final_pf":null,"profit_factor_infinite":true,"final_consistency":0.88,
       "final_max_dd":0.06},
      {"symbol":"NVDA","fitness":null}]})"),
                                  "s.json");
  REQUIRE(ok.size() == 3);
  CHECK(ok[0].metrics.get("sortino") == 1.4);
  CHECK(ok[0].validation_interval == 1000);
  CHECK(ok[0].fitness_history.size() == 2);
  CHECK(std::isinf(*ok[1].metrics.get("profit_factor")));
  CHECK(ok[1].metrics.get("fitness") == 0.75);
  CHECK(std::isnan(*ok[2].metrics.get("fitness")));
  CHECK_FALSE(ok[2].metrics.contains("profit_factor"));
  CHECK(seed_gate{}.assess(ok[1].metrics).classification == tier::approved);

  struct row {
    const char* json;
    const char* message;
  };
  const std::vector<row> rows = {
      {R"([1])", "top level: expected an object"},
      {R"({})", "models: missing"},
      {R"({"models":[]})", "models: expected a non-empty array, got an empty array"},
      {R"({"models":{}})", "models: expected a non-empty array, got object"},
      {R"({"models":[3]})", "models[0]: expected an object, got number"},
      {R"({"models":[{"fitness":1}]})", "models[0].symbol: missing"},
      {R"({"models":[{"symbol":7}]})", "models[0].symbol: expected a non-empty string, got number"},
      {R"({"models":[{"symbol":""}]})", "models[0].symbol: expected a non-empty string"},
      {R"({"models":[{"symbol":"A"},{"symbol":"A"}]})", "models[1].symbol: duplicate symbol"},
      {R"({"models":[{"symbol":"A","profit_factor":"1.9"}]})", "models[0].profit_factor: expected a number or null, got string"},
      {R"({"models":[{"symbol":"A","final_pf":true}]})", "models[0].final_pf: expected a number or null, got boolean"},
      {R"({"models":[{"symbol":"A","fitness":1,"final_fitness":1}]})", "both \"fitness\" and \"final_fitness\""},
      {R"({"models":[{"symbol":"A","consistency":88}]})", "models[0].consistency: expected a fraction in [0, 1]"},
      {R"({"models":[{"symbol":"A","max_drawdown":-0.1}]})", "models[0].max_drawdown: expected a number >= 0"},
      {R"({"models":[{"symbol":"A","fitness_history":[0.1,"x"]}]})", "models[0].fitness_history[1]: expected a number"},
      {R"({"models":[{"symbol":"A","fitness_history":3}]})", "models[0].fitness_history: expected an array"},
      {R"({"models":[{"symbol":"A","validation_interval":-5}]})", "models[0].validation_interval: expected an integer"},
      {R"({"models":[{"symbol":"A","validation_interval":1.5}]})", "models[0].validation_interval: expected an integer"},
  };
  for (const row& r : rows) {
    INFO(r.json);
    CHECK_THROWS_WITH(parse_summary(nlohmann::json::parse(r.json), "s.json"),
                      Catch::StartsWith("s.json: ") && Catch::Contains(r.message));
  }
}

TEST_CASE("gate config: our form and the seed's names, unknown keys are errors") {
  seed_gate::thresholds_type t;
  overfitting_options o;
  apply_gate_config(nlohmann::json::parse(R"({"thresholds":{"fitness":{"approved":0.8,"review":0.6}},
      "overfitting":{"decline_threshold":0.1},"approved_min_pf":2.0,"review_max_drawdown":0.2,
      "fitness_oscillation_threshold":0.2})"),
                    t, o, "g.json");
  CHECK(t.at<fitness_at_least>().approved == 0.8);
  CHECK(t.at<fitness_at_least>().review == 0.6);
  CHECK(t.at<profit_factor_at_least>().approved == 2.0);
  CHECK(t.at<max_drawdown_at_most>().review == 0.2);
  CHECK(o.decline_threshold == 0.1);
  CHECK(o.oscillation_threshold == 0.2);
  struct row {
    const char* json;
    const char* message;
  };
  const std::vector<row> rows = {
      {R"({"approved_min_fitnes":0.8})", "g.json: approved_min_fitnes: unknown key"},
      {R"({"approved_min_pf":"2"})", "g.json: approved_min_pf: expected a number, got string"},
      {R"({"thresholds":{"sortino":{"approved":1}}})", "thresholds.sortino: this gate has no criterion"},
      {R"({"thresholds":{"fitness":{"aproved":1}}})", "thresholds.fitness.aproved: unknown key"},
      {R"({"overfitting":{"decline":1}})", "overfitting.decline: unknown key"},
      {R"([])", "top level: expected an object"},
  };
  for (const row& r : rows) {
    INFO(r.json);
    CHECK_THROWS_WITH(apply_gate_config(nlohmann::json::parse(r.json), t, o, "g.json"), Catch::Contains(r.message));
  }
}
