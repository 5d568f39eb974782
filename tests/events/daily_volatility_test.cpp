// Tests of the volatility targets: mlfinlab's get_daily_vol vector, the bar-horizon variant against
// the weighted-variance formula written out, and its equality with ewm_volatility at h = 1.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <embargo/core/time.hpp>
#include <embargo/events/daily_volatility.hpp>
#include <embargo/features/ewm_volatility.hpp>

#include "../test_support.hpp"

namespace {

// pandas ewm(span).std() of x written from its definition: weights (1-a)^(k-i), weighted mean and
// variance, times (Σw)² / ((Σw)² - Σw²).
double ewm_std_formula(const std::vector<double>& x, std::size_t k, double span) {
  const double a = 2.0 / (span + 1.0);
  double sw = 0, sw2 = 0, m = 0;
  for (std::size_t i = 0; i <= k; ++i) {
    const double w = std::pow(1.0 - a, static_cast<double>(k - i));
    sw += w;
    sw2 += w * w;
    m += w * x[i];
  }
  m /= sw;
  double v = 0;
  for (std::size_t i = 0; i <= k; ++i) v += std::pow(1.0 - a, static_cast<double>(k - i)) * (x[i] - m) * (x[i] - m);
  v /= sw;
  return std::sqrt(v * sw * sw / (sw * sw - sw2));
}

}  // namespace

TEST_CASE("daily_volatility reproduces mlfinlab's get_daily_vol on daily bars") {
  const auto v = embargo::test::load_vector("daily_vol_mlfinlab.json");
  const auto close = v["input"]["close"].get<std::vector<double>>();
  std::vector<std::int64_t> time;
  for (const auto& s : v["input"]["close_index"]) time.push_back(*embargo::parse_timestamp(s.get<std::string>()));
  const auto vol = embargo::daily_volatility(time, close, {.span = 5});
  REQUIRE(vol.size() == close.size());
  const auto& exp_index = v["expected"]["index"];
  const auto& exp_vol = v["expected"]["vol"];
  // The first kept bar is bar 2: on daily bars the reference is two bars back.
  REQUIRE(exp_index[0] == v["input"]["close_index"][2]);
  CHECK(std::isnan(vol[0]));
  CHECK(std::isnan(vol[1]));
  for (std::size_t k = 0; k < exp_vol.size(); ++k) {
    INFO("bar " << k + 2);
    if (exp_vol[k].is_null())
      CHECK(std::isnan(vol[k + 2]));
    else
      CHECK(vol[k + 2] == Approx(exp_vol[k].get<double>()).epsilon(1e-12));
  }
}

TEST_CASE("horizon_volatility: h = 1 is ewm_volatility bit for bit, h > 1 matches the weighted formula") {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> z(0.0, 0.01);
  std::vector<double> p(300);
  p[0] = 50;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * std::exp(z(rng));
  const auto a = embargo::horizon_volatility(p, {.horizon = 1, .span = 20});
  const auto b = embargo::ewm_volatility(p, {.span = 20});
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(b[i]))
      CHECK(std::isnan(a[i]));
    else
      CHECK(a[i] == b[i]);
  }
  for (const std::size_t h : {2u, 5u}) {
    const auto v = embargo::horizon_volatility(p, {.horizon = h, .span = 10});
    std::vector<double> r;
    for (std::size_t t = h; t < p.size(); ++t) r.push_back(p[t] / p[t - h] - 1.0);
    for (std::size_t t = 0; t <= h; ++t) CHECK(std::isnan(v[t]));
    for (std::size_t k = 1; k < r.size(); k += 37) CHECK(v[k + h] == Approx(ewm_std_formula(r, k, 10)).epsilon(1e-10));
  }
}

TEST_CASE("volatility targets reject bad input") {
  const std::vector<double> p{100, 101, -1};
  const std::vector<std::int64_t> t{0, 86400, 2 * 86400};
  CHECK_THROWS_WITH(embargo::daily_volatility(t, p), Catch::Contains("close[2]"));
  CHECK_THROWS_WITH(embargo::horizon_volatility(p), Catch::Contains("close[2]"));
  const std::vector<double> q{100, 101, 102};
  CHECK_THROWS_WITH(embargo::daily_volatility(std::vector<std::int64_t>{0, 0, 1}, q), Catch::Contains("time[1]"));
  CHECK_THROWS_AS(embargo::daily_volatility(std::vector<std::int64_t>{0, 1}, q), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::horizon_volatility(q, {.horizon = 0}), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::horizon_volatility(q, {.horizon = 1, .span = 0.5}), embargo::invalid_argument);
}
