// Tests of samplers/: uniqueness, return attribution and time decay against mlfinlab's vectors,
// plus invariants on random events (brute-force concurrency, sums, ranges) and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/samplers/return_attribution.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>

#include "../test_support.hpp"

using namespace embargo;

namespace {

// "2018-01-0DTHH:00:00" -> hours since 2018-01-01 00:00 (the vectors' bar positions).
std::size_t hour_of(const std::string& iso) {
  return (std::stoul(iso.substr(8, 2)) - 1) * 24 + std::stoul(iso.substr(11, 2));
}

std::vector<interval> hourly_events(const nlohmann::json& input) {
  std::vector<interval> ev;
  for (std::size_t i = 0; i < input["t0"].size(); ++i)
    ev.push_back({hour_of(input["t0"][i]), hour_of(input["t1"][i])});
  return ev;
}

constexpr std::size_t hourly_bars = 7 * 24 + 1;  // 2018-01-01 00:00 .. 2018-01-08 00:00

std::vector<interval> random_events(std::uint64_t seed, std::size_t m, std::size_t n_bars, std::size_t max_len) {
  splitmix64 g(seed);
  std::vector<interval> ev(m);
  for (auto& e : ev) {
    e.t0 = static_cast<std::size_t>(g.uniform() * static_cast<double>(n_bars));
    e.t1 = std::min(n_bars - 1, e.t0 + static_cast<std::size_t>(g.uniform() * static_cast<double>(max_len)));
  }
  return ev;
}

}  // namespace

TEST_CASE("concurrency and average uniqueness reproduce mlfinlab (hourly 8 events)", "[samplers][uniqueness]") {
  const auto v = test::load_vector("uniqueness_concurrency_hourly.json");
  const auto ev = hourly_events(v["input"]);
  const auto r = label_uniqueness(ev, hourly_bars);
  const auto& want_c = v["expected"]["concurrency_bars_0_to_22"];
  REQUIRE(r.concurrency.size() == hourly_bars);
  for (std::size_t b = 0; b < want_c.size(); ++b) CHECK(r.concurrency[b] == want_c[b].get<unsigned>());
  for (std::size_t b = want_c.size(); b < hourly_bars; ++b) CHECK(r.concurrency[b] == 0u);
  const auto& want_u = v["expected"]["avg_uniqueness_tW"];
  for (std::size_t i = 0; i < ev.size(); ++i) CHECK(r.average_uniqueness[i] == Approx(want_u[i].get<double>()).epsilon(1e-14));
  // The indicator matrix spans rows first t0 .. last t1 and each column has 3 ones (2h = 3 bars).
  CHECK(ev.back().t1 - ev.front().t0 + 1 == v["expected"]["indicator_matrix_shape"][0].get<std::size_t>());
  for (const auto& e : ev) CHECK(e.length() == 3);
}

TEST_CASE("textbook uniqueness (AFML 4.5.3)", "[samplers][uniqueness]") {
  const auto v = test::load_vector("sequential_bootstrap_textbook.json");
  std::vector<interval> ev;
  for (const auto& s : v["input"]["label_spans_bars"]) ev.push_back({s[0].get<std::size_t>(), s[1].get<std::size_t>()});
  const auto r = label_uniqueness(ev, 6);
  for (std::size_t b = 0; b < 6; ++b) CHECK(r.concurrency[b] == v["expected"]["concurrency_per_bar"][b].get<double>());
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(r.average_uniqueness[i] == Approx(v["expected"]["per_label_average_uniqueness"][i].get<double>()).epsilon(1e-14));
  CHECK(overall_average_uniqueness(ev, 6) ==
        Approx(v["expected"]["overall_average_uniqueness(mean of nonzero u_{t,i})"].get<double>()).epsilon(1e-14));
}

