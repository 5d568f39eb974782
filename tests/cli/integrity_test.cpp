// embargo integrity / universe / simulate --faults from the command line.
#include <catch2/catch.hpp>

#include <embargo/data/csv.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;

TEST_CASE("simulate with faults, then integrity repairs them and reports") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "b.csv").string(), ref = (dir / "r.csv").string(), truth = (dir / "t.json").string(),
             report = (dir / "rep.json").string(), clean = (dir / "clean.csv").string();
  REQUIRE(run_tool("simulate --symbols 2 --bars 1000 --seed 3 --faults gaps,spikes,stale,split,vendor --out '" + bars +
                   "' --reference-out '" + ref + "' --faults-out '" + truth + "'").status == 0);
  const auto r = run_tool("integrity --bars '" + bars + "' --reference '" + ref + "' --report '" + report + "' --out '" + clean + "'");
  REQUIRE(r.status == 0);
  const auto rep = nlohmann::json::parse(embargo::read_text_file(report));
  const auto t = nlohmann::json::parse(embargo::read_text_file(truth));
  REQUIRE(rep["symbols"].size() == 2);
  for (std::size_t s = 0; s < 2; ++s) {
    CHECK(rep["symbols"][s]["spikes"].size() == t[s]["spikes"].size());
    CHECK(rep["symbols"][s]["filled_bars"] == t[s]["missing"].size());
  }
  CHECK(run_tool("validate '" + clean + "'").status == 0);
  const auto u = run_tool("universe --bars '" + clean + "' --min-history 2000");
  REQUIRE(u.status == 0);
  const auto uj = nlohmann::json::parse(u.out);
  CHECK(uj["kept"].empty());
  CHECK_THAT(uj["excluded"][0]["reasons"][0].get<std::string>(), Catch::Contains("history"));
}

TEST_CASE("integrity and simulate reject bad input with exit 2") {
  embargo::test::temp_dir dir;
  const auto bars = (dir / "b.csv").string(), other = (dir / "o.csv").string();
  REQUIRE(run_tool("simulate --symbols 1 --bars 300 --out '" + bars + "'").status == 0);
  embargo::test::write_text(dir / "o.csv", "timestamp,symbol,open,high,low,close,volume\n2015-01-05,OTHER,1,2,1,1,5\n");
  struct row {
    std::string args, expected;
  };
  const std::vector<row> table = {
      {"integrity --bars '" + bars + "' --interval 3x", "--interval '3x' is not a bar length"},
      {"integrity --bars '" + bars + "' --reference '" + other + "'", "no bars for symbol 'SIM000'"},
      {"integrity --bars '" + bars + "' --outliers maybe", "outliers"},
      {"simulate --bars 300 --faults gaps,floods", "unknown fault 'floods'"},
      {"simulate --bars 300 --faults gaps,spikes", "room for"},
      {"simulate --bars 300 --faults-out x.json", "need --faults"},
  };
  for (const auto& r : table) {
    INFO(r.args);
    const auto res = run_tool(r.args);
    CHECK(res.status == 2);
    CHECK_THAT(res.err, Catch::Contains(r.expected));
  }
}
