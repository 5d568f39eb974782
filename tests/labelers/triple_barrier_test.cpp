// Tests of the triple-barrier labeler: mlfinlab's vector under label_rule::mlfinlab, the [REC]
// differences, the fast first-passage search against O(h) scans on random paths (closes and
// intrabar, sides, per-event vertical barriers, tick prices that land exactly on barriers),
// vertical barriers in time, bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <embargo/core/time.hpp>
#include <embargo/labelers/triple_barrier.hpp>

#include "../test_support.hpp"

namespace {

using embargo::barrier_label;
using embargo::label_rule;

std::size_t position(const nlohmann::json& index, const nlohmann::json& date) {
  for (std::size_t i = 0; i < index.size(); ++i)
    if (index[i] == date) return i;
  throw std::runtime_error("date not in index");
}

struct tb_case {
  std::vector<double> close;
  std::vector<std::size_t> events;
  std::vector<double> target, side;
};

tb_case load_case(const nlohmann::json& v) {
  tb_case c;
  const auto& in = v["input"];
  c.close = in["close"].get<std::vector<double>>();
  c.target.assign(c.close.size(), in["trgt"]["default"].get<double>());
  for (auto it = in["trgt"]["override"].begin(); it != in["trgt"]["override"].end(); ++it)
    c.target[position(in["close_index"], it.key())] = it.value().get<double>();
  for (const auto& d : in["t_events"]) {
    c.events.push_back(position(in["close_index"], d));
    c.side.push_back(in["side"][d.get<std::string>()].get<double>());
  }
  return c;
}

// The first touch written out plainly (spec §2.3), closes only.
barrier_label brute_touch(const std::vector<double>& p, std::size_t t0, std::size_t h, double g, double pt, double sl, int s) {
  barrier_label e;
  e.t0 = t0;
  std::size_t v = h == embargo::no_vertical_barrier || t0 + h > p.size() - 1 ? p.size() - 1 : t0 + h;
  e.censored = h == embargo::no_vertical_barrier || t0 + h > p.size() - 1;
  e.t1 = v;
  for (std::size_t b = t0; b <= v; ++b) {
    const double r = s * (p[b] / p[t0] - 1.0);
    if (pt > 0 && r > pt * g) {
      e.t1 = b, e.barrier = 1, e.censored = false;
      break;
    }
    if (sl > 0 && r < -sl * g) {
      e.t1 = b, e.barrier = -1, e.censored = false;
      break;
    }
  }
  return e;
}

bool same(const barrier_label& a, const barrier_label& b) {
  return a.t0 == b.t0 && a.t1 == b.t1 && a.barrier == b.barrier && a.label == b.label && a.censored == b.censored &&
         a.both_touched == b.both_touched && a.side == b.side &&
         (a.ret == b.ret || (std::isnan(a.ret) && std::isnan(b.ret)));
}

}  // namespace