TEST_CASE("uniqueness equals a brute-force count on random events", "[samplers][uniqueness][property]") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const std::size_t n = 200;
    const auto ev = random_events(seed, 60, n, 25);
    const auto r = label_uniqueness(ev, n);
    std::size_t sum_c = 0, sum_len = 0;
    for (std::size_t b = 0; b < n; ++b) {
      std::uint32_t c = 0;
      for (const auto& e : ev) c += e.contains(b) ? 1u : 0u;
      REQUIRE(r.concurrency[b] == c);
      sum_c += c;
    }
    for (std::size_t i = 0; i < ev.size(); ++i) {
      double s = 0;
      for (std::size_t b = ev[i].t0; b <= ev[i].t1; ++b) s += 1.0 / r.concurrency[b];
      REQUIRE(r.average_uniqueness[i] == Approx(s / static_cast<double>(ev[i].length())).epsilon(1e-15));
      REQUIRE(r.average_uniqueness[i] > 0.0);
      REQUIRE(r.average_uniqueness[i] <= 1.0);
      sum_len += ev[i].length();
    }
    CHECK(sum_c == sum_len);
    // A label alone on its bars is fully unique; adding a copy halves it.
    auto twice = ev;
    twice.push_back(ev[0]);
    const auto r2 = label_uniqueness(twice, n);
    CHECK(r2.average_uniqueness[0] == r2.average_uniqueness.back());
  }
  // Exact path (c <= 18 for short spans) and double fallback (c up to 40, long spans) agree with
  // the brute force; a long span lowers the largest exact concurrency, forcing the fallback.
  for (std::size_t copies : {5u, 18u, 19u, 40u}) {
    std::vector<interval> ev(copies, interval{10, 30});
    ev.push_back({0, 12});
    ev.push_back({25, 99});
    const auto r = label_uniqueness(ev, 100);
    for (std::size_t i = 0; i < ev.size(); ++i) {
      double s = 0;
      for (std::size_t b = ev[i].t0; b <= ev[i].t1; ++b) s += 1.0 / r.concurrency[b];
      CHECK(r.average_uniqueness[i] == Approx(s / static_cast<double>(ev[i].length())).epsilon(1e-15));
    }
    CHECK(r.concurrency[20] == copies);
  }
  // Many blocks of the rolling prefix buffer, long spans, sorted and shuffled input.
  for (std::size_t max_len : {1u, 21u, 700u, 6000u}) {
    auto ev = random_events(max_len, 3000, 20000, max_len);
    for (bool sort_them : {true, false}) {
      if (sort_them) std::ranges::sort(ev, [](const interval& a, const interval& b) { return a.t0 < b.t0; });
      const auto r = label_uniqueness(ev, 20000);
      std::vector<std::uint32_t> c(20000, 0);
      for (const auto& e : ev)
        for (std::size_t b = e.t0; b <= e.t1; ++b) ++c[b];
      REQUIRE(r.concurrency == c);
      for (std::size_t i = 0; i < ev.size(); ++i) {
        double s = 0;
        for (std::size_t b = ev[i].t0; b <= ev[i].t1; ++b) s += 1.0 / c[b];
        REQUIRE(r.average_uniqueness[i] == Approx(s / static_cast<double>(ev[i].length())).epsilon(1e-14));
      }
    }
  }
  const std::vector<interval> alone{{3, 7}};
  CHECK(average_uniqueness(alone, 10)[0] == 1.0);
  const std::vector<interval> pair{{3, 7}, {3, 7}};
  CHECK(average_uniqueness(pair, 10)[0] == 0.5);
}

TEST_CASE("return attribution reproduces mlfinlab", "[samplers][return]") {
  const auto v = test::load_vector("return_attribution_weights.json");
  const auto ev = hourly_events(v["input"]);
  std::vector<double> close(hourly_bars);
  for (std::size_t k = 0; k < close.size(); ++k) {
    const double kk = static_cast<double>(k);
    close[k] = 100.0 * std::exp(0.01 * std::sin(0.7 * kk) + 0.002 * kk);
  }
  for (std::size_t k = 0; k < 30; ++k) REQUIRE(close[k] == Approx(v["input"]["close_first_30"][k].get<double>()).epsilon(1e-14));
  const auto w = return_attribution_weights(ev, close);
  double sum = 0;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    CHECK(w[i] == Approx(v["expected"]["weights"][i].get<double>()).epsilon(1e-10));
    sum += w[i];
  }
  CHECK(sum == Approx(8.0).epsilon(1e-14));
  // The scheme object gives the same; include_t0=false [REC] drops the move into t0, so event 0
  // (t0 = 1) loses r_1 and its raw weight is |r_2/2 + r_3/2| with c = 2 on bars 2 and 3.
  CHECK(return_attribution_weight{close}.weights(ev, close.size()) == w);
  const auto w2 = return_attribution_weights(ev, close, {.include_t0 = false});
  CHECK(w2 != w);
  const double r2 = std::log(close[2] / close[1]), r3 = std::log(close[3] / close[2]);
  std::vector<double> raw(ev.size());
  const auto c = concurrency(ev, close.size());
  double tot = 0;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    double s = 0;
    for (std::size_t b = ev[i].t0 + 1; b <= ev[i].t1; ++b) s += std::log(close[b] / close[b - 1]) / c[b];
    tot += raw[i] = std::fabs(s);
  }
  CHECK(raw[0] == Approx(std::fabs(r2 / 2 + r3 / 2)));
  CHECK(w2[0] == Approx(raw[0] * 8.0 / tot).epsilon(1e-12));
}

