// Tests of the CUSUM filter: mlfinlab's vector (fixed and per-bar threshold), the book's
// difference form, the reset policies, a straightforward reference on random paths, the level
// form against the exact rule near the boundary, bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <embargo/events/cusum.hpp>

#include "../test_support.hpp"

namespace {

std::vector<std::size_t> positions_of(const nlohmann::json& index, const nlohmann::json& dates) {
  std::vector<std::size_t> out;
  for (const auto& d : dates)
    for (std::size_t i = 0; i < index.size(); ++i)
      if (index[i] == d) out.push_back(i);
  return out;
}

// The spec's recursion written out plainly (spec §3), with the threshold per bar.
std::vector<std::size_t> cusum_reference(const std::vector<double>& p, const std::vector<double>& h, bool both, int kind) {
  std::vector<std::size_t> out;
  double sp = 0, sn = 0;
  for (std::size_t t = 1; t < p.size(); ++t) {
    const double x = kind == 0 ? std::log(p[t]) - std::log(p[t - 1]) : kind == 1 ? p[t] - p[t - 1] : p[t] / p[t - 1] - 1.0;
    sp = std::max(0.0, sp + x);
    sn = std::min(0.0, sn + x);
    if (sn < -h[t]) {
      sn = 0;
      if (both) sp = 0;
      out.push_back(t);
    } else if (sp > h[t]) {
      sp = 0;
      if (both) sn = 0;
      out.push_back(t);
    }
  }
  return out;
}

std::vector<double> random_walk(std::mt19937_64& rng, std::size_t n, double vol) {
  std::normal_distribution<double> z(0.0, vol);
  std::vector<double> p(n);
  p[0] = 100.0;
  for (std::size_t i = 1; i < n; ++i) p[i] = p[i - 1] * std::exp(z(rng));
  return p;
}

}  // namespace

TEST_CASE("cusum_filter reproduces mlfinlab's events with a fixed threshold") {
  const auto v = embargo::test::load_vector("cusum_mlfinlab.json");
  const auto close = v["input"]["close"].get<std::vector<double>>();
  const auto expected = positions_of(v["input"]["close_index"], v["expected"]["events_fixed"]);
  REQUIRE(expected.size() == v["expected"]["events_fixed"].size());
  CHECK(embargo::cusum_filter(close, {.threshold = 0.02}) == expected);
}

TEST_CASE("cusum_filter reproduces mlfinlab's events with a per-bar threshold") {
  const auto v = embargo::test::load_vector("cusum_mlfinlab.json");
  const auto close = v["input"]["close"].get<std::vector<double>>();
  std::vector<double> h(close.size(), 0.01);
  for (std::size_t i = 0; i < 10; ++i) h[i] = 0.02;
  const auto expected = positions_of(v["input"]["close_index"], v["expected"]["events_dynamic"]);
  REQUIRE(expected.size() == v["expected"]["events_dynamic"].size());
  CHECK(embargo::cusum_filter(close, h) == expected);
}

TEST_CASE("cusum_filter agrees with the plain recursion on random paths, for every input kind and reset") {
  std::mt19937_64 rng(20240501);
  for (int trial = 0; trial < 50; ++trial) {
    const auto p = random_walk(rng, 500, 0.01);
    const int kind = trial % 3;
    const bool both = trial % 2 == 1;
    const double h = kind == 1 ? 1.5 : 0.015;
    const auto in = kind == 0 ? embargo::cusum_input::log_return
                              : kind == 1 ? embargo::cusum_input::difference : embargo::cusum_input::pct_return;
    const auto reset = both ? embargo::cusum_reset::both : embargo::cusum_reset::one_side;
    const auto got = embargo::cusum_filter(p, {.threshold = h, .input = in, .reset = reset});
    CHECK(got == cusum_reference(p, std::vector<double>(p.size(), h), both, kind));
    std::vector<double> hv(p.size());
    std::uniform_real_distribution<double> u(0.5 * h, 2.0 * h);
    for (auto& x : hv) x = u(rng);
    CHECK(embargo::cusum_filter(p, hv, {.input = in, .reset = reset}) == cusum_reference(p, hv, both, kind));
  }
}

TEST_CASE("cusum_filter: resetting both sides changes nothing with a fixed threshold, but can with a per-bar one") {
  // With a fixed h, S+ - S- <= h always holds, so when one side fires the other has just been
  // clamped to 0 anyway; with a threshold that shrinks, the carried side can fire earlier.
  std::mt19937_64 rng(99);
  int differ = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const auto p = random_walk(rng, 400, 0.01);
    const auto one = embargo::cusum_filter(p, {.threshold = 0.012});
    const auto both = embargo::cusum_filter(p, {.threshold = 0.012, .reset = embargo::cusum_reset::both});
    CHECK(one == both);
    std::vector<double> h(p.size());
    std::uniform_real_distribution<double> u(0.002, 0.03);
    for (auto& x : h) x = u(rng);
    differ += embargo::cusum_filter(p, h) != embargo::cusum_filter(p, h, {.reset = embargo::cusum_reset::both});
  }
  CHECK(differ > 0);
  CHECK(embargo::cusum_filter(std::vector<double>{100}).empty());
  CHECK(embargo::cusum_filter(std::vector<double>{}).empty());
  CHECK(embargo::cusum_filter(std::vector<double>{100, 200, 50}, {.threshold = 0.01}) == std::vector<std::size_t>{1, 2});
}

