// Tests of the feature indicators against hand-computed small cases written out from TTR's
// documented conventions, warm-up NaN positions on random paths, the no-look-ahead property,
// scalers fitted on train rows only, cross-sectional ranks, the feature-set parser and hash.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/features.hpp>

namespace {

using embargo::bars;
const double NaN = std::numeric_limits<double>::quiet_NaN();

void check_series(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("index " << i);
    if (std::isnan(want[i]))
      CHECK(std::isnan(got[i]));
    else
      CHECK(got[i] == Approx(want[i]).epsilon(1e-12));
  }
}

bars simulated(std::uint64_t seed, std::size_t n) {
  return embargo::simulate_market({.n_symbols = 1, .n_bars = n, .seed = seed}).bars.symbols.at(0);
}

std::size_t first_finite(const std::vector<double>& x) {
  std::size_t i = 0;
  while (i < x.size() && std::isnan(x[i])) ++i;
  return i;
}

}  // namespace

TEST_CASE("sma and ema: hand-computed TTR cases", "[features]") {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  check_series(embargo::sma(x, 3), {NaN, NaN, 2, 3, 4, 5});
  // EMA(3): ratio 2/(3+1) = 0.5, seeded at t = 2 with mean(1, 2, 3) = 2.
  check_series(embargo::ema(x, 3), {NaN, NaN, 2, 3, 4, 5});
  const std::vector<double> y = {2, 4, 6, 8};
  // Wilder EMA(2): ratio 1/2, seed (2 + 4) / 2 = 3, then 0.5*6 + 0.5*3 = 4.5, 0.5*8 + 0.5*4.5 = 6.25.
  check_series(embargo::ema(y, 2, {.wilder = true}), {NaN, 3, 4.5, 6.25});
  // Plain EMA(2): ratio 2/3: 2/3*6 + 1/3*3 = 5, 2/3*8 + 1/3*5 = 7.
  check_series(embargo::ema(y, 2), {NaN, 3, 5, 7});
  // Leading NaNs are skipped, as TTR does: the seed is the mean of the first n finite values.
  check_series(embargo::ema(std::vector<double>{NaN, 2, 4, 6}, 2), {NaN, NaN, 3, 5});
  CHECK_THROWS_AS(embargo::ema(std::vector<double>{1, NaN, 3}, 2), embargo::data_error);
}

TEST_CASE("rsi: Wilder smoothing, NaN for the first n values", "[features]") {
  // changes +1 -1 +2 -1: U seed (1+0)/2, D seed (0+1)/2 -> 50; then U = 1.25, D = 0.25 -> 83.33;
  // then U = D = 0.625 -> 50.
  check_series(embargo::rsi(std::vector<double>{10, 11, 10, 12, 11}, 2), {NaN, NaN, 50, 100.0 * 1.25 / 1.5, 50});
}

TEST_CASE("true range and atr: first TR is NaN, first ATR at position n", "[features]") {
  const std::vector<double> h = {11, 12, 13, 12}, l = {9, 10, 11, 9}, c = {10, 11, 12, 10};
  check_series(embargo::true_range(h, l, c), {NaN, 2, 2, 3});
  check_series(embargo::atr(h, l, c, 2), {NaN, NaN, 2, 2.5});
}

TEST_CASE("macd: difference of EMAs (percent = FALSE) and its EMA signal", "[features]") {
  // EMA(2)_t = t + 1.5 (0-based t >= 1 for x = 1..6), EMA(3)_t = t + 1 (t >= 2): macd 0.5 from t = 2.
  const auto r = embargo::macd(std::vector<double>{1, 2, 3, 4, 5, 6}, {.fast = 2, .slow = 3, .signal = 2});
  check_series(r.macd, {NaN, NaN, 0.5, 0.5, 0.5, 0.5});
  check_series(r.signal, {NaN, NaN, NaN, 0.5, 0.5, 0.5});
}

TEST_CASE("bollinger: population sd, %B and width", "[features]") {
  const auto r = embargo::bollinger(std::vector<double>{1, 2, 3, 5}, {.n = 3, .k = 2});
  const double sd2 = std::sqrt(2.0 / 3.0), sd3 = std::sqrt(14.0 / 9.0), m3 = 10.0 / 3.0;
  check_series(r.mavg, {NaN, NaN, 2, m3});
  check_series(r.up, {NaN, NaN, 2 + 2 * sd2, m3 + 2 * sd3});
  check_series(r.dn, {NaN, NaN, 2 - 2 * sd2, m3 - 2 * sd3});
  check_series(r.pctb, {NaN, NaN, (1 + 2 * sd2) / (4 * sd2), (5 - m3 + 2 * sd3) / (4 * sd3)});
  check_series(r.width, {NaN, NaN, 4 * sd2 / 2, 4 * sd3 / m3});
}

