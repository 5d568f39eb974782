// Tests of fixed-horizon labels (mlfinlab's vector, latency, batch), trend scanning (mlfinlab's
// vector, the [REC] window range and t cap), meta-labels and the ATR target.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include <embargo/labelers.hpp>

#include "../test_support.hpp"

TEST_CASE("fixed_horizon_labels reproduce mlfinlab's fixed_time_horizon") {
  const auto v = embargo::test::load_vector("fixed_horizon_mlfinlab.json");
  const auto close = v["input"]["close"].get<std::vector<double>>();
  struct row {
    const char* name;
    embargo::forward_return_options opt;
  };
  for (const row& r : {row{"case_a", {.horizon = 1, .threshold = 0.01}},
                       row{"case_b", {.horizon = 1, .threshold = 1.0, .standardize_window = 5}}}) {
    INFO(r.name);
    const auto got = embargo::fixed_horizon_labels(close, r.opt);
    const auto& exp = v["expected"][r.name];
    std::vector<double> per_bar(close.size(), std::numeric_limits<double>::quiet_NaN());
    for (const auto& l : got) {
      CHECK(l.t1 == l.t0 + 1);
      per_bar[l.t0] = l.label;
    }
    REQUIRE(exp.size() == close.size());
    for (std::size_t i = 0; i < close.size(); ++i) {
      INFO("bar " << i);
      if (exp[i].is_null())
        CHECK(std::isnan(per_bar[i]));
      else
        CHECK(per_bar[i] == exp[i].get<double>());
    }
  }
}

TEST_CASE("fixed_horizon_labels: latency shifts the entry, t1 covers it, batch runs each horizon") {
  const std::vector<double> p{100, 101, 102, 99, 98, 103, 104, 100};
  const auto l = embargo::fixed_horizon_labels(p, {.horizon = 2, .latency = 1, .threshold = 0.015});
  REQUIRE(l.size() == p.size() - 3);
  for (const auto& x : l) {
    CHECK(x.t1 == x.t0 + 3);
    CHECK(x.ret == p[x.t0 + 3] / p[x.t0 + 1] - 1.0);
    CHECK(x.label == (x.ret > 0.015 ? 1 : x.ret < -0.015 ? -1 : 0));
  }
  const auto lg = embargo::fixed_horizon_labels(p, {.horizon = 1, .log_return = true});
  CHECK(lg[0].ret == std::log(p[1] / p[0]));
  const std::vector<std::size_t> hs{1, 3, 7, 8};
  const auto b = embargo::fixed_horizon_labels_batch(p, hs);
  REQUIRE(b.size() == 4);
  CHECK(b[0].size() == 7);
  CHECK(b[1].size() == 5);
  CHECK(b[2].size() == 1);
  CHECK(b[3].empty());
  CHECK_THROWS_AS(embargo::fixed_horizon_labels(p, {.horizon = 0}), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::fixed_horizon_labels(p, {.threshold = -1}), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::fixed_horizon_labels(p, {.standardize_window = 1}), embargo::invalid_argument);
  CHECK_THROWS_WITH(embargo::fixed_horizon_labels(std::vector<double>{1, 0, 2}), Catch::Contains("close[1]"));
}

TEST_CASE("trend_scanning_labels reproduce mlfinlab's trend_scanning_labels") {
  const auto v = embargo::test::load_vector("trend_scanning_mlfinlab.json");
  const auto price = v["input"]["price"].get<std::vector<double>>();
  const auto& idx = v["input"]["index"];
  const auto got = embargo::trend_scanning_labels(price, {}, {.min_window = 3, .max_window = 6, .include_max = false});
  const auto& e = v["expected"];
  std::size_t valid = 0;
  for (const auto& t : e["t1"]) valid += !t.is_null();
  REQUIRE(got.size() == valid);
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO("event " << k);
    CHECK(got[k].t0 == k);
    CHECK(idx[got[k].t1] == e["t1"][k]);
    CHECK(got[k].t_value == Approx(e["t_value"][k].get<double>()).epsilon(1e-9));
    CHECK(got[k].ret == Approx(e["ret"][k].get<double>()).epsilon(1e-12));
    CHECK(got[k].label == e["bin"][k].get<int>());
  }
}