TEST_CASE("time decay reproduces mlfinlab for c in {1, 0.5, 0, -0.5, 1.5}", "[samplers][decay]") {
  const auto v = test::load_vector("time_decay_weights.json");
  const auto ev = hourly_events(v["input"]);
  const auto tw = v["input"]["avg_uniqueness_tW"].get<std::vector<double>>();
  for (const auto& [key, want] : v["expected"]["weights_by_decay"].items()) {
    const double c = std::stod(key);
    INFO("c = " << c);
    const auto w = time_decay_weights(tw, {.decay = c});
    const auto ws = time_decay_weight{{.decay = c}}.weights(ev, hourly_bars);
    for (std::size_t i = 0; i < tw.size(); ++i) {
      CHECK(w[i] == Approx(want[i].get<double>()).epsilon(1e-12).margin(1e-15));
      CHECK(ws[i] == Approx(want[i].get<double>()).epsilon(1e-12).margin(1e-15));
    }
    CHECK(w.back() == Approx(1.0).epsilon(1e-15));  // newest weight is always 1
  }
}

TEST_CASE("time decay scheme follows t0 order, not input order", "[samplers][decay]") {
  const std::vector<interval> sorted{{0, 2}, {1, 4}, {5, 6}, {8, 9}};
  const std::vector<interval> shuffled{sorted[2], sorted[0], sorted[3], sorted[1]};
  const auto a = time_decay_weight{{.decay = 0.25}}.weights(sorted, 10);
  const auto b = time_decay_weight{{.decay = 0.25}}.weights(shuffled, 10);
  CHECK(b[0] == a[2]);
  CHECK(b[1] == a[0]);
  CHECK(b[2] == a[3]);
  CHECK(b[3] == a[1]);
  CHECK(a[3] == 1.0);
}

TEST_CASE("weights reject bad input with a message that says where", "[samplers][errors]") {
  const std::vector<interval> ok{{0, 2}, {1, 3}};
  const std::vector<interval> empty;
  const std::vector<interval> reversed{{0, 2}, {5, 3}};
  const std::vector<interval> outside{{0, 2}, {1, 10}};
  CHECK_THROWS_WITH(label_uniqueness(empty, 5), Catch::Contains("empty"));
  CHECK_THROWS_WITH(label_uniqueness(reversed, 10), Catch::Contains("events[1]") && Catch::Contains("t1 >= t0"));
  CHECK_THROWS_WITH(label_uniqueness(outside, 10), Catch::Contains("events[1]") && Catch::Contains("outside the bar range"));
  CHECK_THROWS_AS(label_uniqueness(ok, 0), invalid_argument);
  CHECK_THROWS_AS(label_uniqueness(outside, 10), data_error);
  const std::vector<double> u{0.5, 1.0};
  CHECK_THROWS_WITH(time_decay_weights(u, {.decay = -1.0}), Catch::Contains("c > -1"));
  CHECK_THROWS_AS(time_decay_weights(u, {.decay = -1.5}), invalid_argument);
  CHECK_THROWS_AS(time_decay_weights(u, {.decay = std::nan("")}), invalid_argument);
  CHECK_NOTHROW(time_decay_weights(u, {.decay = -0.999}));
  CHECK_THROWS_AS(time_decay_weights(std::vector<double>{}, {}), data_error);
  CHECK_THROWS_WITH(time_decay_weights(std::vector<double>{1.0, 0.0}, {}), Catch::Contains("uniqueness[1]"));
  const std::vector<double> close{100, 101, -1, 102};
  CHECK_THROWS_WITH(return_attribution_weights(ok, close), Catch::Contains("close[2]"));
  const std::vector<double> flat{100, 100, 100, 100};
  CHECK_THROWS_WITH(return_attribution_weights(ok, flat), Catch::Contains("cannot normalise"));
  CHECK_THROWS_AS((return_attribution_weight{flat}.weights(ok, 7)), invalid_argument);
}
