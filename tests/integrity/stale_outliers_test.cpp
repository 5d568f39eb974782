// A stale feed (a long run of unchanged closes) must not make ordinary returns after it look like
// spikes: the zero returns of the run are no information about the scale of returns.
#include <catch2/catch.hpp>

#include <cmath>

#include <embargo/core/random.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/outliers.hpp>

namespace {
std::vector<double> noisy_closes(std::size_t n, std::uint64_t seed, double vol = 0.01) {
  embargo::splitmix64 g(seed);
  std::vector<double> c{100.0};
  for (std::size_t i = 1; i < n; ++i) c.push_back(c.back() * std::exp(vol * embargo::standard_normal(g)));
  return c;
}
}  // namespace

TEST_CASE("hampel: ordinary returns after a stale run are not outliers") {
  for (std::size_t stale_len : {30u, 60u, 200u}) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      auto c = noisy_closes(300, seed);
      // freeze the feed for stale_len bars from bar 150, then resume from the frozen level
      std::vector<double> closes(c.begin(), c.begin() + 150);
      for (std::size_t i = 0; i < stale_len; ++i) closes.push_back(closes.back());
      const double scale = closes.back() / c[149];
      for (std::size_t i = 150; i < c.size(); ++i) closes.push_back(c[i] * scale);
      INFO("stale run of " << stale_len << " bars, seed " << seed);
      CHECK(embargo::find_return_outliers(closes).empty());
    }
  }
}

TEST_CASE("hampel: a bad print right after a stale run is still found") {
  auto c = noisy_closes(300, 4);
  std::vector<double> closes(c.begin(), c.begin() + 150);
  for (int i = 0; i < 100; ++i) closes.push_back(closes.back());
  closes.push_back(closes.back() * 1.3);  // bad print
  closes.push_back(closes.back() / 1.3);  // reverts
  for (std::size_t i = 152; i < c.size(); ++i) closes.push_back(closes.back() * c[i] / c[i - 1]);
  const auto o = embargo::find_return_outliers(closes);
  REQUIRE(o.size() == 1);
  CHECK(o[0].index == 250);
  CHECK(o[0].kind == embargo::outlier_kind::spike);
}

TEST_CASE("integrity: a stale run is reported as stale, and creates no spikes or jumps") {
  embargo::bars b;
  b.symbol = "STALE";
  const auto c = noisy_closes(400, 9);
  embargo::timestamp t = embargo::days_since_epoch(2021, 1, 4) * 86400;
  double level = c[0];
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i < 150 || i >= 250) level = i == 0 ? c[0] : level * c[i] / c[i - 1];
    b.push_back(t, level, level * 1.001, level * 0.999, level, 1000);
    t += 3600;
  }
  const auto r = embargo::check_integrity(b, nullptr);
  CHECK_FALSE(r.report.stale.empty());
  CHECK(r.report.spikes.empty());
  CHECK(r.report.jumps.empty());
}
