// Tests of the sequential bootstrap: the textbook probabilities and mlfinlab's numpy-seeded
// draws, fast == exact draws on random inputs (including near-tie fallbacks), and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/samplers/numpy_random.hpp>
#include <embargo/samplers/sequential_bootstrap.hpp>

#include "../test_support.hpp"

using namespace embargo;

namespace {

std::vector<interval> textbook_events(const nlohmann::json& v) {
  std::vector<interval> ev;
  for (const auto& s : v["input"]["label_spans_bars"]) ev.push_back({s[0].get<std::size_t>(), s[1].get<std::size_t>()});
  return ev;
}

std::vector<interval> random_events(std::uint64_t seed, std::size_t m, std::size_t n_bars, std::size_t max_len) {
  splitmix64 g(seed);
  std::vector<interval> ev(m);
  for (auto& e : ev) {
    e.t0 = static_cast<std::size_t>(g.uniform() * static_cast<double>(n_bars));
    e.t1 = std::min(n_bars - 1, e.t0 + static_cast<std::size_t>(g.uniform() * static_cast<double>(max_len)));
  }
  return ev;
}

// A generator that replays given uniforms (to aim draws at exact boundaries).
struct replay {
  std::vector<double> u;
  std::size_t k = 0;
  double uniform() { return u[k++ % u.size()]; }
};

}  // namespace

static_assert(sampler<sequential_bootstrap<>>);
static_assert(sampler<sequential_bootstrap<bootstrap_exact>, std::vector<interval>, numpy_random_state>);

TEST_CASE("bootstrap probabilities after each prefix reproduce the textbook (AFML 4.5.3)", "[samplers][bootstrap]") {
  const auto v = test::load_vector("sequential_bootstrap_textbook.json");
  const auto ev = textbook_events(v);
  for (const auto& [key, want] : v["expected"]["draw_probabilities_given_prefix"].items()) {
    INFO("prefix " << key);
    std::vector<std::size_t> prefix;
    for (char ch : key)
      if (ch >= '0' && ch <= '9') prefix.push_back(static_cast<std::size_t>(ch - '0'));
    const auto d = bootstrap_probabilities(ev, prefix);
    for (std::size_t i = 0; i < ev.size(); ++i) {
      CHECK(d.average_uniqueness_if_added[i] == Approx(want["avg_uniqueness_if_added"][i].get<double>()).epsilon(1e-14));
      CHECK(d.draw_probability[i] == Approx(want["draw_probability"][i].get<double>()).epsilon(1e-14));
    }
    // The same numbers come out of a bootstrap forced through the prefix (warm-up draws).
    if (!prefix.empty()) {
      splitmix64 g(7);
      const auto r = sequential_bootstrap_exact(ev, prefix.size() + 1, g, prefix);
      const std::size_t last = r.indices.back();
      CHECK(r.draw_probability.back() == Approx(want["draw_probability"][last].get<double>()).epsilon(1e-14));
    }
  }
}

TEST_CASE("numpy-seeded draws reproduce mlfinlab seq_bootstrap (seeds 0, 1, 42)", "[samplers][bootstrap]") {
  const auto v = test::load_vector("sequential_bootstrap_textbook.json");
  const auto ev = textbook_events(v);
  // numpy's first doubles for RandomState(0): 0.5488135039273248, 0.7151893663724195.
  numpy_random_state probe(0);
  CHECK(probe.uniform() == 0.5488135039273248);
  CHECK(probe.uniform() == 0.7151893663724195);
  for (const auto& [key, want] : v["expected"]["seeded_draws_numpy_RandomState_informational"].items()) {
    INFO("seed " << key);
    const auto expected = want.get<std::vector<std::size_t>>();
    numpy_random_state g1(static_cast<std::uint32_t>(std::stoul(key)));
    numpy_random_state g2(static_cast<std::uint32_t>(std::stoul(key)));
    CHECK(sequential_bootstrap_exact(ev, 3, g1).indices == expected);
    CHECK(sequential_bootstrap_fast(ev, 3, g2).indices == expected);
  }
}

