// Every option has a documented domain checked in the component, before any work; the bars
// reader decides what text and which prices it accepts, once for every command.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/data/universe.hpp>
#include <embargo/labelers/regime.hpp>

namespace {
const double not_a_number = std::numeric_limits<double>::quiet_NaN();

std::vector<double> closes(std::size_t n) {
  std::vector<double> c;
  for (std::size_t i = 0; i < n; ++i) c.push_back(100.0 * std::exp(0.01 * std::sin(0.3 * static_cast<double>(i))));
  return c;
}
}  // namespace

TEST_CASE("label_regimes refuses options outside their domain, naming the option") {
  struct row {
    embargo::regime_labeler_options opt;
    const char* message;
  };
  const std::vector<row> rows = {
      {{.window = 1}, "window must be >= 2"},
      {{.crash_z = not_a_number}, "crash_z must be a finite number"},
      {{.crash_vol_ratio = not_a_number}, "crash_vol_ratio must be a finite number"},
      {{.recovery_z = std::numeric_limits<double>::infinity()}, "recovery_z must be a finite number"},
      {{.recovery_vol_ratio = -0.5}, "recovery_vol_ratio is a volatility ratio, must be >= 0"},
      {{.high_vol_ratio = 1.0, .low_vol_ratio = 1.0}, "low_vol_ratio (1.000000) must be below high_vol_ratio"},
      {{.high_vol_ratio = 1.1, .low_vol_ratio = 1.5}, "must be below high_vol_ratio"},
  };
  const auto c = closes(200);
  for (const auto& r : rows) {
    INFO(r.message);
    CHECK_THROWS_AS(embargo::label_regimes(c, r.opt), embargo::invalid_argument);
    CHECK_THROWS_WITH(embargo::label_regimes(c, r.opt), Catch::Contains(r.message));
  }
  CHECK_NOTHROW(embargo::label_regimes(c, {}));
  CHECK_NOTHROW(embargo::label_regimes(c, {.high_vol_ratio = 1.0, .low_vol_ratio = 0.99}));
}

TEST_CASE("check_integrity and select_universe refuse options outside their domain") {
  embargo::simulator_options so;
  so.n_symbols = 1;
  so.n_bars = 120;
  const auto m = embargo::simulate_market(so);
  const embargo::bars& b = m.bars.symbols.front();

  embargo::integrity_options io;
  io.gaps.max_fill = -1;
  CHECK_THROWS_WITH(embargo::check_integrity(b, nullptr, io), Catch::Contains("max_fill must be >= 0"));
  io = {};
  io.vendor.threshold = -0.1;
  CHECK_THROWS_WITH(embargo::check_integrity(b, nullptr, io), Catch::Contains("mismatch threshold"));
  io.vendor.threshold = not_a_number;
  CHECK_THROWS_AS(embargo::check_integrity(b, nullptr, io), embargo::invalid_argument);
  io = {};
  io.max_mismatch_share = 1.5;
  CHECK_THROWS_WITH(embargo::check_integrity(b, nullptr, io), Catch::Contains("max_mismatch_share must be in [0, 1]"));
  io = {};
  io.interval = -60;
  CHECK_THROWS_WITH(embargo::check_integrity(b, nullptr, io), Catch::Contains("interval must be >= 0"));
  CHECK_NOTHROW(embargo::check_integrity(b, nullptr, {}));

  struct row {
    embargo::universe_options opt;
    const char* message;
  };
  const std::vector<row> rows = {
      {{.window = 0}, "window must be >= 1"},
      {{.min_dollar_volume = -1}, "min_dollar_volume must be a finite number >= 0"},
      {{.min_dollar_volume = not_a_number}, "min_dollar_volume must be a finite number >= 0"},
      {{.max_spread = -0.01}, "max_spread must be >= 0"},
      {{.max_repaired_fraction = 2}, "max_repaired_fraction must be in [0, 1]"},
  };
  for (const auto& r : rows) {
    INFO(r.message);
    CHECK_THROWS_WITH(embargo::select_universe(m.bars, r.opt), Catch::Contains(r.message));
  }
  CHECK_NOTHROW(embargo::select_universe(m.bars, {}));
}

TEST_CASE("the bars reader refuses non-UTF-8 text, control characters in a symbol and prices beyond [1e-100, 1e100]") {
  const std::string header = "timestamp,symbol,open,high,low,close,volume\n";
  struct row {
    std::string line;
    const char* message;
  };
  const std::vector<row> rows = {
      {"2021-01-04,SOCI\xe9T\xe9,1,1,1,1,10\n", "x.csv:2: invalid UTF-8 (byte 0xe9)"},
      {std::string("2021-01-04,A\0B,1,1,1,1,10\n", 26), "x.csv:2: the symbol holds a control character (byte 0x00)"},
      {"2021-01-04,A\tB,1,1,1,1,10\n", "control character (byte 0x09)"},
      {"2021-01-04,A,1e300,1e300,1e300,1e300,10\n", "x.csv:2: a price is outside [1e-100, 1e100]"},
      {"2021-01-04,A,1e-200,1e-200,1e-200,1e-200,10\n", "a price is outside [1e-100, 1e100]"},
  };
  for (const auto& r : rows) {
    INFO(r.message);
    CHECK_THROWS_AS(embargo::parse_bars_csv(header + r.line, "x.csv"), embargo::data_error);
    CHECK_THROWS_WITH(embargo::parse_bars_csv(header + r.line, "x.csv"), Catch::Contains(r.message));
  }
  // UTF-8 symbols and prices at the ends of the range are fine.
  const auto p = embargo::parse_bars_csv(header + "2021-01-04,SOCI\xc3\x89T\xc3\x89,1e100,1e100,1e-100,1e-100,10\n", "x.csv");
  CHECK(p.symbols.front().symbol == "SOCI\xc3\x89T\xc3\x89");
}
