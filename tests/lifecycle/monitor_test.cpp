// The dual-model monitor on new bars: a pair built so that B wins switches after the third run
// and not before; drift alerts at the seed's thresholds; the Prometheus file passes promtool.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>

#include <embargo/data/csv.hpp>
#include <embargo/lifecycle.hpp>

#include "lifecycle_support.hpp"

using namespace embargo;
using namespace embargo::lifecycle;

namespace {

constexpr std::size_t training_bars = 1200;

// The first symbol's training bars, then `extra` weekday bars of a steady uptrend with noise.
bars history_and_uptrend(std::size_t extra) {
  const bars& full = lifecycle_test::market().symbols[0];
  bars b;
  b.symbol = full.symbol;
  for (std::size_t i = 0; i < training_bars; ++i) b.push_back(full.time[i], full.open[i], full.high[i], full.low[i], full.close[i], full.volume[i]);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z;
  timestamp t = b.time.back();
  for (std::size_t i = 0; i < extra; ++i) {
    do t += 86400;
    while ((t / 86400 + 4) % 7 == 0 || (t / 86400 + 4) % 7 == 6);  // 1970-01-01 was a Thursday: skip Sunday (0), Saturday (6)
    const double open = b.close.back(), close = open * std::exp(0.006 + 0.01 * z(rng));
    b.push_back(t, open, std::max(open, close) * 1.003, std::min(open, close) * 0.997, close, b.volume.back());
  }
  return b;
}

panel one(const bars& b) {
  panel p;
  p.symbols.push_back(b);
  return p;
}

// Replaces a model file's model by a constant-probability logit (zero slopes), re-checksummed.
void make_constant(const std::filesystem::path& file, double p) {
  model_file f = read_model_file(file);
  const auto k = static_cast<Eigen::Index>(f.feature_names.size());
  const auto m = research::logit_model::restore(logistic_regression::restore({}, Eigen::VectorXd::Zero(k), std::log(p / (1 - p))),
                                                Eigen::RowVectorXd::Zero(k), Eigen::RowVectorXd::Ones(k), true);
  f.kind = "logit";
  f.model = model_codec<research::logit_model>::save(m);
  std::ofstream(file, std::ios::binary) << model_file_text(f);
}

void set_baseline_accuracy(const std::filesystem::path& run_dir, const std::string& symbol, double accuracy) {
  auto j = nlohmann::json::parse(read_text_file((run_dir / "validation_baseline.json").string()));
  j["symbols"][symbol]["model_a"]["accuracy"] = accuracy;
  std::ofstream(run_dir / "validation_baseline.json", std::ios::binary) << j.dump(2);
}

struct served {
  std::filesystem::path run_dir;
  std::string symbol;
};

// A run on the training bars; the first symbol's pair replaced: A always short, B always long.
served setup(const std::filesystem::path& archive) {
  const auto o = lifecycle_test::loose_options();
  const auto results = research::research_job(o).run(one(history_and_uptrend(0)));
  const auto run = research::archive_results(results, archive.string(), "test");
  const std::string symbol = results.symbols[0].symbol();
  REQUIRE(results.symbols[0].gate.classification == tier::approved);
  REQUIRE(model_registry(archive).resolve(symbol, "champion"));
  const auto run_dir = archive / run.run_id;
  const auto folder = run_dir / "models" / symbol_folder(symbol);
  REQUIRE(std::filesystem::is_regular_file(folder / "model_a.json"));
  make_constant(folder / "model_a.json", 0.45);
  make_constant(folder / "model_b.json", 0.55);
  set_baseline_accuracy(run_dir, symbol, 0.01);  // A cannot fall below it: no drift
  return {run_dir, symbol};
}

}  // namespace

TEST_CASE("monitor: a model B built to win switches after the third run and not before") {
  lifecycle_test::scratch_dir dir("monitor-switch");
  const auto s = setup(dir.path);
  model_registry reg(dir.path);
  const std::string file_b = "models/" + symbol_folder(s.symbol) + "/model_b.json";
  for (std::size_t k = 1; k <= 3; ++k) {
    const auto report = monitor(dir.path, one(history_and_uptrend(60 * k)));
    REQUIRE(report.symbols.size() == 1);
    const auto& m = report.symbols[0];
    REQUIRE(m.monitored);
    INFO("run " << k << ": " << m.record.dump());
    CHECK(m.record["winner"] == "B");
    CHECK(m.record["comparison"]["model_b_win_rate"].get<double>() >= 0.75);
    CHECK(m.record["drift"]["status"] == "ok");
    CHECK(m.switched == (k == 3));
    CHECK((reg.resolve(s.symbol, "champion")->file == file_b) == (k == 3));
  }
  CHECK(training_archive(dir.path).monitoring_history().records.size() == 3);
  std::size_t switches = 0;
  for (const auto& d : read_json_lines(decision_log_path(dir.path)).records) switches += d["what"] == "switch";
  CHECK(switches == 1);
  CHECK(reg.history(s.symbol).back()["to_file"] == file_b);
  // A fourth run keeps B (no second switch).
  CHECK(monitor(dir.path, one(history_and_uptrend(240))).switches == 0);
}

