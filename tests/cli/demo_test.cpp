// The main job end to end: embargo demo archives a run that embargo archive can query; the same
// seed gives the same archive contents whatever the number of threads; embargo run follows its
// configuration strictly.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>

#include <embargo/data/csv.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;

namespace {
// The run's files with the run id and creation time removed: what must not depend on threads.
// Run folders are named by their id, which starts with a digit (daily/ and registry_backups/ are not runs).
bool is_run(const std::filesystem::directory_entry& d) {
  return d.is_directory() && std::isdigit(static_cast<unsigned char>(d.path().filename().string().front()));
}

std::string run_contents(const std::filesystem::path& archive) {
  std::string all;
  for (const auto& d : std::filesystem::directory_iterator(archive)) {
    if (!is_run(d)) continue;
    std::vector<std::string> files = {"summary.json", "model_assessments.json", "integrity.json", "config.json", "oos_trades.json", "splits.json",
                                      "models/manifest.json", "validation_baseline.json", "dual_model_baseline.json"};
    for (const auto& m : std::filesystem::directory_iterator(d.path() / "models"))
      if (m.is_directory())
        for (const char* f : {"model.json", "model_a.json", "model_b.json"})
          files.push_back("models/" + m.path().filename().string() + "/" + f);
    for (const auto& f : files) {
      auto j = nlohmann::json::parse(embargo::read_text_file((d.path() / f).string()));
      // The exported models carry the export time, inside the checksummed part.
      if (j.is_object()) j.erase("timestamp"), j.erase("created"), j.erase("run"), j.erase("checksum");
      if (j.is_object() && j.contains("models") && j["models"].is_array())
        for (auto& m : j["models"]) m.erase("checksum");
      all += j.dump() + "\n";
    }
  }
  return all;
}
}  // namespace

TEST_CASE("demo archives a run that the archive commands can query") {
  embargo::test::temp_dir dir;
  const auto out = (dir / "demo").string();
  const auto r = run_tool("demo --out '" + out + "' --symbols 4 --bars 1500 --seed 5");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("symbol") && Catch::Contains("tier") && Catch::Contains("archived in"));
  const auto list = run_tool("archive list --archive '" + out + "'");
  REQUIRE(list.status == 0);
  CHECK_THAT(list.out, Catch::Contains("SIM000") || Catch::Contains("model_count") || Catch::Contains("runs"));
  const auto hist = run_tool("archive history SIM001 --archive '" + out + "'");
  CHECK(hist.status == 0);
  for (const char* f : {"index.json", "training_history.jsonl"}) CHECK(std::filesystem::exists(std::filesystem::path(out) / f));
  std::size_t runs = 0;
  for (const auto& d : std::filesystem::directory_iterator(out))
    if (is_run(d)) {
      ++runs;
      for (const char* f : {"summary.json", "model_assessments.json", "recommendations.md", "manifest.json", "integrity.json"})
        CHECK(std::filesystem::exists(d.path() / f));
      const auto rec = embargo::read_text_file((d.path() / "recommendations.md").string());
      CHECK_THAT(rec, Catch::Contains("Data integrity") && Catch::Contains("spikes"));
    }
  CHECK(runs == 1);
}

TEST_CASE("demo: same seed, same archive contents, with 1 or 3 threads") {
  embargo::test::temp_dir dir;
  const auto a = dir / "a", b = dir / "b";
  REQUIRE(run_tool("demo --out '" + a.string() + "' --symbols 5 --bars 1200 --seed 9 --threads 1").status == 0);
  REQUIRE(run_tool("demo --out '" + b.string() + "' --symbols 5 --bars 1200 --seed 9 --threads 3").status == 0);
  const auto ca = run_contents(a), cb = run_contents(b);
  CHECK(ca.size() > 1000);
  CHECK(ca == cb);
}

TEST_CASE("run: configuration keys are checked, dry run trains nothing") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "bars.csv").string();
  REQUIRE(run_tool("simulate --symbols 2 --bars 1200 --seed 4 --out '" + bars + "'").status == 0);
  embargo::test::write_text(dir / "ok.json", R"({"seed": 3, "labels": {"pt": 1.5}, "data": ")" + bars + R"("})");
  const auto dry = run_tool("run --config '" + (dir / "ok.json").string() + "' --dry-run --out '" + (dir / "arch").string() + "'");
  REQUIRE(dry.status == 0);
  const auto plan = nlohmann::json::parse(dry.out);
  CHECK(plan["symbols"] == 2);
  CHECK(plan["config"]["labels"]["pt"] == 1.5);
  CHECK(plan["stages"].size() >= 10);
  CHECK_FALSE(std::filesystem::exists(dir / "arch"));
  const auto real = run_tool("run --json --config '" + (dir / "ok.json").string() + "' --out '" + (dir / "arch").string() + "'");
  REQUIRE(real.status == 0);
  CHECK(nlohmann::json::parse(real.out)["symbols"].size() == 2);
  // Without --json, run prints the demo's table.
  const auto table = run_tool("run --config '" + (dir / "ok.json").string() + "' --out '" + (dir / "arch").string() + "'");
  REQUIRE(table.status == 0);
  CHECK_THAT(table.out, Catch::StartsWith("symbol   model") && Catch::Contains("archived in"));
  struct row {
    std::string config, expected;
  };
  const std::vector<row> bad = {
      {R"({"labels": {"tp": 2}})", "labels.tp: unknown key"},
      {R"({"costs": {"taker_fee": "5bp"}})", "costs.taker_fee: expected a number"},
      {R"({"costs": {"taker_fee": -1}})", "costs.taker_fee: must be >= 0"},
      {R"({"bet_sizing": "kelly"})", "bet_sizing: unknown name \"kelly\"; choices: sign, linear, probit"},
      {R"({"validation": {"initial_train_fraction": 1.5}})", "validation.initial_train_fraction:"},
      {R"({"validation": {"method": "cpcv", "n_groups": 4, "n_test_groups": 4}})", "validation.n_test_groups:"},
      {R"({"labels": {"pt": 1, "pt": 2}})", "labels.pt: duplicate key"},
      {R"({"models": {"use": ["logit", "nope"]}})", "models.use"},
      {R"({"threads": -1})", "threads: expected a non-negative integer"},
      {R"([1, 2])", "expected an object"},
      {R"({"seed": )", "not valid JSON"},
  };
  for (const auto& b : bad) {
    INFO(b.config);
    embargo::test::write_text(dir / "bad.json", b.config);
    const auto res = run_tool("run --config '" + (dir / "bad.json").string() + "' --data '" + bars + "' --dry-run");
    CHECK(res.status == 2);
    CHECK_THAT(res.err, Catch::Contains(b.expected));
  }
  CHECK(run_tool("run --dry-run").status == 2);  // no data
}