TEST_CASE("trend_scanning_labels [REC]: L itself is scanned, |t| is capped, small |t| gives 0") {
  // A clean line that accelerates at the end: the full window of 6 has the largest |t|.
  const std::vector<double> p{1, 2, 3, 4, 5, 6.5, 6.4, 6.3};
  const std::vector<std::size_t> ev{0};
  const auto rec = embargo::trend_scanning_labels(p, ev, {.min_window = 3, .max_window = 5});
  const auto peer = embargo::trend_scanning_labels(p, ev, {.min_window = 3, .max_window = 5, .include_max = false});
  CHECK(std::isinf(rec[0].t_value));  // 1..5 is a perfect line
  CHECK(rec[0].t1 == 2);              // first of the infinite windows
  const auto capped = embargo::trend_scanning_labels(p, ev, {.min_window = 3, .max_window = 5, .t_cap = 50});
  CHECK(capped[0].t_value == 50);
  CHECK(peer[0].t1 <= 3);
  const std::vector<double> q{10, 10.1, 10.5, 10.2, 10.9, 10.4, 11.6, 9, 9, 9};
  const auto a = embargo::trend_scanning_labels(q, ev, {.min_window = 3, .max_window = 7});
  const auto b = embargo::trend_scanning_labels(q, ev, {.min_window = 3, .max_window = 7, .include_max = false});
  CHECK(a[0].t1 == 6);  // the 7-bar window wins when L is scanned
  CHECK(b[0].t1 != 6);
  const auto quiet = embargo::trend_scanning_labels(q, ev, {.min_window = 3, .max_window = 7, .min_abs_t = 1e6});
  CHECK(quiet[0].label == 0);
  CHECK_THROWS_AS(embargo::trend_scanning_labels(q, ev, {.min_window = 2}), embargo::invalid_argument);
  CHECK_THROWS_WITH(embargo::trend_scanning_labels(q, std::vector<std::size_t>{10}), Catch::Contains("outside"));
}

TEST_CASE("meta_labels: 1 when the primary side made money") {
  const std::vector<double> p{100, 102, 99, 101};
  const std::vector<embargo::interval> ev{{0, 1}, {0, 2}, {1, 2}, {2, 3}};
  const std::vector<double> side{1, 1, -1, -1};
  CHECK(embargo::meta_labels(p, ev, side) == std::vector<int>{1, 0, 1, 0});
  CHECK(embargo::meta_labels(p, ev, side, {.min_return = 0.025}) == std::vector<int>{0, 0, 1, 0});
  CHECK_THROWS_WITH(embargo::meta_labels(p, std::vector<embargo::interval>{{2, 4}}, std::vector<double>{1}),
                    Catch::Contains("event 0"));
  CHECK_THROWS_WITH(embargo::meta_labels(p, ev, std::vector<double>{1, 1, 0, 1}), Catch::Contains("side[2]"));
}

TEST_CASE("atr_target is TTR's Wilder ATR over the close") {
  const std::vector<double> h{10, 11, 12, 11.5, 12.5, 13};
  const std::vector<double> l{9, 10, 10.5, 10.5, 11, 12};
  const std::vector<double> c{9.5, 10.5, 11.5, 11, 12, 12.5};
  const auto t = embargo::atr_target(h, l, c, {.period = 3});
  // TR_1..5 = 1.5, 1.5, 1, 1.5, 1; ATR_3 = mean(1.5, 1.5, 1); then Wilder smoothing.
  const double a3 = (1.5 + 1.5 + 1.0) / 3, a4 = 1.5 / 3 + a3 * (2.0 / 3), a5 = 1.0 / 3 + a4 * (2.0 / 3);
  CHECK(std::isnan(t[2]));
  CHECK(t[3] == Approx(a3 / 11));
  CHECK(t[4] == Approx(a4 / 12));
  CHECK(t[5] == Approx(a5 / 12.5));
  CHECK_THROWS_WITH(embargo::atr_target(l, h, c), Catch::Contains("bar 0"));
}
