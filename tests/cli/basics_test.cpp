// The embargo program: help, version, simulate, validate, exit statuses.
#include <catch2/catch.hpp>

#include <embargo/data/bars_csv.hpp>
#include <embargo/version.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;

TEST_CASE("help lists the commands and version prints the version") {
  const auto h = run_tool("--help");
  CHECK(h.status == 0);
  CHECK_THAT(h.out, Catch::Contains("simulate") && Catch::Contains("validate"));
  const auto v = run_tool("--version");
  CHECK(v.status == 0);
  CHECK_THAT(v.out, Catch::Contains(embargo::version_string));
  const auto sub = run_tool("simulate --help");
  CHECK(sub.status == 0);
  CHECK_THAT(sub.out, Catch::Contains("--symbols") && Catch::Contains("--seed"));
}

TEST_CASE("bad usage exits 2 with one line on stderr") {
  for (const char* args : {"", "no-such-command", "simulate --symbols", "simulate --bars -3", "validate"}) {
    INFO(args);
    const auto r = run_tool(args);
    CHECK(r.status == 2);
    CHECK(!r.err.empty());
    CHECK(r.err.find('\n') == r.err.size() - 1);  // exactly one line
  }
  CHECK_THAT(run_tool("no-such-command --x 1").err, Catch::Contains("unknown command 'no-such-command'"));
}

TEST_CASE("simulate writes valid bars deterministically and validate accepts them") {
  embargo::test::temp_dir dir;
  const auto a = (dir / "a.csv").string(), b = (dir / "b.csv").string();
  REQUIRE(run_tool("simulate --symbols 3 --bars 250 --seed 7 --out '" + a + "'").status == 0);
  REQUIRE(run_tool("simulate --symbols 3 --bars 250 --seed 7 --out '" + b + "'").status == 0);
  CHECK(embargo::read_text_file(a) == embargo::read_text_file(b));
  const auto p = embargo::read_bars_csv(a);
  CHECK(p.size() == 3);
  CHECK(p.symbols[0].size() == 250);
  const auto v = run_tool("validate '" + a + "'");
  CHECK(v.status == 0);
  const auto j = nlohmann::json::parse(v.out);
  CHECK(j["valid"] == true);
  CHECK(j["symbols"].size() == 3);
  CHECK(j["symbols"][0]["bars"] == 250);
  // stdout when --out is absent
  const auto s = run_tool("simulate --symbols 1 --bars 5 --seed 7");
  CHECK(s.status == 0);
  CHECK_THAT(s.out, Catch::StartsWith("timestamp,symbol,open,high,low,close,volume\n"));
}

TEST_CASE("validate reports file:line: what, exit 2") {
  embargo::test::temp_dir dir;
  const auto f = dir / "bad.csv";
  embargo::test::write_text(f, "timestamp,open,high,low,close,volume\n2021-01-04,1,2,1,1,5\n2021-01-04,1,2,1,1,5\n");
  const auto r = run_tool("validate '" + f.string() + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.csv:3: timestamp 2021-01-04T00:00:00Z is not after") &&
                        Catch::Contains("(duplicate)"));
  const auto missing = run_tool("validate '" + (dir / "nope.csv").string() + "'");
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("nope.csv: cannot open for reading"));
}
