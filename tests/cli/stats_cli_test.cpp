// Black-box tests of `embargo stats`: JSON keys and values, and exit 2 with one line on bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_tool.hpp"

using embargo::test::run_tool;

namespace {
nlohmann::json run_json(const std::string& args) {
  const auto r = run_tool(args);
  INFO(args << "\n" << r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}
}  // namespace

TEST_CASE("embargo stats psr, dsr and min-trl reproduce the paper examples") {
  const auto p = run_json("stats psr --sharpe 0.45755008833277844 --n 24 --skew -2.448 --kurtosis 10.164");
  CHECK(p["psr"].get<double>() == Approx(0.9132343068848602).epsilon(1e-12));
  CHECK(p["n"] == 24);
  const auto d = run_json("stats dsr --sharpe 0.15811388300841897 --n 1250 --skew -3 --kurtosis 10 --trials 100 --trial-variance 0.002");
  CHECK(d["dsr"].get<double>() == Approx(0.9003968344493903).epsilon(1e-10));
  CHECK(d["expected_max_z"].get<double>() == Approx(2.5306028932016846).epsilon(1e-12));
  const auto m = run_json("stats min-trl --sharpe 1.14 --benchmark 1 --n 300");
  CHECK(m["min_trl"].get<double>() == Approx(228.73497).margin(1e-4));
  CHECK(m["significant"] == true);
  CHECK(m["min_trl_years"].is_null());
}

TEST_CASE("embargo stats reads CSV series and matrices") {
  embargo::test::temp_dir dir;
  embargo::test::write_text(dir / "r.csv", "date,return\n2020-01-01,0.01\n2020-01-02,0.1\n2020-01-03,-0.04\n"
                                           "2020-01-04,0.02\n2020-01-05,0.03\n2020-01-06,0.02\n2020-01-07,0.01\n"
                                           "2020-01-08,-0.1\n2020-01-09,\n");
  embargo::test::write_text(dir / "t.csv", "sharpe\n3.5\n1.01\n1.02\n");
  const std::string r = "'" + (dir / "r.csv").string() + "'", t = "'" + (dir / "t.csv").string() + "'";
  const auto p = run_json("stats psr --returns " + r);
  CHECK(p["psr"].get<double>() == Approx(0.6106203604025079).epsilon(1e-12));  // the empty cell is skipped
  CHECK(p["n"] == 8);
  const auto d = run_json("stats dsr --sharpe 1.14 --n 250 --trials-sharpe " + t + " --trial-ddof 0");
  CHECK(d["dsr"].get<double>() == Approx(0.95836).margin(1e-4));
  const auto d1 = run_json("stats dsr --sharpe 1.14 --n 250 --trials-sharpe " + t);
  CHECK(d1["dsr"].get<double>() == Approx(0.15237512361221794).epsilon(1e-9));

  std::string mat = "a,b,c\n";
  for (int i = 0; i < 16; ++i)
    mat += std::to_string(0.001 * ((i * 7) % 5) - 0.002) + "," + std::to_string(0.01 + 0.001 * (i % 3)) + "," +
           std::to_string(0.001 * ((i * 3) % 4) - 0.001) + "\n";
  embargo::test::write_text(dir / "m.csv", mat);
  const auto b = run_json("stats pbo --matrix '" + (dir / "m.csv").string() + "' --partitions 4 --details");
  CHECK(b["pbo"] == 0.0);  // column b dominates every period
  CHECK(b["combinations"] == 6);
  CHECK(b["names"] == nlohmann::json::array({"a", "b", "c"}));
  CHECK(b["logits"].size() == 6);
}

TEST_CASE("embargo stats sharpe-diff and drift") {
  embargo::test::temp_dir dir;
  embargo::test::write_text(dir / "x.csv", "x\n0.12\n-0.35\n0.8\n1.1\n-0.2\n0.05\n0.6\n-0.9\n");
  embargo::test::write_text(dir / "y.csv", "x\n0.5\n1.3\n0.9\n1.7\n0.2\n1.05\n0.75\n0.3\n");
  const std::string x = "'" + (dir / "x.csv").string() + "'", y = "'" + (dir / "y.csv").string() + "'";
  const auto s = run_json("stats sharpe-diff --a " + x + " --b " + y + " --resamples 200 --seed 3");
  const auto s2 = run_json("stats sharpe-diff --a " + x + " --b " + y + " --resamples 200 --seed 3");
  CHECK(s == s2);
  CHECK(s["memmel"]["z"].get<double>() < 0.0);
  CHECK(s["bootstrap"]["resamples"] == 200);
  const auto d = run_json("stats drift --reference " + x + " --current " + y + " --baseline-metric 0.011402 --current-metric 0.0126");
  CHECK(d["ks"]["statistic"].get<double>() > 0.0);
  CHECK(d["psi"]["psi"].get<double>() > 0.0);
  CHECK(d["metric"]["level"] == "critical");
  CHECK(d["metric"]["percent"].get<double>() == Approx(10.5069).margin(1e-3));
}

TEST_CASE("embargo stats: bad input exits 2 with one line") {
  for (const char* args : {"stats psr --sharpe 0.1 --n 100 --kurtosis 0.5", "stats psr --n 100",
                           "stats dsr --sharpe 0.1 --n 100", "stats min-trl --sharpe 0.1 --probability 1.5",
                           "stats pbo --matrix /nonexistent/m.csv", "stats drift"}) {
    const auto r = run_tool(args);
    INFO(args << " -> " << r.err);
    CHECK(r.status == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}