TEST_CASE("monitor: drift alerts at 5 and 10 percent, and a rising drift is degrading") {
  lifecycle_test::scratch_dir dir("monitor-drift");
  const auto s = setup(dir.path);
  const panel bars = one(history_and_uptrend(120));
  const auto first = monitor(dir.path, bars).symbols.at(0);
  REQUIRE(first.monitored);
  const double accuracy = first.record["drift"]["accuracy"].get<double>();
  REQUIRE(accuracy > 0);
  auto status_at = [&](double drift_pct) {
    set_baseline_accuracy(s.run_dir, s.symbol, accuracy / (1 - drift_pct / 100));
    return monitor(dir.path, bars).symbols.at(0);
  };
  const auto ok = status_at(3);
  CHECK(ok.record["drift"]["status"] == "ok");
  CHECK(ok.alerts.empty());
  const auto warn = status_at(7);
  CHECK(warn.record["drift"]["status"] == "warn");
  CHECK(std::abs(warn.record["drift"]["model_a_drift_pct"].get<double>() - 7) < 1e-9);
  const auto retrain = status_at(12);
  CHECK(retrain.record["drift"]["status"] == "retrain");
  // 0, 3, 7, 12: the drift rose in each of the last three runs.
  REQUIRE(retrain.alerts.size() == 2);
  CHECK_THAT(retrain.alerts[1], Catch::Contains("degrading"));
  std::size_t alerts = 0;
  for (const auto& d : read_json_lines(decision_log_path(dir.path)).records) alerts += d["what"] == "alert";
  CHECK(alerts == 1 + 2);
}

TEST_CASE("monitor: the Prometheus file and the daily summary describe the archive") {
  lifecycle_test::scratch_dir dir("monitor-prom");
  const auto s = setup(dir.path);
  monitor(dir.path, one(history_and_uptrend(120)));
  const std::string prom = read_text_file((dir.path / "embargo.prom").string());
  CHECK_THAT(prom, Catch::Contains("embargo_run_duration_seconds "));
  CHECK_THAT(prom, Catch::Contains("embargo_models{tier=\"APPROVED\"} 1"));
  CHECK_THAT(prom, Catch::Contains("embargo_drift_percent{symbol=\"" + s.symbol + "\"} 0"));
  CHECK_THAT(prom, Catch::Contains("embargo_serving_model_age_seconds{symbol=\"" + s.symbol + "\"}"));
  CHECK_THAT(prom, Catch::Contains("# TYPE embargo_switches_total counter"));
  const char* promtool = "/usr/bin/promtool";
  if (std::filesystem::exists(promtool)) {
    const std::string cmd = std::string(promtool) + " check metrics < '" + (dir.path / "embargo.prom").string() + "' > '" +
                            (dir.path / "promtool.txt").string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    INFO(read_text_file((dir.path / "promtool.txt").string()));
    CHECK(rc == 0);
  } else {
    WARN("promtool is not installed (Debian package prometheus): the exposition format is not checked by it");
  }
  const auto day = embargo::detail::archive_clock().iso.substr(0, 10);
  const auto summary = nlohmann::json::parse(read_text_file((dir.path / "daily" / (day + ".json")).string()));
  CHECK(summary["counts"]["runs"] == 1);
  CHECK(summary["counts"]["monitors"] == 1);
  CHECK(summary["counts"]["gate"]["APPROVED"] == 1);
}

TEST_CASE("monitor: symbols without a served pair or new bars are reported, not monitored") {
  lifecycle_test::scratch_dir dir("monitor-none");
  const auto s = setup(dir.path);
  const auto no_new = monitor(dir.path, one(history_and_uptrend(0))).symbols.at(0);
  CHECK_FALSE(no_new.monitored);
  CHECK_THAT(no_new.reason, Catch::Contains("no labelled event after the training end"));
  const auto other_alias = monitor(dir.path, one(history_and_uptrend(60)), {.alias = "challenger"}).symbols.at(0);
  CHECK_FALSE(other_alias.monitored);
  CHECK_THAT(other_alias.reason, Catch::Contains("no model under the alias \"challenger\""));
  CHECK_THROWS_AS(monitor(dir.path, one(history_and_uptrend(60)), {.window_bars = 0}), invalid_argument);
  CHECK_THROWS_AS(monitor(dir.path / "absent", one(history_and_uptrend(60))), data_error);
}
