// Tests of pandas_ewm_std, the kernel behind every EWM volatility: bit for bit the serial pandas
// recurrence on series long enough for the segmented path, including series whose spikes make
// every segment's warm-up miss the exact state (so the serial recomputation runs), in place,
// and for spans from 1 to 5000.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <embargo/features/ewm_volatility.hpp>
#include <embargo/features/pandas_ewm_std.hpp>

namespace {

// pandas' ewmcov(x, x, adjust=True, bias=False) online update, sqrt'd, written out plainly.
std::vector<double> serial_pandas(const std::vector<double>& x, double span) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> out(x.size(), nan);
  if (x.empty()) return out;
  const double decay = 1.0 - 2.0 / (span + 1.0);
  double mean = x[0], var = 0, w_old = 1, sum_w = 1, sum_w2 = 1;
  for (std::size_t i = 1; i < x.size(); ++i) {
    sum_w *= decay;
    sum_w2 *= decay * decay;
    w_old *= decay;
    const double prev = mean, total = w_old + 1.0;
    if (mean != x[i]) mean = (w_old * prev + x[i]) / total;
    var = (w_old * (var + (prev - mean) * (prev - mean)) + (x[i] - mean) * (x[i] - mean)) / total;
    sum_w += 1;
    sum_w2 += 1;
    w_old += 1;
    const double num = sum_w * sum_w, den = num - sum_w2;
    if (den > 0) {
      const double v = num / den * var;
      out[i] = v > 0 ? std::sqrt(v) : 0.0;
    }
  }
  return out;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
  return true;
}

std::vector<double> run(const std::vector<double>& x, double span) {
  std::vector<double> out(x.size());
  embargo::pandas_ewm_std(x, span, out);
  return out;
}

}  // namespace

TEST_CASE("pandas_ewm_std equals the serial pandas recurrence bit for bit on long series") {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> z(0.0, 0.01);
  std::vector<double> x(200'003);
  for (auto& v : x) v = z(rng);
  for (const double span : {1.0, 1.5, 2.0, 10.0, 100.0, 1000.0, 5000.0}) {
    INFO("span " << span);
    CHECK(bitwise_equal(run(x, span), serial_pandas(x, span)));
  }
  // In place (the copy kept for recomputation must not change the result).
  std::vector<double> y = x;
  embargo::pandas_ewm_std(y, 100.0, y);
  CHECK(bitwise_equal(y, serial_pandas(x, 100.0)));
}

TEST_CASE("pandas_ewm_std stays exact when the segments' warm-ups cannot reach the exact state") {
  // A spike of 1e150 every 500 values leaves a variance of order 1e300 that a warm-up of a few
  // thousand steps from a guessed state cannot reproduce: every segment is recomputed serially.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> z(0.0, 0.01);
  std::vector<double> x(150'000);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = i % 500 == 250 ? 1e150 : z(rng);
  CHECK(bitwise_equal(run(x, 100.0), serial_pandas(x, 100.0)));
  // Runs of equal values take pandas' "mean unchanged" branch.
  std::vector<double> flat(120'000, 0.001);
  for (std::size_t i = 0; i < flat.size(); i += 997) flat[i] = 0.002;
  CHECK(bitwise_equal(run(flat, 50.0), serial_pandas(flat, 50.0)));
}

TEST_CASE("ewm_volatility over a million bars equals the serial recurrence on the returns") {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z(0.0, 0.01);
  std::vector<double> close(1'000'000);
  close[0] = 100;
  for (std::size_t i = 1; i < close.size(); ++i) close[i] = close[i - 1] * std::exp(z(rng));
  std::vector<double> r(close.size() - 1);
  for (std::size_t i = 1; i < close.size(); ++i) r[i - 1] = close[i] / close[i - 1] - 1.0;
  auto expected = serial_pandas(r, 100.0);
  expected.insert(expected.begin(), std::numeric_limits<double>::quiet_NaN());
  CHECK(bitwise_equal(embargo::ewm_volatility(close, {.span = 100}), expected));
}

TEST_CASE("pandas_ewm_std: short input and bad arguments") {
  CHECK(run({}, 10.0).empty());
  const auto one = run({0.5}, 10.0);
  REQUIRE(one.size() == 1);
  CHECK(std::isnan(one[0]));
  std::vector<double> out(2);
  CHECK_THROWS_AS(embargo::pandas_ewm_std(std::vector<double>{1, 2}, 0.5, out), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::pandas_ewm_std(std::vector<double>{1, 2, 3}, 10.0, out), embargo::invalid_argument);
}
