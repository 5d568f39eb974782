// The model lifecycle end to end through the embargo program: a run exports and registers its
// models, predict serves them on later bars, three monitor runs compare the dual-model pair (built
// so that B wins) and the third switches; the switch is in the registry and the decision log.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include <embargo/lifecycle.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;
using embargo::test::temp_dir;
using embargo::test::write_text;

namespace {

std::string q(const std::filesystem::path& p) {
  std::string s(1, '\'');
  s += p.string();
  s += '\'';
  return s;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The simulated symbol's CSV rows, then `extra` weekday bars of a noisy uptrend.
std::string bars_csv(const std::string& simulated, std::size_t extra) {
  std::string out = simulated;
  std::istringstream in(simulated);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  std::vector<std::string> f;
  std::stringstream ls(last);
  for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
  auto t = embargo::parse_timestamp(f[0]).value();
  double close = std::stod(f[5]);
  const double volume = std::stod(f[6]);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z;
  for (std::size_t i = 0; i < extra; ++i) {
    do t += 86400;
    while ((t / 86400 + 4) % 7 == 0 || (t / 86400 + 4) % 7 == 6);
    const double open = close;
    close = open * std::exp(0.006 + 0.01 * z(rng));
    char row[256];
    std::snprintf(row, sizeof row, "%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g\n", embargo::format_timestamp(t, true).c_str(), f[1].c_str(), open,
                  std::max(open, close) * 1.003, std::min(open, close) * 0.997, close, volume);
    out += row;
  }
  return out;
}

void make_constant(const std::filesystem::path& file, double p) {
  using namespace embargo;
  auto f = lifecycle::read_model_file(file);
  const auto k = static_cast<Eigen::Index>(f.feature_names.size());
  const auto m = research::logit_model::restore(logistic_regression::restore({}, Eigen::VectorXd::Zero(k), std::log(p / (1 - p))),
                                                Eigen::RowVectorXd::Zero(k), Eigen::RowVectorXd::Ones(k), true);
  f.kind = "logit";
  f.model = lifecycle::model_codec<research::logit_model>::save(m);
  write_text(file, lifecycle::model_file_text(f));
}

}  // namespace

TEST_CASE("lifecycle: run, predict on later bars, monitor three times, switch recorded") {
  temp_dir dir;
  const auto sim = run_tool("simulate --symbols 1 --bars 1200 --seed 11");
  REQUIRE(sim.status == 0);
  write_text(dir / "train.csv", sim.out);
  write_text(dir / "config.json", R"({"threads": 1, "models": {"use": ["logit", "ridge"]},
    "gate": {"fitness": {"approved": 0, "review": 0}, "profit_factor": {"approved": 0, "review": 0},
             "consistency": {"approved": 0, "review": 0}, "max_drawdown": {"approved": 1, "review": 1},
             "min_trades": 1, "min_test_windows": 1}})");
  const auto run = run_tool("run --config " + q(dir / "config.json") + " --data " + q(dir / "train.csv") + " --out " + q(dir / "A") + " --json");
  REQUIRE(run.status == 0);
  const auto ran = nlohmann::json::parse(run.out);
  const std::string id = ran["run"], symbol = ran["symbols"][0]["symbol"];
  REQUIRE(ran["symbols"][0]["classification"] == "APPROVED");

  const auto listed = run_tool("registry --archive " + q(dir / "A") + " list");
  REQUIRE(listed.status == 0);
  CHECK(nlohmann::json::parse(listed.out)["symbols"][symbol]["champion"]["run"] == id);
  const auto manifest = nlohmann::json::parse(slurp(dir / "A" / id / "manifest.json"));
  CHECK_THAT(manifest["code_hash"].get<std::string>(), Catch::Matches("embargo [0-9.]+ headers-sha256:[0-9a-f]{16}"));

  // Predict on later bars: one row per usable bar, the first symbol ranked first (it is alone).
  write_text(dir / "later.csv", bars_csv(sim.out, 60));
  std::filesystem::create_directories(dir / "signals");
  const auto pred = run_tool("predict --archive " + q(dir / "A") + " --bars " + q(dir / "later.csv") + " --out " + q(dir / "signals" / "signals.csv"));
  REQUIRE(pred.status == 0);
  const std::string signals = slurp(dir / "signals" / "signals.csv");
  CHECK(signals.rfind("time,symbol,probability,position,score,rank,consensus\n", 0) == 0);
  CHECK(std::count(signals.begin(), signals.end(), '\n') > 1200);
  CHECK(slurp(dir / "signals" / "do_not_trade.csv") == "symbol,reason\n");

  // The pair built so that B wins on the uptrend: A always short, B always long.
  const auto folder = dir / "A" / id / "models" / embargo::lifecycle::symbol_folder(symbol);
  make_constant(folder / "model_a.json", 0.45);
  make_constant(folder / "model_b.json", 0.55);
  auto baseline = nlohmann::json::parse(slurp(dir / "A" / id / "validation_baseline.json"));
  baseline["symbols"][symbol]["model_a"]["accuracy"] = 0.01;
  write_text(dir / "A" / id / "validation_baseline.json", baseline.dump());

  for (int k = 1; k <= 3; ++k) {
    write_text(dir / "new.csv", bars_csv(sim.out, 60 * static_cast<std::size_t>(k)));
    const auto mon = run_tool("monitor --archive " + q(dir / "A") + " --bars " + q(dir / "new.csv"));
    REQUIRE(mon.status == 0);
    const auto j = nlohmann::json::parse(mon.out);
    INFO(mon.out);
    CHECK(j["symbols"][0]["winner"] == "B");
    CHECK(j["switches"] == (k == 3 ? 1 : 0));
  }
  const auto after = nlohmann::json::parse(run_tool("registry --archive " + q(dir / "A") + " list").out);
  CHECK(after["symbols"][symbol]["champion"]["file"] == "models/" + embargo::lifecycle::symbol_folder(symbol) + "/model_b.json");
  const auto history = nlohmann::json::parse(run_tool("registry --archive " + q(dir / "A") + " history --symbol " + symbol).out);
  CHECK_THAT(history["transitions"].back()["reason"].get<std::string>(), Catch::Contains("dual-model switch"));
  const std::string decisions = slurp(dir / "A" / "decisions.jsonl");
  CHECK(decisions.find("\"what\":\"switch\"") != std::string::npos);
  CHECK(std::filesystem::is_regular_file(dir / "A" / "embargo.prom"));

  // A corrupted served model: exit 2 naming the file and what is wrong.
  const std::string text = slurp(folder / "model_b.json");
  write_text(folder / "model_b.json", text.substr(0, text.size() / 2));
  const auto corrupt = run_tool("predict --archive " + q(dir / "A") + " --bars " + q(dir / "later.csv"));
  CHECK(corrupt.status == 2);
  CHECK_THAT(corrupt.err, Catch::Contains("model_b.json") && Catch::Contains("not a model file"));
  const auto alias = run_tool("registry --archive " + q(dir / "A") + " set-alias " + symbol + " 'Bad Alias' " + id);
  CHECK(alias.status == 2);
  CHECK_THAT(alias.err, Catch::Contains("alias"));
}
