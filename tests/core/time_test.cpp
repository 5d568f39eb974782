// ISO 8601 parsing and formatting in UTC.
#include <catch2/catch.hpp>

#include <embargo/core/time.hpp>

using embargo::parse_timestamp;

TEST_CASE("parse_timestamp accepts ISO 8601 dates and datetimes") {
  struct row {
    const char* text;
    embargo::timestamp expected;
  };
  const row table[] = {
      {"1970-01-01", 0},
      {"2020-01-01", 1577836800},
      {"2020-01-01T00:00:00Z", 1577836800},
      {"2020-01-01 00:01:00", 1577836860},
      {"2020-01-01T00:00:00.250Z", 1577836800},
      {"2020-01-01T01:00:00+01:00", 1577836800},
      {"2019-12-31T19:00:00-05:00", 1577836800},
      {"2020-02-29", 1582934400},
      {"1577836800", 1577836800},
      {"1577836800.0", 1577836800},
      {"1969-12-31T23:59:59Z", -1},
  };
  for (const auto& r : table) {
    INFO(r.text);
    REQUIRE(parse_timestamp(r.text).has_value());
    CHECK(*parse_timestamp(r.text) == r.expected);
  }
}

TEST_CASE("parse_timestamp rejects malformed text") {
  for (const char* bad : {"", "2021-02-30", "2019-02-29", "2021-13-01", "2021-1-1", "2021-01-01T25:00:00",
                          "2021-01-01T10:00:00+5", "2021-01-01X", "abc", "1577836800.5", "2021-01-01T10"}) {
    INFO(bad);
    CHECK_FALSE(parse_timestamp(bad).has_value());
  }
}

TEST_CASE("format_timestamp round-trips and weekday is right") {
  for (embargo::timestamp t : {0LL, 1577836800LL, 951782400LL /* 2000-02-29 */, -86400LL, 4102444799LL}) {
    CHECK(*parse_timestamp(embargo::format_timestamp(t)) == t);
  }
  CHECK(embargo::format_timestamp(1577836860) == "2020-01-01T00:01:00Z");
  CHECK(embargo::format_timestamp(1577836800, true) == "2020-01-01");
  CHECK(embargo::weekday_utc(0) == 3);           // 1970-01-01: Thursday
  CHECK(embargo::weekday_utc(1577836800) == 2);  // 2020-01-01: Wednesday
  CHECK(embargo::weekday_utc(-1) == 2);          // 1969-12-31: Wednesday
}

TEST_CASE("parse_interval reads bar lengths") {
  CHECK(*embargo::parse_interval("90s") == 90);
  CHECK(*embargo::parse_interval("5m") == 300);
  CHECK(*embargo::parse_interval("1h") == 3600);
  CHECK(*embargo::parse_interval("1d") == 86400);
  CHECK(*embargo::parse_interval("2w") == 14 * 86400);
  CHECK(*embargo::parse_interval("3600") == 3600);
  for (const char* bad : {"", "h", "0d", "-1h", "1y", "1.5h", "d1"}) {
    INFO(bad);
    CHECK_FALSE(embargo::parse_interval(bad).has_value());
  }
}
