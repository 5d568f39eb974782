// Tests of the other weight schemes (recency, class balance, regime), their compile-time product,
// and the regime-balanced sampler with its rare-event archive.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include <embargo/samplers.hpp>

using namespace embargo;

static_assert(weight_scheme<weights<uniqueness_weight, time_decay_weight, regime_weight>>);
static_assert(weight_scheme<weight_product<recency_weight>>);
static_assert(sampler<regime_balanced_sampler>);

TEST_CASE("recency weights halve every half-life", "[samplers][recency]") {
  const std::vector<interval> ev{{0, 3}, {10, 12}, {20, 25}, {30, 30}};
  const auto w = recency_weights(ev, 40, {.half_life = 10});
  CHECK(w == std::vector<double>{0.125, 0.25, 0.5, 1.0});
  // The seed's per-sample factor 0.95 is a half-life of ln 2 / -ln 0.95 bars.
  const std::vector<interval> daily{{0, 0}, {1, 1}, {2, 2}};
  const auto d = recency_weights(daily, 3, {.half_life = std::log(2.0) / -std::log(0.95)});
  CHECK(d[0] == Approx(0.95 * 0.95).epsilon(1e-14));
  CHECK(d[1] == Approx(0.95).epsilon(1e-14));
  CHECK_THROWS_WITH(recency_weights(ev, 40, {.half_life = 0}), Catch::Contains("half_life"));
  CHECK_THROWS_AS(recency_weights(ev, 20, {}), data_error);
}

TEST_CASE("class balance gives every class the same total weight", "[samplers][class]") {
  const std::vector<int> y{1, 1, 1, 1, 1, 1, -1, -1, 0};
  const auto w = class_balance_weights(y);
  double pos = 0, neg = 0, zero = 0, all = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    (y[i] > 0 ? pos : y[i] < 0 ? neg : zero) += w[i];
    all += w[i];
  }
  CHECK(all == Approx(9.0));
  CHECK(pos == Approx(3.0));
  CHECK(neg == Approx(3.0));
  CHECK(zero == Approx(3.0));
  CHECK(w[0] == Approx(9.0 / (3 * 6)));  // sklearn "balanced": n / (K n_c)
  CHECK_THROWS_AS(class_balance_weights(std::vector<int>{}), data_error);
  const std::vector<interval> ev{{0, 1}, {1, 2}};
  CHECK_THROWS_WITH((class_balance_weight{y}.weights(ev, 5)), Catch::Contains("9 labels for 2 events"));
}

TEST_CASE("regime weights use the seed's defaults and accept overrides", "[samplers][regime]") {
  const std::vector<regime> r{regime::crash, regime::recovery, regime::high_vol, regime::normal, regime::low_vol};
  CHECK(regime_weights(r) == std::vector<double>{2.0, 1.5, 1.3, 1.0, 0.8});
  regime_weight_options o;
  o.by_regime[index(regime::crash)] = 3.0;
  CHECK(regime_weights(r, o)[0] == 3.0);
  o.by_regime[index(regime::normal)] = -1;
  CHECK_THROWS_WITH(regime_weights(r, o), Catch::Contains("normal"));
}

TEST_CASE("weights<...> multiplies the schemes and renormalises to the event count", "[samplers][product]") {
  const std::vector<interval> ev{{0, 4}, {2, 6}, {5, 9}, {12, 14}, {13, 19}};
  const std::vector<regime> reg{regime::normal, regime::crash, regime::normal, regime::low_vol, regime::recovery};
  const weights<uniqueness_weight, time_decay_weight, regime_weight> combo{
      uniqueness_weight{}, time_decay_weight{{.decay = 0.5}}, regime_weight{reg}};
  const auto w = combo.weights(ev, 20);
  const auto u = average_uniqueness(ev, 20);
  const auto d = time_decay_weight{{.decay = 0.5}}.weights(ev, 20);
  const auto g = regime_weights(reg);
  std::vector<double> raw(ev.size());
  double total = 0;
  for (std::size_t i = 0; i < ev.size(); ++i) total += raw[i] = u[i] * d[i] * g[i];
  double sum = 0;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    CHECK(w[i] == Approx(raw[i] * 5.0 / total).epsilon(1e-14));
    sum += w[i];
  }
  CHECK(sum == Approx(5.0).epsilon(1e-14));
  const weight_product<uniqueness_weight, regime_weight> plain({.normalise = false}, {}, regime_weight{reg});
  const auto p = plain.weights(ev, 20);
  for (std::size_t i = 0; i < ev.size(); ++i) CHECK(p[i] == Approx(u[i] * g[i]).epsilon(1e-15));
  // Decay c = -0.99 zeroes all but the newest; a regime weight of 0 on it leaves nothing.
  regime_weight_options zero_low;
  zero_low.by_regime[index(regime::recovery)] = 0.0;
  const weights<time_decay_weight, regime_weight> none{time_decay_weight{{.decay = -0.99}}, regime_weight{reg, zero_low}};
  CHECK_THROWS_WITH(none.weights(ev, 20), Catch::Contains("sum to 0"));
}

