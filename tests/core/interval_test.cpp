// Core types: intervals, folds, errors, concepts.
#include <catch2/catch.hpp>

#include <span>
#include <vector>

#include <embargo/core.hpp>
#include <embargo/version.hpp>

using embargo::interval;

TEST_CASE("interval is a closed range of bar positions") {
  constexpr interval e{3, 5};
  STATIC_REQUIRE(e.length() == 3);
  STATIC_REQUIRE(e.contains(3) && e.contains(5) && !e.contains(6) && !e.contains(2));
  // Closed intervals: sharing one bar is an overlap (a label ending at t uses the price at t).
  STATIC_REQUIRE(overlaps(interval{0, 3}, interval{3, 4}));
  STATIC_REQUIRE(!overlaps(interval{0, 2}, interval{3, 4}));
  STATIC_REQUIRE(overlaps(interval{0, 10}, interval{3, 4}));
}

TEST_CASE("validate_events names the first offending event") {
  using V = std::vector<interval>;
  auto message_of = [](const V& v, std::size_t n_bars) -> std::string {
    try {
      embargo::validate_events(v, n_bars);
    } catch (const embargo::data_error& e) {
      return e.what();
    }
    return "";
  };
  struct row {
    V events;
    std::size_t n_bars;
    std::string expected;  // substring; empty = valid
  };
  const std::vector<row> table = {
      {{{0, 1}, {1, 3}}, 4, ""},
      {{}, 0, "empty"},
      {{{0, 1}, {4, 2}}, 0, "events[1]: t1 = 2 is before t0 = 4"},
      {{{0, 1}, {2, 4}}, 4, "events[1]: t1 = 4 is outside the bar range [0, 4)"},
      {{{3, 4}, {2, 4}}, 0, "events[1]: t0 = 2 is before the previous event's t0 = 3"},
  };
  for (const auto& r : table) {
    INFO("expected: " << r.expected);
    const auto msg = message_of(r.events, r.n_bars);
    if (r.expected.empty())
      CHECK(msg.empty());
    else
      CHECK_THAT(msg, Catch::Contains(r.expected));
  }
}

TEST_CASE("error hierarchy: every embargo exception is an embargo::error") {
  CHECK_THROWS_AS(throw embargo::data_error("f.csv", 12, "bad"), embargo::error);
  CHECK_THROWS_AS(throw embargo::invalid_argument("k < 2"), embargo::error);
  CHECK_THROWS_AS(throw embargo::io_error("x"), embargo::error);
  const embargo::data_error e("bars.csv", 1204, "timestamp is not after 2021-03-01 (duplicate)");
  CHECK(std::string(e.what()) == "bars.csv:1204: timestamp is not after 2021-03-01 (duplicate)");
  CHECK(e.line() == 1204);
  CHECK(e.file() == "bars.csv");
}

TEST_CASE("concepts accept the documented shapes") {
  STATIC_REQUIRE(embargo::series<std::vector<double>>);
  STATIC_REQUIRE(embargo::series<std::span<const double>>);
  STATIC_REQUIRE(!embargo::series<std::vector<float>>);
  STATIC_REQUIRE(embargo::interval_range<std::vector<interval>>);
  STATIC_REQUIRE(embargo::interval_range<std::span<const interval>>);
  STATIC_REQUIRE(!embargo::interval_range<std::vector<int>>);
}

TEST_CASE("version header agrees with the CMake project version") {
  CHECK(std::string(embargo::version_string) == EMBARGO_PROJECT_VERSION);
  CHECK(std::string(embargo::version_string) ==
        std::to_string(embargo::version_major) + "." + std::to_string(embargo::version_minor) + "." +
            std::to_string(embargo::version_patch));
}