TEST_CASE("triple_barrier with label_rule::mlfinlab reproduces mlfinlab's get_events and get_bins") {
  const auto v = embargo::test::load_vector("triple_barrier_mlfinlab.json");
  const auto c = load_case(v);
  const auto& index = v["input"]["close_index"];
  int cases = 0;
  for (auto it = v["expected"].begin(); it != v["expected"].end(); ++it) {
    const std::string name = it.key();
    INFO(name);
    const auto pos = name.find('[');
    const double pt = std::stod(name.substr(pos + 1)), sl = std::stod(name.substr(name.find(',', pos) + 1));
    const bool with_side = name.find("side=given") != std::string::npos;
    const auto got = embargo::triple_barrier({.close = c.close}, c.events, c.target,
                                             {.pt = pt, .sl = sl, .min_ret = 0.005, .vertical_bars = 4, .rule = label_rule::mlfinlab},
                                             with_side ? std::span<const double>(c.side) : std::span<const double>());
    const auto& exp = it.value()["events"];
    REQUIRE(got.size() == exp.size());  // the event with target 0.004 <= min_ret is dropped
    for (std::size_t k = 0; k < exp.size(); ++k) {
      INFO("event " << k);
      CHECK(got[k].t0 == position(index, exp[k]["t0"]));
      if (exp[k]["t1"].is_null()) {
        CHECK(got[k].censored);  // mlfinlab leaves t1 NaT and get_bins drops the event
        CHECK(got[k].barrier == 0);
        continue;
      }
      CHECK_FALSE(got[k].censored);
      CHECK(got[k].t1 == position(index, exp[k]["t1"]));
      CHECK(got[k].ret == Approx(exp[k]["ret"].get<double>()).margin(1e-13));
      CHECK(got[k].label == exp[k]["bin"].get<int>());
      const int touched = !exp[k]["pt_touch"].is_null() && exp[k]["pt_touch"] == exp[k]["t1"]   ? 1
                          : !exp[k]["sl_touch"].is_null() && exp[k]["sl_touch"] == exp[k]["t1"] ? -1
                                                                                                 : 0;
      CHECK(got[k].barrier == touched);
    }
    ++cases;
  }
  CHECK(cases == 10);
}

TEST_CASE("triple_barrier [REC]: both multiples honoured without a side, ret and label from the touch") {
  const auto c = load_case(embargo::test::load_vector("triple_barrier_mlfinlab.json"));
  // pt_sl = [1, 2], no side. mlfinlab searches with [1, 1]: event at bar 2 (close 102.5) stops at
  // bar 4 (-3.4%) and get_bins then labels it 0. Honouring sl = 2 (-4%), the stop is bar 5 (-4.4%).
  const embargo::triple_barrier_options rec{.pt = 1, .sl = 2, .min_ret = 0.005, .vertical_bars = 4};
  auto parity = rec;
  parity.rule = label_rule::mlfinlab;
  const auto ours = embargo::triple_barrier({.close = c.close}, c.events, c.target, rec);
  const auto theirs = embargo::triple_barrier({.close = c.close}, c.events, c.target, parity);
  REQUIRE(ours[1].t0 == 2);
  CHECK(theirs[1].t1 == 4);
  CHECK(theirs[1].label == 0);
  CHECK(ours[1].t1 == 5);
  CHECK(ours[1].barrier == -1);
  CHECK(ours[1].label == -1);
  CHECK(ours[1].ret == c.close[5] / c.close[2] - 1.0);
  // pt_sl = [0, 1], no side: mlfinlab disables both barriers; we keep the stop.
  const auto stop_only = embargo::triple_barrier({.close = c.close}, c.events, c.target, {.pt = 0, .sl = 1, .min_ret = 0.005, .vertical_bars = 4});
  CHECK(stop_only[1].t1 == 4);
  CHECK(stop_only[1].barrier == -1);
  // With a side, ret is side * simple return (mlfinlab reports exp(side * logret) - 1 = P0/P1 - 1).
  const auto short_side = embargo::triple_barrier({.close = c.close}, c.events, c.target, rec, c.side);
  REQUIRE(c.side[1] == -1.0);
  CHECK(short_side[1].ret == -(c.close[short_side[1].t1] / c.close[2] - 1.0));
}

TEST_CASE("triple_barrier label rules: touch, sign, touch_else_sign, meta") {
  // A path that goes nowhere (vertical exit with a small gain), one that hits the top, one the bottom.
  const std::vector<double> p{100, 100.5, 100.2, 100.4, 103, 100, 96, 97};
  const std::vector<double> g(p.size(), 0.02);
  const std::vector<std::size_t> ev{0, 3, 4};
  auto run = [&](label_rule r) {
    std::vector<int> out;
    for (const auto& e : embargo::triple_barrier({.close = p}, ev, g, {.pt = 1, .sl = 1, .vertical_bars = 3, .rule = r}))
      out.push_back(e.label);
    return out;
  };
  CHECK(run(label_rule::touch) == std::vector<int>{0, 1, -1});
  CHECK(run(label_rule::sign) == std::vector<int>{1, 1, -1});
  CHECK(run(label_rule::touch_else_sign) == std::vector<int>{1, 1, -1});
  CHECK(run(label_rule::meta) == std::vector<int>{1, 1, 0});
}