namespace {
std::vector<regime> regime_mix(std::size_t n, std::array<std::size_t, regime_count> counts) {
  std::vector<regime> r;
  for (std::size_t k = 0; k < regime_count; ++k) r.insert(r.end(), counts[k], all_regimes[k]);
  r.resize(n, regime::normal);
  // Interleave deterministically so regimes are not in blocks.
  std::vector<regime> out(n);
  for (std::size_t i = 0; i < n; ++i) out[(i * 7919) % n] = r[i];
  return out;
}
std::vector<interval> unit_events(std::size_t n) {
  std::vector<interval> ev(n);
  for (std::size_t i = 0; i < n; ++i) ev[i] = {i, i + 2};
  return ev;
}
}  // namespace

TEST_CASE("regime-balanced sampler hits the target ratios, resampling only short regimes", "[samplers][balanced]") {
  const std::size_t n = 1000;
  const auto reg = regime_mix(n, {100, 650, 150, 50, 50});  // n = 1000 is prime-free with 7919
  const auto ev = unit_events(n);
  const regime_balanced_sampler s(reg);
  splitmix64 g(5);
  const auto r = s.run(ev, 0, g);
  REQUIRE(r.indices.size() == n);
  const std::array<std::size_t, regime_count> want{200, 400, 200, 100, 100};
  for (std::size_t k = 0; k < regime_count; ++k) {
    CHECK(r.drawn[k] == want[k]);
    CHECK(r.achieved[k] == Approx(static_cast<double>(want[k]) / 1000.0).epsilon(1e-12));
  }
  CHECK(r.with_replacement == std::array<bool, regime_count>{true, false, true, true, true});
  // The abundant regime (normal) is drawn without replacement: 400 distinct events.
  std::set<std::size_t> normal;
  std::size_t counted = 0;
  for (std::size_t i : r.indices) {
    if (reg[i] == regime::normal) normal.insert(i), ++counted;
  }
  CHECK(counted == 400);
  CHECK(normal.size() == 400);
  CHECK(std::ranges::is_sorted(r.indices));
  // Same seed, same sample.
  splitmix64 g2(5);
  CHECK(s.sample(ev, 0, g2) == r.indices);
}

TEST_CASE("missing regimes' share is redistributed, as the seed's run reports", "[samplers][balanced]") {
  const std::size_t n = 600;
  const auto reg = regime_mix(n, {0, 400, 0, 120, 80});
  const auto ev = unit_events(n);
  splitmix64 g(9);
  const auto r = regime_balanced_sampler(reg).run(ev, 600, g);
  CHECK(r.effective_target[index(regime::normal)] == Approx(4.0 / 6.0));
  CHECK(r.achieved[index(regime::normal)] == Approx(4.0 / 6.0));
  CHECK(r.achieved[index(regime::crash)] == Approx(1.0 / 6.0));
  CHECK(r.achieved[index(regime::low_vol)] == 0.0);
  CHECK(r.drawn[index(regime::normal)] + r.drawn[index(regime::crash)] + r.drawn[index(regime::recovery)] == 600);
}

TEST_CASE("the rare-event archive puts crash windows in every sample", "[samplers][balanced][archive]") {
  const std::size_t n = 500;
  const auto reg = regime_mix(n, {100, 300, 50, 25, 25});
  const auto ev = unit_events(n);
  regime_balance_options o;
  o.archive_windows = {{100, 109}, {400, 400}};
  const regime_balanced_sampler s(reg, o);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    splitmix64 g(seed);
    const auto r = s.run(ev, 50, g);  // a small sample would usually miss them
    std::set<std::size_t> got(r.indices.begin(), r.indices.end());
    for (std::size_t i = 0; i < n; ++i)
      if (overlaps(ev[i], o.archive_windows[0]) || overlaps(ev[i], o.archive_windows[1])) REQUIRE(got.count(i) == 1);
    CHECK(r.archive_events == 12 + 3);
    CHECK(r.indices.size() == 50 + r.archive_added);
  }
}

TEST_CASE("regime-balanced sampler rejects bad ratios and inputs", "[samplers][balanced][errors]") {
  const std::vector<regime> reg{regime::normal, regime::crash};
  regime_balance_options bad;
  bad.target = {0.2, 0.4, 0.2, 0.1, 0.2};
  CHECK_THROWS_WITH(regime_balanced_sampler(reg, bad), Catch::Contains("sum to 1.1") && Catch::Contains("expected 1"));
  bad.target = {-0.1, 0.5, 0.4, 0.1, 0.1};
  CHECK_THROWS_WITH(regime_balanced_sampler(reg, bad), Catch::Contains("low_vol"));
  const std::vector<interval> three{{0, 1}, {1, 2}, {2, 3}};
  splitmix64 g(1);
  CHECK_THROWS_WITH(regime_balanced_sampler(reg).run(three, 3, g), Catch::Contains("2 regimes for 3 events"));
  regime_balance_options only_low;
  only_low.target = {1.0, 0, 0, 0, 0};
  const std::vector<interval> two{{0, 1}, {1, 2}};
  CHECK_THROWS_AS(regime_balanced_sampler(reg, only_low).run(two, 2, g), data_error);
}