TEST_CASE("returns, lags, volatility estimators, volume", "[features]") {
  const std::vector<double> c = {100, 110, 99, 99};
  check_series(embargo::simple_returns(c, 1), {NaN, 0.1, -0.1, 0});
  check_series(embargo::simple_returns(c, 2), {NaN, NaN, -0.01, -0.1});
  check_series(embargo::lag(std::vector<double>{1, 2, 3, 4}, 2), {NaN, NaN, 1, 2});
  // sd(0.1, -0.1) = sqrt(0.02); sd(-0.1, 0) = sqrt(0.005) (ddof 1).
  check_series(embargo::rolling_volatility(c, 2), {NaN, NaN, std::sqrt(0.02), std::sqrt(0.005)});
  const double e = std::exp(1.0);
  const std::vector<double> lo = {1, 2}, hi = {e, 2 * e}, op = {1.5, 3}, cl = {1.5, 3};
  check_series(embargo::parkinson_volatility(hi, lo, 1), {1 / std::sqrt(4 * std::log(2.0)), 1 / std::sqrt(4 * std::log(2.0))});
  check_series(embargo::parkinson_volatility(hi, lo, 2), {NaN, 1 / std::sqrt(4 * std::log(2.0))});
  check_series(embargo::garman_klass_volatility(op, hi, lo, cl, 2), {NaN, std::sqrt(0.5)});
  check_series(embargo::volume_ratio(std::vector<double>{1, 3, 2}, 2), {NaN, 1.5, 0.8});
  check_series(embargo::dollar_volume(std::vector<double>{2, 3}, std::vector<double>{10, 0}), {20, 0});
}

TEST_CASE("warm-up NaN positions match TTR's NA on random paths", "[features]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const bars b = simulated(seed, 120);
    const std::span<const double> c = b.close;
    for (std::size_t n : {1u, 2u, 5u, 14u, 20u}) {
      INFO("seed " << seed << " n " << n);
      CHECK(first_finite(embargo::sma(c, n)) == n - 1);
      CHECK(first_finite(embargo::ema(c, n)) == n - 1);
      CHECK(first_finite(embargo::rsi(c, n)) == n);
      CHECK(first_finite(embargo::atr(b.high, b.low, c, n)) == n);
      CHECK(first_finite(embargo::bollinger(c, {.n = n}).mavg) == n - 1);
      CHECK(first_finite(embargo::simple_returns(c, n)) == n);
      if (n >= 2) CHECK(first_finite(embargo::rolling_volatility(c, n)) == n);
      CHECK(first_finite(embargo::parkinson_volatility(b.high, b.low, n)) == n - 1);
    }
    const auto m = embargo::macd(c);
    CHECK(first_finite(m.macd) == 25);
    CHECK(first_finite(m.signal) == 33);
    // Past the warm-up, everything is finite.
    for (std::size_t t = 33; t < c.size(); ++t) CHECK(std::isfinite(m.signal[t]));
  }
}

TEST_CASE("no look-ahead: a different future after bar t changes no feature at t or earlier", "[features]") {
  const auto names = embargo::parse_feature_list(
      "sma20,ema12,ema26,rsi14,atr14,tr,macd,macd_signal,bb_dn20,bb_mavg20,bb_up20,bb_pctb20,bb_width20,ret1,ret5,"
      "lag_ret1_2,vol20,parkinson20,gk20,volume_ratio20,dollar_volume,close,log_close");
  const bars b = simulated(7, 200);
  const auto base = embargo::compute_features(b, names);
  embargo::splitmix64 g(99);
  for (std::size_t t : {0u, 1u, 13u, 14u, 25u, 33u, 60u, 150u, 198u}) {
    bars alt = b;
    for (std::size_t i = t + 1; i < alt.close.size(); ++i) {
      const double f = 0.5 + g.uniform();  // any other valid future
      alt.open[i] *= f;
      alt.close[i] *= f;
      alt.high[i] = std::max({alt.high[i] * f, alt.open[i], alt.close[i]});
      alt.low[i] = std::min({alt.low[i] * f, alt.open[i], alt.close[i]});
      alt.volume[i] *= 2 * g.uniform();
    }
    const auto other = embargo::compute_features(alt, names);
    for (std::size_t j = 0; j < names.size(); ++j)
      for (std::size_t i = 0; i <= t; ++i) {
        INFO(names[j] << " at " << i << " with future changed after " << t);
        const double a = base.columns[j][i], z = other.columns[j][i];
        CHECK(((std::isnan(a) && std::isnan(z)) || a == z));
      }
  }
}

