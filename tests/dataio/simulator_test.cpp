// The built-in market simulator: deterministic, prefix-stable, regimes with the intended statistics.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>

#include <embargo/data/simulator.hpp>

using embargo::regime;

namespace {
// FNV-1a over the regime sequence: integer-only, so exact on every platform.
std::uint64_t regime_hash(const std::vector<regime>& r) {
  std::uint64_t h = 1469598103934665603ULL;
  for (auto x : r) h = (h ^ static_cast<std::uint64_t>(x)) * 1099511628211ULL;
  return h;
}
}  // namespace

TEST_CASE("simulator is deterministic: golden checksums") {
  const auto m = embargo::simulate_market({.n_symbols = 4, .n_bars = 2000, .seed = 42});
  // Golden values recorded when the simulator was written; a change here changes every
  // downstream result (demo archive, docs), so it must be deliberate.
  CHECK(regime_hash(m.true_regime) == 0x7b37e79868471a0cULL);
  double sum_close = 0, sum_volume = 0;
  for (const auto& b : m.bars.symbols)
    for (std::size_t i = 0; i < b.size(); ++i) sum_close += b.close[i], sum_volume += b.volume[i];
  CHECK(sum_close == Approx(1649847.084200731).epsilon(1e-9));
  CHECK(sum_volume == Approx(19325900496.0).epsilon(1e-9));
}

TEST_CASE("simulator: same seed same bars, other seed other bars, prefixes are stable") {
  const auto a = embargo::simulate_market({.n_symbols = 3, .n_bars = 500, .seed = 9});
  const auto b = embargo::simulate_market({.n_symbols = 3, .n_bars = 500, .seed = 9});
  const auto c = embargo::simulate_market({.n_symbols = 3, .n_bars = 500, .seed = 10});
  const auto prefix = embargo::simulate_market({.n_symbols = 2, .n_bars = 200, .seed = 9});
  CHECK(a.bars.symbols[2].close == b.bars.symbols[2].close);
  CHECK(a.bars.symbols[0].close != c.bars.symbols[0].close);
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& full = a.bars.symbols[s];
    const auto& head = prefix.bars.symbols[s];
    CHECK(std::vector<double>(full.close.begin(), full.close.begin() + 200) == head.close);
    CHECK(std::vector<double>(full.high.begin(), full.high.begin() + 200) == head.high);
  }
}

TEST_CASE("simulator bars satisfy every reader rule") {
  const auto m = embargo::simulate_market({.n_symbols = 5, .n_bars = 3000, .seed = 3});
  for (const auto& b : m.bars.symbols) REQUIRE_NOTHROW(embargo::validate_bars(b));
  // Daily bars skip weekends.
  for (auto t : m.bars.symbols[0].time) REQUIRE(embargo::weekday_utc(t) < 5);
  const auto intraday = embargo::simulate_market({.n_symbols = 1, .n_bars = 100, .bar_seconds = 60});
  CHECK(intraday.bars.symbols[0].time[99] - intraday.bars.symbols[0].time[0] == 99 * 60);
}

TEST_CASE("simulator regimes have the intended statistics") {
  const auto m = embargo::simulate_market({.n_symbols = 3, .n_bars = 60000, .seed = 5});
  std::array<double, embargo::regime_count> n{}, s{}, s2{};
  std::array<double, embargo::regime_count> vol_sum{};
  for (const auto& b : m.bars.symbols)
    for (std::size_t t = 1; t < b.size(); ++t) {
      const auto k = embargo::index(m.true_regime[t]);
      const double r = std::log(b.close[t] / b.close[t - 1]);
      n[k] += 1, s[k] += r, s2[k] += r * r, vol_sum[k] += b.volume[t];
    }
  std::array<double, embargo::regime_count> mean{}, sd{}, volume{};
  for (std::size_t k = 0; k < embargo::regime_count; ++k) {
    REQUIRE(n[k] > 500);  // every regime is visited
    mean[k] = s[k] / n[k];
    sd[k] = std::sqrt(s2[k] / n[k] - mean[k] * mean[k]);
    volume[k] = vol_sum[k] / n[k];
  }
  const auto lo = embargo::index(regime::low_vol), no = embargo::index(regime::normal),
             hi = embargo::index(regime::high_vol), cr = embargo::index(regime::crash),
             re = embargo::index(regime::recovery);
  CHECK(mean[cr] < -0.004);               // crashes fall hard...
  CHECK(sd[cr] > 2.5 * sd[no]);           // ...and are volatile
  CHECK(mean[re] > 0.002);                // recoveries rebound
  CHECK(sd[lo] < 0.7 * sd[no]);
  CHECK(sd[hi] > 1.6 * sd[no]);
  CHECK(volume[cr] > 2.0 * volume[no]);   // volume follows volatility
  CHECK(volume[lo] < volume[no]);
}

TEST_CASE("simulator rejects impossible options") {
  CHECK_THROWS_AS(embargo::simulate_market({.n_symbols = 0}), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::simulate_market({.n_bars = 0}), embargo::invalid_argument);
  embargo::simulator_options o;
  o.params.transition[0][0] = 0.5;
  CHECK_THROWS_WITH(embargo::simulate_market(o), Catch::Contains("transition row low_vol sums to"));
}
