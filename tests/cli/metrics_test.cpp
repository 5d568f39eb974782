// The `embargo metrics` command, black box: numbers equal the library's (and empyrical's on the
// reference series), groups, rolling CSV, prices, and one-line errors with exit status 2.
#include <cmath>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <embargo/metrics.hpp>

#include "../test_support.hpp"
#include "run_tool.hpp"

using embargo::test::run_tool;
using nlohmann::json;

namespace {
// empyrical's `mixed` series (its test suite), with the leading NaN as an empty cell.
const char* mixed_csv =
    "date,ret,regime\n2024-01-01,,calm\n2024-01-02,0.01,calm\n2024-01-03,0.1,wild\n2024-01-04,-0.04,wild\n"
    "2024-01-05,0.02,calm\n2024-01-08,0.03,calm\n2024-01-09,0.02,calm\n2024-01-10,0.01,calm\n2024-01-11,-0.1,wild\n";
}  // namespace

TEST_CASE("metrics CLI: empyrical's values on its mixed series, conventions echoed") {
  embargo::test::temp_dir dir;
  const auto in = (dir / "r.csv").string();
  embargo::test::write_text(in, mixed_csv);
  const auto r = run_tool("metrics --input '" + in + "'");
  REQUIRE(r.status == 0);
  const auto j = json::parse(r.out);
  const auto& m = j["metrics"];
  CHECK(m["sharpe"].get<double>() == Approx(1.7238613961706866).epsilon(1e-12));
  CHECK(m["sortino"].get<double>() == Approx(2.605531251673693).epsilon(1e-12));
  CHECK(m["max_drawdown"].get<double>() == Approx(0.1).epsilon(1e-12));
  CHECK(m["n"].get<double>() == 8);
  CHECK(m["nonfinite_inputs"].get<int>() == 1);
  CHECK(j["conventions"]["nan_policy"] == "skip");
  const auto z = json::parse(run_tool("metrics --input '" + in + "' --nan-policy zero").out);
  CHECK(z["metrics"]["annual_return"].get<double>() == Approx(1.9135925373194231).epsilon(1e-12));  // empyrical
}

TEST_CASE("metrics CLI: per-group objects equal sets over each group's rows") {
  embargo::test::temp_dir dir;
  const auto in = (dir / "r.csv").string();
  embargo::test::write_text(in, mixed_csv);
  const auto r = run_tool("metrics --input '" + in + "' --group-column regime --periods-per-year 12");
  REQUIRE(r.status == 0);
  const auto j = json::parse(r.out);
  REQUIRE(j["groups"].size() == 2);
  embargo::metric_options o;
  o.periods_per_year = 12;
  embargo::return_metrics wild(o);
  wild.push(std::vector<double>{0.1, -0.04, -0.1});
  CHECK(j["groups"]["wild"]["sharpe"].get<double>() == Approx(wild.value<embargo::tag::sharpe>()).epsilon(1e-12));
  CHECK(j["groups"]["wild"]["max_drawdown"].get<double>() == Approx(wild.value<embargo::tag::max_drawdown>()).epsilon(1e-12));
  CHECK(j["groups"]["calm"]["profit_factor"].is_null());
  CHECK(j["groups"]["calm"]["profit_factor_infinite"] == true);
}

TEST_CASE("metrics CLI: rolling CSV has one row per full window, equal to a fresh set") {
  embargo::test::temp_dir dir;
  const auto in = (dir / "r.csv").string();
  embargo::test::write_text(in, mixed_csv);
  const auto r = run_tool("metrics --input '" + in + "' --rolling 6");
  REQUIRE(r.status == 0);
  std::istringstream lines(r.out);
  std::string header, row;
  std::getline(lines, header);
  CHECK(header.rfind("timestamp,n,mean,volatility,sharpe", 0) == 0);
  std::vector<std::string> rows;
  while (std::getline(lines, row)) rows.push_back(row);
  REQUIRE(rows.size() == 4);  // 9 rows, window 6
  CHECK(rows.front().rfind("2024-01-08,", 0) == 0);
  // empyrical's roll_sharpe_ratio on the same series (its test suite): 7.57445259 first.
  std::istringstream cells(rows.front());
  std::string cell;
  std::vector<std::string> f;
  while (std::getline(cells, cell, ',')) f.push_back(cell);
  CHECK(std::stod(f[4]) == Approx(7.57445259).epsilon(1e-8));
}

TEST_CASE("metrics CLI: --prices gives the metrics of the simple returns") {
  embargo::test::temp_dir dir;
  const auto prices = (dir / "p.csv").string(), returns = (dir / "r.csv").string();
  embargo::test::write_text(prices, "date,close\n1,100\n2,101\n3,99.5\n4,102\n5,100\n");
  std::ostringstream r;
  r.precision(17);
  r << "date,ret\n2," << 101.0 / 100 - 1 << "\n3," << 99.5 / 101 - 1 << "\n4," << 102 / 99.5 - 1 << "\n5,"
    << 100.0 / 102 - 1 << "\n";
  embargo::test::write_text(returns, r.str());
  const auto a = json::parse(run_tool("metrics --prices --input '" + prices + "'").out)["metrics"];
  const auto b = json::parse(run_tool("metrics --input '" + returns + "'").out)["metrics"];
  CHECK(a["sharpe"].get<double>() == Approx(b["sharpe"].get<double>()).epsilon(1e-12));
  CHECK(a["max_drawdown"].get<double>() == Approx(b["max_drawdown"].get<double>()).epsilon(1e-12));
}

TEST_CASE("metrics CLI: bad input exits 2 with one line naming the problem") {
  embargo::test::temp_dir dir;
  const auto good = (dir / "good.csv").string();
  embargo::test::write_text(good, mixed_csv);
  struct bad_case {
    std::string content, args, says;
  };
  const std::vector<bad_case> cases = {
      {"date,ret\n1,0.01\n2,abc\n", "", ":3: 'abc' is not a number"},
      {"date,close\n1,100\n2,-5\n", "--prices", ":3: price"},
      {"date,close\n1,100\n2,\n", "--prices", "not a positive number"},
      {"", "", "empty"},
      {"date,ret\n", "", "no data rows"},
      {"date,ret\n1,0.01,7\n", "", "expected 2 fields"},
      {"date,a,b\n1,0.01,0.02\n", "", "--column"},
      {"date,ret\n1,0.01\n", "--column nope", "no column named 'nope'"},
      {"date,ret\n1,0.01\n", "--nan-policy maybe", "nan policy"},
      {"date,ret\n1,0.01\n", "--periods-per-year 0", "periods_per_year"},
      {"date,ret\n1,0.01\n", "--rolling 2 --group-column ret", "cannot be combined"},
  };
  int i = 0;
  for (const auto& c : cases) {
    const auto path = (dir / ("bad" + std::to_string(i++) + ".csv")).string();
    embargo::test::write_text(path, c.content);
    const auto r = run_tool("metrics --input '" + path + "' " + c.args);
    INFO(c.content << " | " << c.args << " -> " << r.err);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(c.says));
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }
  CHECK(run_tool("metrics --input /no/such/file.csv").status == 2);
}