TEST_CASE("scalers: fitted on train rows only, test rows do not move the fit", "[features]") {
  embargo::splitmix64 g(5);
  embargo::feature_columns x(3, std::vector<double>(50));
  for (auto& col : x)
    for (auto& v : col) v = g.uniform() * 10 - 5;
  x[2][3] = NaN;  // NaN skipped in the fit, kept NaN in the output
  std::vector<std::size_t> train;
  for (std::size_t i = 0; i < 30; ++i) train.push_back(i);
  embargo::standard_scaler s;
  embargo::robust_scaler r;
  s.fit(x, train);
  r.fit(x, train);
  auto poisoned = x;
  for (auto& col : poisoned)
    for (std::size_t i = 30; i < col.size(); ++i) col[i] = 1e9 * (g.uniform() + 1);
  embargo::standard_scaler s2;
  embargo::robust_scaler r2;
  s2.fit(poisoned, train);
  r2.fit(poisoned, train);
  CHECK(s.mean() == s2.mean());
  CHECK(s.scale() == s2.scale());
  CHECK(r.median() == r2.median());
  CHECK(r.scale() == r2.scale());
  // Direct check of column 0: mean and population sd of the 30 train values.
  double m = 0;
  for (auto i : train) m += x[0][i];
  m /= 30;
  double ss = 0;
  for (auto i : train) ss += (x[0][i] - m) * (x[0][i] - m);
  CHECK(s.mean()[0] == Approx(m));
  CHECK(s.scale()[0] == Approx(std::sqrt(ss / 30)));
  const auto z = s.transform(x);
  CHECK(std::isnan(z[2][3]));
  CHECK(z[0][40] == Approx((x[0][40] - m) / std::sqrt(ss / 30)));
  // Robust on a known column: median 3, IQR 4 - 2 = 2 (linear quantiles of 1..5).
  embargo::feature_columns k = {{1, 2, 3, 4, 5, 100}};
  std::vector<std::size_t> first5 = {0, 1, 2, 3, 4};
  embargo::robust_scaler rk;
  rk.fit(k, first5);
  CHECK(rk.median()[0] == 3);
  CHECK(rk.scale()[0] == 2);
  CHECK(rk.transform(k)[0][5] == Approx(48.5));
  CHECK_THROWS_AS(rk.fit(k, std::vector<std::size_t>{6}), embargo::invalid_argument);
  CHECK_THROWS_AS(rk.transform(x), embargo::invalid_argument);
}

TEST_CASE("cross-sectional rank: per bar, ties averaged, NaN not ranked", "[features]") {
  const std::vector<std::vector<double>> v = {{1, 2, NaN}, {3, 2, 1}, {2, 2, 5}};
  const auto r = embargo::cross_sectional_rank(v);
  check_series(r[0], {1, 2, NaN});
  check_series(r[1], {3, 2, 1});
  check_series(r[2], {2, 2, 2});
  const auto p = embargo::cross_sectional_rank(v, {.pct = true});
  check_series(p[2], {2.0 / 3, 2.0 / 3, 1.0});
  CHECK_THROWS_AS(embargo::cross_sectional_rank({{1, 2}, {1}}), embargo::invalid_argument);
}

TEST_CASE("feature set: parsing, bad input, stable hash", "[features]") {
  const bars b = simulated(3, 60);
  const auto m = embargo::compute_features(b, {"sma5", "lag_ret1_2", "volume_ratio3"});
  check_series(m.columns[0], embargo::sma(b.close, 5));
  check_series(m.columns[1], embargo::lag(embargo::simple_returns(b.close, 1), 2));
  check_series(m.columns[2], embargo::volume_ratio(b.volume, 3));
  for (const char* bad : {"sma0", "sma", "smax", "foo12", "lag_ret1", "lag_ret1_x", "vol1", "bb_pctb0"}) {
    INFO(bad);
    CHECK_THROWS_AS(embargo::compute_feature(b, bad), embargo::invalid_argument);
  }
  CHECK_THROWS_AS(embargo::parse_feature_list("sma5,,ema3"), embargo::invalid_argument);
  CHECK(embargo::parse_feature_list(" sma5, ema3") == std::vector<std::string>{"sma5", "ema3"});
  bars broken = b;
  broken.close[10] = -1;
  CHECK_THROWS_WITH(embargo::compute_feature(broken, "rsi14"), Catch::Contains("close[10]"));
  broken.close[10] = NaN;
  CHECK_THROWS_AS(embargo::compute_feature(broken, "sma5"), embargo::data_error);
  CHECK_THROWS_AS(embargo::sma(b.close, 0), embargo::invalid_argument);
  const auto h = embargo::feature_set_hash({"sma20", "rsi14"});
  CHECK(h.size() == 16);
  CHECK(h == embargo::feature_set_hash({"sma20", "rsi14"}));
  CHECK(h != embargo::feature_set_hash({"rsi14", "sma20"}));
  CHECK(h != embargo::feature_set_hash({"sma21", "rsi14"}));
  CHECK(embargo::feature_set_hash({"ab", "c"}) != embargo::feature_set_hash({"a", "bc"}));
}