TEST_CASE("fast and exact bootstrap give identical draws on random inputs", "[samplers][bootstrap][property]") {
  struct shape {
    std::size_t m, n_bars, max_len, draws;
  };
  const shape shapes[] = {{1, 5, 3, 4}, {2, 3, 3, 10}, {40, 100, 10, 40}, {300, 500, 21, 300},
                          {200, 60, 30, 400}, {257, 2000, 5, 100}, {64, 64, 64, 128}};
  for (const auto& s : shapes)
    for (std::uint64_t seed : {11u, 12u, 13u}) {
      INFO("m=" << s.m << " bars=" << s.n_bars << " seed=" << seed);
      const auto ev = random_events(seed, s.m, s.n_bars, s.max_len);
      splitmix64 ga(seed * 7 + 1), gb(seed * 7 + 1);
      const auto a = sequential_bootstrap_exact(ev, s.draws, ga);
      const auto b = sequential_bootstrap_fast(ev, s.draws, gb);
      REQUIRE(a.indices == b.indices);
      REQUIRE(a.indices.size() == s.draws);
      CHECK(b.average_uniqueness == Approx(a.average_uniqueness).epsilon(1e-15));
      for (std::size_t k = 0; k < s.draws; ++k) {
        REQUIRE(a.indices[k] < s.m);
        CHECK(b.draw_probability[k] == Approx(a.draw_probability[k]).epsilon(1e-12));
      }
      CHECK(ga.uniform() == gb.uniform());  // both consumed one number per draw
    }
}

TEST_CASE("fast bootstrap matches exact when the uniform lands on a cdf boundary", "[samplers][bootstrap]") {
  // Identical spans: U_i are equal and u = k/m puts the target exactly on cumsum boundaries,
  // where the sum tree and the left-to-right cumsum may round differently (the fallback path).
  std::vector<interval> ev(10, interval{0, 4});
  for (std::size_t i = 0; i < ev.size(); ++i) ev[i] = {i % 3, i % 3 + 4};
  replay ra{{0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.999999999999, 1.0 / 3.0, 2.0 / 3.0}};
  replay rb = ra;
  const auto a = sequential_bootstrap_exact(ev, 60, ra);
  const auto b = sequential_bootstrap_fast(ev, 60, rb);
  CHECK(a.indices == b.indices);
  std::vector<interval> same(16, interval{3, 8});
  replay sa{{0.0, 0.25, 0.5, 0.75, 0.0625, 0.9375}};
  replay sb = sa;
  CHECK(sequential_bootstrap_exact(same, 40, sa).indices == sequential_bootstrap_fast(same, 40, sb).indices);
}

TEST_CASE("sequential bootstrap favours unique labels over a plain bootstrap", "[samplers][bootstrap][property]") {
  // Many labels overlapping heavily: the sequential draws' average uniqueness must beat uniform
  // draws with replacement on the same events (AFML 4.5.4 Monte Carlo, fixed seeds).
  const auto ev = random_events(99, 300, 400, 30);
  double seq = 0, plain = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    splitmix64 g(seed);
    seq += sequential_bootstrap_fast(ev, 0, g).average_uniqueness;
    splitmix64 h(seed + 100);
    std::vector<std::size_t> idx(ev.size());
    for (auto& i : idx) i = static_cast<std::size_t>(h.uniform() * static_cast<double>(ev.size()));
    // Average uniqueness of the plain draw = the bootstrap's final statistic, via warm-up draws.
    splitmix64 unused(0);
    plain += sequential_bootstrap_exact(ev, idx.size(), unused, idx).average_uniqueness;
  }
  CHECK(seq > plain);
}

TEST_CASE("sequential bootstrap sampler object, defaults and bad input", "[samplers][bootstrap][errors]") {
  const std::vector<interval> ev{{0, 2}, {2, 3}, {4, 5}};
  splitmix64 g(3), h(3);
  const auto idx = sequential_bootstrap<>{}.sample(ev, 0, g);  // 0 = one draw per event
  CHECK(idx.size() == 3);
  CHECK(sequential_bootstrap<bootstrap_exact>{}.sample(ev, 0, h) == idx);
  splitmix64 w(1);
  const auto forced = sequential_bootstrap<>{{.warmup = {2, 2}}}.run(ev, 4, w);
  CHECK(forced.indices[0] == 2);
  CHECK(forced.indices[1] == 2);
  CHECK(forced.draw_probability[0] == Approx(1.0 / 3.0));
  const std::vector<interval> empty;
  const std::vector<interval> reversed{{0, 2}, {5, 3}};
  CHECK_THROWS_WITH(sequential_bootstrap_fast(empty, 3, g), Catch::Contains("empty"));
  CHECK_THROWS_WITH(sequential_bootstrap_exact(reversed, 3, g), Catch::Contains("events[1]"));
  const std::vector<std::size_t> bad{0, 3};
  CHECK_THROWS_WITH(sequential_bootstrap_fast(ev, 3, g, bad), Catch::Contains("warmup[1] = 3"));
  CHECK_THROWS_AS(bootstrap_probabilities(ev, bad), invalid_argument);
}
