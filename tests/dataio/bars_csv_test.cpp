// The bars CSV reader: every bad input is rejected with file:line and what was expected.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/data/simulator.hpp>

namespace {
std::string error_of(const std::string& text) {
  try {
    (void)embargo::parse_bars_csv(text, "bars.csv");
  } catch (const embargo::data_error& e) {
    return e.what();
  }
  return "";
}
const std::string header = "timestamp,open,high,low,close,volume\n";
}  // namespace

TEST_CASE("bars reader rejects each bad input with file:line: what") {
  struct row {
    const char* what;
    std::string text;
    std::string expected;
  };
  const std::vector<row> table = {
      {"empty file", "", "bars.csv:1: empty file"},
      {"header only", header, "bars.csv:2: no bars after the header row"},
      {"missing column", "timestamp,open,high,low,close\n2021-01-04,1,1,1,1\n", "bars.csv:1: missing column 'volume'"},
      {"missing timestamp", "open,high,low,close,volume\n1,1,1,1,1\n", "bars.csv:1: missing column 'timestamp'"},
      {"ragged row", header + "2021-01-04,1,2,1,1,5\n2021-01-05,1,2,1,1\n", "bars.csv:3: expected 6 fields, found 5"},
      {"non-numeric", header + "2021-01-04,1,2,abc,1,5\n", "bars.csv:2: low 'abc' is not a number"},
      {"trailing garbage", header + "2021-01-04,1,2,1,1.5x,5\n", "bars.csv:2: close '1.5x' is not a number"},
      {"NaN price", header + "2021-01-04,1,2,1,nan,5\n", "bars.csv:2: close 'nan' is not a number"},
      {"inf price", header + "2021-01-04,1,inf,1,1,5\n", "bars.csv:2: high is not a finite positive price"},
      {"negative price", header + "2021-01-04,-1,2,1,1,5\n", "bars.csv:2: open is not a finite positive price"},
      {"zero price", header + "2021-01-04,1,2,0,1,5\n", "bars.csv:2: low is not a finite positive price"},
      {"high below close", header + "2021-01-04,1,1.5,1,2,5\n", "bars.csv:2: high is below max(open, close)"},
      {"low above open", header + "2021-01-04,1,2,1.5,2,5\n", "bars.csv:2: low is above min(open, close)"},
      {"negative volume", header + "2021-01-04,1,2,1,1,-5\n", "bars.csv:2: volume is not a finite non-negative"},
      {"bad date", header + "2021-02-30,1,2,1,1,5\n", "bars.csv:2: timestamp '2021-02-30' is not an ISO 8601 date"},
      {"duplicate timestamp", header + "2021-01-04,1,2,1,1,5\n2021-01-04,1,2,1,1,5\n",
       "bars.csv:3: timestamp 2021-01-04T00:00:00Z is not after 2021-01-04T00:00:00Z (duplicate), previous bar on line 2"},
      {"unsorted", header + "2021-01-05,1,2,1,1,5\n2021-01-04,1,2,1,1,5\n", "bars.csv:3: timestamp 2021-01-04T00:00:00Z is not after 2021-01-05T00:00:00Z (unsorted)"},
      {"unterminated quote", "timestamp,symbol,open,high,low,close,volume\n2021-01-04,\"AB,1,2,1,1,5\n", "bars.csv:2: unterminated quoted field"},
      {"empty symbol", "timestamp,symbol,open,high,low,close,volume\n2021-01-04,,1,2,1,1,5\n", "bars.csv:2: empty symbol"},
  };
  for (const auto& r : table) {
    INFO(r.what);
    CHECK_THAT(error_of(r.text), Catch::StartsWith(r.expected));
  }
}

TEST_CASE("bars reader accepts the documented variants") {
  SECTION("case-insensitive columns in any order, date column, CRLF, BOM, blank lines") {
    const auto p = embargo::parse_bars_csv(
        "\xEF\xBB\xBFVolume,Close,Low,High,Open,Date\r\n10,1.5,1,2,1.2,2021-01-04\r\n\r\n11,1.6,1,2,1.5,2021-01-05\r\n",
        "x.csv");
    REQUIRE(p.size() == 1);
    const auto& b = p.symbols[0];
    CHECK(b.symbol == "SERIES");
    CHECK(b.size() == 2);
    CHECK(b.close[1] == 1.6);
    CHECK(b.volume[0] == 10);
    CHECK(b.time[1] - b.time[0] == 86400);
  }
}