TEST_CASE("triple_barrier: the fast search equals the O(h) scans on random paths, and triple_barrier_into equals both") {
  std::mt19937_64 rng(424242);
  std::normal_distribution<double> z(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  int compared = 0, touched = 0, both = 0;
  std::vector<embargo::barrier_label> reused;
  for (int trial = 0; trial < 120; ++trial) {
    const std::size_t n = 200 + static_cast<std::size_t>(u(rng) * 3000);
    const bool ticks = trial % 3 == 0;  // prices on a 0.01 grid, targets that put barriers on ticks
    std::vector<double> close(n), high(n), low(n);
    double x = 100;
    for (std::size_t i = 0; i < n; ++i) {
      x *= std::exp(0.01 * z(rng));
      close[i] = ticks ? std::round(x * 100) / 100 : x;
      high[i] = close[i] * (1 + 0.006 * u(rng));
      low[i] = close[i] * (1 - 0.006 * u(rng));
      if (ticks) high[i] = std::ceil(high[i] * 100) / 100, low[i] = std::floor(low[i] * 100) / 100;
    }
    std::vector<double> target(n);
    for (auto& t : target) t = ticks ? 0.01 * std::floor(1 + 3 * u(rng)) : 0.005 + 0.03 * u(rng);
    std::vector<std::size_t> events;
    std::vector<double> side;
    for (std::size_t i = 0; i < n; ++i)
      if (u(rng) < 0.2) events.push_back(i), side.push_back(u(rng) < 0.5 ? -1.0 : 1.0);
    const double pts[] = {0, 0.5, 1, 2, 7};
    const std::size_t hs[] = {1, 5, 20, 100, 700, embargo::no_vertical_barrier};
    const embargo::triple_barrier_options opt{.pt = pts[trial % 5], .sl = pts[(trial / 5) % 5], .min_ret = 0.0,
                                              .vertical_bars = hs[trial % 6], .rule = label_rule::touch_else_sign};
    const bool with_side = trial % 2 == 0, intrabar = trial % 4 >= 2;
    const std::span<const double> sd = with_side ? std::span<const double>(side) : std::span<const double>();
    const embargo::barrier_prices px = intrabar ? embargo::barrier_prices{close, high, low} : embargo::barrier_prices{close};
    // Every third trial gives each event a vertical barrier of its own: 0 to 90 bars, or none.
    std::vector<std::size_t> vertical;
    if (trial % 3 == 1)
      for (const std::size_t t0 : events) vertical.push_back(u(rng) < 0.1 ? embargo::no_vertical_barrier : t0 + static_cast<std::size_t>(u(rng) * 90));
    const auto fast = embargo::triple_barrier(px, events, target, opt, sd, vertical);
    const auto scan = embargo::triple_barrier<embargo::scan_first_passage>(px, events, target, opt, sd, vertical);
    embargo::triple_barrier_into(reused, px, events, target, opt, sd, vertical);  // holds the previous trial's labels
    REQUIRE(fast.size() == scan.size());
    REQUIRE(reused.size() == fast.size());
    for (std::size_t k = 0; k < fast.size(); ++k) {
      INFO("trial " << trial << " event " << k << " t0 " << fast[k].t0);
      REQUIRE(same(fast[k], scan[k]));
      REQUIRE(same(reused[k], fast[k]));
      if (!intrabar) {
        std::size_t h = opt.vertical_bars;  // the event's horizon in bars
        if (!vertical.empty()) h = vertical[k] == embargo::no_vertical_barrier ? vertical[k] : vertical[k] - fast[k].t0;
        const auto ref = brute_touch(close, fast[k].t0, h, target[fast[k].t0], opt.pt, opt.sl, fast[k].side);
        REQUIRE(fast[k].t1 == ref.t1);
        REQUIRE(fast[k].barrier == ref.barrier);
        REQUIRE(fast[k].censored == ref.censored);
      }
      touched += fast[k].barrier != 0;
      both += fast[k].both_touched;
      ++compared;
    }
  }
  CHECK(compared > 10000);
  CHECK(touched > compared / 4);  // the comparison covered many horizontal touches
  CHECK(both > 0);                // and intrabar bars crossing both barriers
}

TEST_CASE("triple_barrier: prices exactly on a barrier level are decided by the exact test, as the scan does") {
  // Whole-number prices and targets of 1%, 2%, 3%: from a start at 100 every barrier level is a
  // whole number, so paths keep landing exactly on it, where the division-free screen cannot
  // decide and the exact test (a touch or not, by the rounding of p/p0 - 1) must.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> step(-1, 1);
  int on_level = 0, compared = 0;
  for (int trial = 0; trial < 48; ++trial) {
    const std::size_t n = 400;
    std::vector<double> close(n), high(n), low(n);
    int x = 100;
    for (std::size_t i = 0; i < n; ++i) {
      x = std::clamp(x + step(rng), 90, 110);
      close[i] = x, high[i] = x + 1, low[i] = x - 1;
    }
    std::vector<std::size_t> events;
    std::vector<double> side;
    for (std::size_t i = 0; i < n; ++i)
      if (close[i] == 100.0) events.push_back(i), side.push_back(i % 2 == 0 ? 1.0 : -1.0);
    const std::vector<double> target(n, 0.01 * (1 + trial % 3));
    const embargo::triple_barrier_options opt{.pt = 1.0 + trial % 2, .sl = 1.0 + (trial / 2) % 3, .vertical_bars = trial % 4 < 2 ? 30u : 300u};
    const bool intrabar = trial % 8 >= 4;
    const embargo::barrier_prices px = intrabar ? embargo::barrier_prices{close, high, low} : embargo::barrier_prices{close};
    const std::span<const double> sd = trial % 3 == 0 ? std::span<const double>() : std::span<const double>(side);
    const auto fast = embargo::triple_barrier(px, events, target, opt, sd);
    const auto scan = embargo::triple_barrier<embargo::scan_first_passage>(px, events, target, opt, sd);
    REQUIRE(fast.size() == scan.size());
    for (std::size_t k = 0; k < fast.size(); ++k) {
      INFO("trial " << trial << " event " << k << " t0 " << fast[k].t0);
      REQUIRE(same(fast[k], scan[k]));
      const double up = 100.0 * (1 + fast[k].side * opt.pt * target[0]), dn = 100.0 * (1 - fast[k].side * opt.sl * target[0]);
      for (std::size_t i = fast[k].t0 + 1; i <= fast[k].t1; ++i) on_level += close[i] == up || close[i] == dn;
      ++compared;
    }
  }
  CHECK(compared > 600);
  CHECK(on_level > 300);  // many path bars sat exactly on a level
}

TEST_CASE("triple_barrier: intrabar touches, both barriers on one bar count as the stop") {
  const std::vector<double> close{100, 100.5, 100.2, 100};
  const std::vector<double> high{100, 103, 100.4, 100.1};
  const std::vector<double> low{100, 100.1, 97, 99.9};
  const std::vector<double> g(4, 0.02);
  const std::vector<std::size_t> ev{0};
  const auto e = embargo::triple_barrier({close, high, low}, ev, g, {.pt = 1, .sl = 1, .vertical_bars = 3});
  CHECK(e[0].t1 == 1);
  CHECK(e[0].barrier == 1);
  CHECK(e[0].ret == 0.02);  // exits at the barrier
  const std::vector<double> wide_high{100, 103, 100.4, 100.1}, wide_low{100, 97, 97, 99.9};
  const auto b = embargo::triple_barrier({close, wide_high, wide_low}, ev, g, {.pt = 1, .sl = 1, .vertical_bars = 3});
  CHECK(b[0].t1 == 1);
  CHECK(b[0].barrier == -1);
  CHECK(b[0].both_touched);
  CHECK(b[0].ret == -0.02);
  // Closes alone never touch: vertical exit.
  const auto c = embargo::triple_barrier({.close = close}, ev, g, {.pt = 1, .sl = 1, .vertical_bars = 3});
  CHECK(c[0].t1 == 3);
  CHECK(c[0].barrier == 0);
  CHECK_FALSE(c[0].censored);
}

TEST_CASE("vertical_barriers_by_time is mlfinlab's add_vertical_barrier and equals the bar form on daily bars") {
  const auto v = embargo::test::load_vector("triple_barrier_mlfinlab.json");
  const auto c = load_case(v);
  std::vector<std::int64_t> time;
  for (const auto& s : v["input"]["close_index"]) time.push_back(*embargo::parse_timestamp(s.get<std::string>()));
  const auto vb = embargo::vertical_barriers_by_time(time, c.events, 4 * 86400);
  const auto& exp = v["input"]["vertical_barriers_from_add_vertical_barrier"];
  for (std::size_t k = 0; k < c.events.size(); ++k) {
    const auto key = v["input"]["close_index"][c.events[k]].get<std::string>();
    if (exp.contains(key))
      CHECK(vb[k] == position(v["input"]["close_index"], exp[key]));
    else
      CHECK(vb[k] == embargo::no_vertical_barrier);
  }
  const embargo::triple_barrier_options opt{.pt = 1, .sl = 1, .vertical_bars = 4};
  const auto a = embargo::triple_barrier({.close = c.close}, c.events, c.target, opt);
  const auto b = embargo::triple_barrier({.close = c.close}, c.events, c.target, {.pt = 1, .sl = 1}, {}, vb);
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) CHECK(same(a[k], b[k]));
}