TEST_CASE("run: a symbol approved in an earlier run has its champion challenged") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "bars.csv").string(), arch = (dir / "arch").string();
  REQUIRE(run_tool("simulate --symbols 3 --bars 2000 --seed 12 --out '" + bars + "'").status == 0);
  // A gate that approves everything that is defined, so that the first run makes champions.
  embargo::test::write_text(dir / "lenient.json", R"({"gate": {"fitness": {"approved": 0, "review": 0},
      "profit_factor": {"approved": 0, "review": 0}, "consistency": {"approved": 0, "review": 0},
      "max_drawdown": {"approved": 1, "review": 1}}})");
  const std::string cmd = "run --config '" + (dir / "lenient.json").string() + "' --data '" + bars + "' --out '" + arch + "'";
  const auto first = run_tool(cmd + " --json");
  REQUIRE(first.status == 0);
  const auto first_json = nlohmann::json::parse(first.out);  // named: a range-for over parse(...)["models"] would dangle
  for (const auto& m : first_json["symbols"]) CHECK(m["classification"] == "APPROVED");
  const auto again = run_tool(cmd + " --json");
  REQUIRE(again.status == 0);
  const auto latest = nlohmann::json::parse(again.out)["run"].get<std::string>();
  const auto summary = nlohmann::json::parse(embargo::read_text_file((std::filesystem::path(arch) / latest / "summary.json").string()));
  std::size_t challenged = 0;
  for (const auto& s : summary["symbols"]) {
    REQUIRE(s.contains("promotion"));
    const auto& p = s["promotion"];
    CHECK((p["decision"] == "keep champion" || p["decision"] == "promote challenger"));
    CHECK_FALSE(p["reason"].get<std::string>().empty());
    ++challenged;
  }
  CHECK(challenged == 3);
  const auto rec = embargo::read_text_file((std::filesystem::path(arch) / latest / "recommendations.md").string());
  CHECK_THAT(rec, Catch::Contains("## Champion / challenger") && Catch::Contains("SIM000"));
}

TEST_CASE("run: data paths in a config resolve relative to the config file") {
  embargo::test::temp_dir dir;
  std::filesystem::create_directories(dir / "cfg" / "data");
  REQUIRE(run_tool("simulate --symbols 1 --bars 1200 --seed 4 --out '" + (dir / "cfg" / "data" / "bars.csv").string() + "'").status == 0);
  embargo::test::write_text(dir / "cfg" / "job.json", R"({"data": "data/bars.csv"})");
  const auto dry = run_tool("run --config '" + (dir / "cfg" / "job.json").string() + "' --dry-run");
  REQUIRE(dry.status == 0);
  CHECK(nlohmann::json::parse(dry.out)["symbols"] == 1);
  embargo::test::write_text(dir / "cfg" / "missing.json", R"({"data": "nowhere.csv"})");
  const auto bad = run_tool("run --config '" + (dir / "cfg" / "missing.json").string() + "' --dry-run");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("data: " + (dir / "cfg" / "nowhere.csv").string() + " does not exist"));
}

TEST_CASE("run --dry-run lists what would be excluded and why, and trains nothing") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "bars.csv").string();
  REQUIRE(run_tool("simulate --symbols 2 --bars 1200 --seed 4 --out '" + bars + "'").status == 0);
  embargo::test::write_text(dir / "strict.json", R"({"universe": {"min_history": 5000}})");
  const auto dry = run_tool("run --dry-run --config '" + (dir / "strict.json").string() + "' --data '" + bars + "' --out '" +
                            (dir / "arch").string() + "'");
  REQUIRE(dry.status == 0);
  const auto plan = nlohmann::json::parse(dry.out);
  CHECK(plan["would_train"] == 0);
  REQUIRE(plan["excluded"].size() == 2);
  CHECK(plan["excluded"][0]["status"] == "excluded");
  CHECK_THAT(plan["excluded"][0]["reasons"][0].get<std::string>(), Catch::Contains("universe"));
  CHECK_FALSE(std::filesystem::exists(dir / "arch"));
}

TEST_CASE("run: an archive folder that cannot be created fails before any computing") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "bars.csv").string();
  REQUIRE(run_tool("simulate --symbols 1 --bars 1200 --seed 4 --out '" + bars + "'").status == 0);
  embargo::test::write_text(dir / "file", "x");
  const auto r = run_tool("run --data '" + bars + "' --out '" + (dir / "file" / "arch").string() + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot create the archive folder"));
  CHECK(r.out.empty());
}