TEST_CASE("cusum_filter with a fixed threshold decides by price levels, exactly where summed log returns round wrongly") {
  // Deliberate difference from mlfinlab (docs/labels.md): S+ > h is decided as P_t > m e^h with
  // m the lowest price since the last upward event, instead of summing rounded log differences.
  // Paths creep up 5000 bars to end 1e-15 (relative) above or below the exact boundary m e^h;
  // the exact rule is evaluated in long double. The summation misjudges some of them, the level
  // form none.
  if constexpr (std::numeric_limits<long double>::digits >= 64) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> noise(-1.0, 1.0);
    const double h = 0.01;
    const std::size_t k = 5000;
    int level_wrong = 0, summation_wrong = 0;
    for (int trial = 0; trial < 100; ++trial) {
      const double m = 1e6 * (1.0 + 0.37 * trial);
      const bool above = trial % 2 == 1;
      std::vector<double> p(k + 1);
      for (std::size_t i = 0; i < k; ++i)
        p[i] = m * std::exp(h * 0.999 * static_cast<double>(i) / static_cast<double>(k)) * (1.0 + 1e-9 * noise(rng));
      p[0] = m;
      const long double boundary = static_cast<long double>(m) * std::exp(static_cast<long double>(h));
      p[k] = static_cast<double>(boundary * (1.0L + (above ? 1e-15L : -1e-15L)));
      REQUIRE((static_cast<long double>(p[k]) > boundary) == above);
      const auto fires_last = [&](const std::vector<std::size_t>& ev) {
        REQUIRE(ev.size() <= 1);  // nothing fires before the last bar
        return ev.size() == 1 && ev[0] == k;
      };
      level_wrong += fires_last(embargo::cusum_filter(p, {.threshold = h})) != above;
      summation_wrong += fires_last(cusum_reference(p, std::vector<double>(p.size(), h), false, 0)) != above;
    }
    CHECK(level_wrong == 0);
    CHECK(summation_wrong > 0);
  }
}

TEST_CASE("cusum_filter on log returns at the ends of the double range: the summed rule, not overflowed levels") {
  // Valid prices whose levels P e^h or P e^-h leave the normal range: denormal prices, prices
  // near DBL_MAX, and an h so large that e^h overflows while a path still rises by more.
  std::mt19937_64 rng(7);
  for (double scale : {1e-310, 1e-300, 1e300, 1e306}) {
    INFO("scale " << scale);
    auto p = random_walk(rng, 400, 0.02);
    for (auto& x : p) x *= scale / 100.0;
    for (const auto reset : {embargo::cusum_reset::one_side, embargo::cusum_reset::both}) {
      const auto got = embargo::cusum_filter(p, {.threshold = 0.02, .reset = reset});
      CHECK(got == cusum_reference(p, std::vector<double>(p.size(), 0.02), reset == embargo::cusum_reset::both, 0));
      CHECK(!got.empty());
    }
  }
  // log(1e300 / 1e-300) = 1381.6 > h = 1000, yet e^1000 is inf: the rise must still fire.
  const std::vector<double> wide = {1e-300, 1e-300, 1e300, 1e300, 1e-300};
  const auto got = embargo::cusum_filter(wide, {.threshold = 1000.0});
  CHECK(got == std::vector<std::size_t>{2, 4});
  CHECK(got == cusum_reference(wide, std::vector<double>(wide.size(), 1000.0), false, 0));
}

TEST_CASE("cusum_filter rejects bad input with the position in the message") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(embargo::cusum_filter(std::vector<double>{100, nan, 101}), Catch::Contains("price[1]"));
  CHECK_THROWS_WITH(embargo::cusum_filter(std::vector<double>{100, -1, 101}), Catch::Contains("price[1]"));
  CHECK_NOTHROW(embargo::cusum_filter(std::vector<double>{1, -1, 2},
                                      {.threshold = 1, .input = embargo::cusum_input::difference}));
  CHECK_THROWS_AS(embargo::cusum_filter(std::vector<double>{100, 101}, {.threshold = 0}), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::cusum_filter(std::vector<double>{100, 101}, {.threshold = nan}), embargo::invalid_argument);
  CHECK_THROWS_WITH(embargo::cusum_filter(std::vector<double>{100, 101}, std::vector<double>{0.1}),
                    Catch::Contains("one per bar"));
  CHECK_THROWS_WITH(embargo::cusum_filter(std::vector<double>{100, 101, 102}, std::vector<double>{0, 0.1, -0.1}),
                    Catch::Contains("threshold[2]"));
}