TEST_CASE("triple_barrier rejects bad input with clear messages") {
  const std::vector<double> p{100, 101, 102};
  const std::vector<double> g(3, 0.01);
  const std::vector<std::size_t> ev{0};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  using embargo::triple_barrier;
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {.pt = -1}), Catch::Contains("pt must be"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {.sl = nan}), Catch::Contains("sl must be"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {.min_ret = -0.1}), Catch::Contains("min_ret"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {.vertical_bars = 0}), Catch::Contains("vertical_bars"));
  CHECK_THROWS_WITH(triple_barrier({.close = std::vector<double>{100, nan, 1}}, ev, g), Catch::Contains("close[1]"));
  CHECK_THROWS_WITH(triple_barrier({.close = std::vector<double>{100, -2, 1}}, ev, g), Catch::Contains("close[1]"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, std::vector<std::size_t>{0, 3}, g), Catch::Contains("event 1 at bar 3"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, std::vector<double>{0.1}), Catch::Contains("one per bar"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {}, std::vector<double>{0.0}), Catch::Contains("side[0]"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, ev, g, {}, std::vector<double>{1, 1}), Catch::Contains("side has 2"));
  CHECK_THROWS_WITH(triple_barrier({.close = p, .high = p}, ev, g), Catch::Contains("high and low"));
  CHECK_THROWS_WITH(triple_barrier({.close = p}, std::vector<std::size_t>{2}, g, {}, {}, std::vector<std::size_t>{1}),
                    Catch::Contains("before its t0"));
  // A NaN target drops the event (mlfinlab's dropna), it is not an error.
  CHECK(triple_barrier({.close = p}, ev, std::vector<double>{nan, 0.1, 0.1}).empty());
}