TEST_CASE("timestamps with offsets are converted to UTC before the order check") {
  CHECK_THAT(error_of("timestamp,symbol,open,high,low,close,volume\n"
                      "2021-01-04T09:30:00Z,BTC/USDT,1,2,1,1,5\n"
                      "2021-01-04T10:30:00+01:00,BTC/USDT,1,2,1,1,5\n"),
             Catch::Contains("(duplicate) for symbol BTC/USDT"));
  const auto p = embargo::parse_bars_csv(
      "timestamp,symbol,open,high,low,close,volume\n"
      "2021-01-04T09:30:00Z,BTC/USDT,1,2,1,1,5\n"
      "2021-01-04T09:30:00Z,\"A,\"\"B\"\"\",1,2,1,1,5\n"
      "2021-01-04T11:30:00+01:00,BTC/USDT,1,2,1,1,5\n",
      "x.csv");
  REQUIRE(p.size() == 2);
  CHECK(p.symbols[0].symbol == "BTC/USDT");
  CHECK(p.symbols[1].symbol == "A,\"B\"");
  CHECK(p.symbols[0].time[1] - p.symbols[0].time[0] == 3600);
}

TEST_CASE("format_bars_csv round-trips exactly through the reader") {
  const auto m = embargo::simulate_market({.n_symbols = 3, .n_bars = 300, .seed = 11});
  const auto text = embargo::format_bars_csv(m.bars);
  const auto back = embargo::parse_bars_csv(text, "roundtrip.csv");
  REQUIRE(back.size() == 3);
  for (std::size_t s = 0; s < 3; ++s) {
    const auto &a = m.bars.symbols[s], &b = back.symbols[s];
    CHECK(a.symbol == b.symbol);
    CHECK(a.time == b.time);
    CHECK(a.open == b.open);  // shortest round-trip formatting: bit-exact
    CHECK(a.high == b.high);
    CHECK(a.low == b.low);
    CHECK(a.close == b.close);
    CHECK(a.volume == b.volume);
  }
}

TEST_CASE("events reader rejects bad positions with file:line") {
  auto err = [](const std::string& text) -> std::string {
    try {
      (void)embargo::parse_events_csv(text, "events.csv");
    } catch (const embargo::data_error& e) {
      return e.what();
    }
    return "";
  };
  struct row {
    std::string text, expected;
  };
  const std::vector<row> table = {
      {"", "events.csv:1: empty file"},
      {"t0,t1\n", "events.csv:2: no events"},
      {"t0\n1\n", "events.csv:1: missing column 't1'"},
      {"t0,t1\n-1,3\n", "events.csv:2: t0 '-1' is not a non-negative integer"},
      {"t0,t1\n1.5,3\n", "events.csv:2: t0 '1.5' is not a non-negative integer"},
      {"t0,t1\n1,nan\n", "events.csv:2: t1 'nan' is not a non-negative integer"},
      {"t0,t1\n4,3\n", "events.csv:2: label end t1 = 3 is before its start t0 = 4"},
      {"t0,t1\n4,5\n3,6\n", "events.csv:3: t0 = 3 is before the previous event's t0 = 4"},
      {"t0,t1\n4,5\n5\n", "events.csv:3: expected 2 fields, found 1"},
  };
  for (const auto& r : table) {
    INFO(r.text);
    CHECK_THAT(err(r.text), Catch::StartsWith(r.expected));
  }
  const auto ok = embargo::parse_events_csv("T0,T1,extra\n0,2,x\n1,1.0,y\n", "e.csv");
  REQUIRE(ok.size() == 2);
  CHECK(ok[1] == embargo::interval{1, 1});
}

TEST_CASE("the repair policy fixes OHLC inconsistencies and records the lines, nothing else") {
  const std::string text = header + "2021-01-04,1,1.5,1,2,5\n2021-01-05,2,3,2.5,2.2,5\n2021-01-06,2,3,1,2,5\n";
  CHECK_THROWS_WITH(embargo::parse_bars_csv(text, "b.csv"), Catch::Contains("b.csv:2: high is below max(open, close)"));
  std::vector<std::size_t> lines;
  const auto p = embargo::parse_bars_csv(text, "b.csv", {.ohlc = embargo::ohlc_policy::repair, .repaired_lines = &lines});
  CHECK(lines == std::vector<std::size_t>{2, 3});
  const auto& b = p.symbols[0];
  CHECK(b.high[0] == 2.0);
  CHECK(b.low[1] == 2.0);
  CHECK_NOTHROW(embargo::validate_bars(b));
  // Repair never hides a bad price.
  CHECK_THROWS_WITH(embargo::parse_bars_csv(header + "2021-01-04,1,1.5,-1,2,5\n", "b.csv", {.ohlc = embargo::ohlc_policy::repair}),
                    Catch::Contains("low is not a finite positive price"));
}
