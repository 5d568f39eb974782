// The rolling adaptor's fast step: slide(out, in) equals remove(out) then push(in) for every
// slidable state, the sign indicators are exact, and the exact-zero rules (no losses in the
// window: profit factor +inf; nothing below MAR: Sortino +inf) hold after many slides.
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include <catch2/catch.hpp>

#include <embargo/metrics.hpp>

#include "../test_support.hpp"
#include "vector_support.hpp"

using namespace embargo;

namespace {

std::vector<double> mixed_returns(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0002, 0.01);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> r(n);
  for (auto& x : r) x = u(rng) < 0.1 ? 0.0 : z(rng);  // exact zeros exercise the zero count
  return r;
}

template <class S>
void check_slide_equals_remove_then_push(const metric_options& o) {
  const auto r = mixed_returns(400, 11);
  S slid{}, stepped{};
  for (std::size_t i = 0; i < 50; ++i) {
    slid.push(r[i], o);
    stepped.push(r[i], o);
  }
  for (std::size_t i = 50; i < r.size(); ++i) {
    slid.slide(r[i - 50], r[i], o);
    stepped.remove(r[i - 50], o);
    stepped.push(r[i], o);
  }
  // Counts are exact; sums differ only by the rounding of one extra addition per step.
  S fresh{};
  for (std::size_t i = r.size() - 50; i < r.size(); ++i) fresh.push(r[i], o);
  if constexpr (std::is_same_v<S, detail::sign_split>) {
    CHECK(slid.positive == fresh.positive);
    CHECK(slid.negative == fresh.negative);
    CHECK(slid.zero == fresh.zero);
    CHECK_AGREES(slid.total_gains(), stepped.total_gains(), 1e-12);
    CHECK_AGREES(slid.total_losses(), fresh.total_losses(), 1e-12);
  } else {
    CHECK(slid.below == fresh.below);
    CHECK(slid.n == fresh.n);
    CHECK_AGREES(slid.sum_squares(), stepped.sum_squares(), 1e-12);
    CHECK_AGREES(slid.sum_squares(), fresh.sum_squares(), 1e-12);
  }
}

}  // namespace

TEST_CASE("sign indicators: exact 1/0 for every sign, zeros of both signs and extremes") {
  const double cases[] = {1.0, -1.0, 0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308,
                          std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (double x : cases) {
    INFO(x);
    CHECK(detail::above_zero(x) == (x > 0 ? 1.0 : 0.0));
    CHECK(detail::below_zero(x) == (x < 0 ? 1.0 : 0.0));
  }
}

TEST_CASE("slide(out, in) equals remove(out) then push(in)") {
  metric_options o;
  check_slide_equals_remove_then_push<detail::sign_split>(o);
  check_slide_equals_remove_then_push<detail::downside>(o);
  o.required_return = 0.001;
  check_slide_equals_remove_then_push<detail::downside>(o);

  const auto r = mixed_returns(300, 3);
  detail::shifted_moments slid, stepped;
  slid.reset(std::vector<double>(r.begin(), r.begin() + 40));
  stepped = slid;
  for (std::size_t i = 40; i < r.size(); ++i) {
    slid.slide(r[i - 40], r[i]);
    stepped.remove(r[i - 40]);
    stepped.push(r[i]);
  }
  detail::moments<2> a, b;
  slid.materialize(a);
  stepped.materialize(b);
  CHECK(a.n == b.n);
  CHECK_AGREES(a.mean, b.mean, 1e-12);
  CHECK_AGREES(a.m2, b.m2, 1e-10);
}

TEST_CASE("rolling: exact zeros survive thousands of slides (profit factor and Sortino +inf)") {
  // Losses for 3000 steps, then only gains: once the last loss leaves the window, the removed
  // sums' rounding residue must not turn +inf into a huge finite ratio.
  std::vector<double> r(3000, -0.003);
  for (std::size_t i = 0; i < r.size(); ++i) r[i] += 0.001 * std::sin(static_cast<double>(i));
  r.resize(3400, 0.002);
  using set = metric_set<tag::profit_factor, tag::sortino, tag::downside_risk, tag::win_rate, tag::average_loss,
                         tag::consistency>;
  rolling<set> roll(100);
  for (double x : r) roll.push(x);
  const auto& s = roll.window();
  CHECK(s.value<tag::profit_factor>() == std::numeric_limits<double>::infinity());
  CHECK(s.value<tag::sortino>() == std::numeric_limits<double>::infinity());
  CHECK(s.value<tag::downside_risk>() == 0.0);
  CHECK(s.value<tag::win_rate>() == 1.0);
  CHECK(std::isnan(s.value<tag::average_loss>()));
  CHECK(s.value<tag::consistency>() == 1.0);
}

TEST_CASE("rolling: every sign-split and downside statistic equals a fresh set over the window") {
  auto r = mixed_returns(2000, 7);
  for (std::size_t i = 29; i < r.size(); i += 211) r[i] = NAN;  // the slow step, then back to slides
  using set = metric_set<tag::count, tag::mean, tag::volatility, tag::sharpe, tag::sortino, tag::downside_risk,
                         tag::profit_factor, tag::win_rate, tag::consistency, tag::average_win, tag::average_loss,
                         tag::omega, tag::max_drawdown, tag::annual_return>;
  for (std::size_t w : {3u, 64u, 252u}) {
    INFO("window " << w);
    rolling<set> roll(w);
    for (std::size_t t = 0; t < r.size(); ++t) {
      roll.push(r[t]);
      if (t % 29 != 0) continue;
      set fresh;
      for (std::size_t k = t + 1 - roll.size(); k <= t; ++k) fresh.push(r[k]);
      const auto a = roll.window().results(), b = fresh.results();
      for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].name << " at step " << t);
        CHECK_AGREES(a[i].value, b[i].value, 1e-9);
      }
    }
  }
}

namespace {

template <class Set>
void check_batches_equal_single_pushes(const std::vector<double>& r) {
  for (nan_policy p : {nan_policy::skip, nan_policy::zero, nan_policy::propagate}) {
    metric_options o;
    o.nan = p;
    for (std::size_t w : {1u, 2u, 7u, 63u, 252u}) {
      INFO("window " << w << ", policy " << to_string(p));
      rolling<Set> one(w, o), batch(w, o);
      std::vector<std::size_t> seen;
      std::vector<std::array<metric_value, Set::statistics::size>> want;
      for (std::size_t t = 0; t < r.size(); ++t) {
        one.push(r[t]);
        if (one.full()) want.push_back(one.window().results());
      }
      // Uneven spans: the batches must continue across calls as well as across blocks.
      std::size_t from = 0, k = 0;
      for (std::size_t len : {5u, 300u, 1u, 1000u, 2000u}) {
        const std::size_t n = std::min(len, r.size() - from);
        batch.push(std::span<const double>(r).subspan(from, n), [&](std::size_t i, const Set& s) {
          seen.push_back(from + i);
          const auto got = s.results();
          for (std::size_t m = 0; m < got.size(); ++m) {
            INFO(got[m].name << " at " << from + i);
            const bool drawdown = got[m].name == "max_drawdown" || got[m].name == "calmar";
            if (drawdown)  // the monoid combined in another order: a few ulps
              CHECK_AGREES(got[m].value, want[k][m].value, 1e-12);
            else  // the sums go through the same operations: bit for bit
              CHECK((got[m].value == want[k][m].value || (std::isnan(got[m].value) && std::isnan(want[k][m].value))));
          }
          ++k;
        });
        from += n;
      }
      REQUIRE(from == r.size());
      REQUIRE(k == want.size());
      CHECK(seen.front() == w - 1);
      CHECK(seen.back() == r.size() - 1);
      // push(x) after a batch continues from the same window.
      for (double x : {0.01, -0.02, 0.0}) {
        batch.push(x);
        one.push(x);
      }
      const auto a = batch.window().results(), b = one.window().results();
      for (std::size_t m = 0; m < a.size(); ++m) CHECK_AGREES(a[m].value, b[m].value, 1e-12);
    }
  }
}

}  // namespace

TEST_CASE("rolling push(span, f) gives the windows of push(x) one at a time, NaN slots included") {
  auto r = mixed_returns(3000, 19);
  for (std::size_t i = 500; i < r.size(); i += 733) r[i] = NAN;  // batches resume after the NaN leaves
  r[1200] = -1.5;                                                // wealth below zero: invalid drawdown
  // Only sums and the drawdown queue: the ring is written once per block.
  check_batches_equal_single_pushes<metric_set<tag::count, tag::sharpe, tag::sortino, tag::max_drawdown,
                                               tag::profit_factor, tag::annual_return, tag::calmar, tag::win_rate>>(r);
  // With states rebuilt from the ring at every step (skewness, drawdown durations, VaR).
  check_batches_equal_single_pushes<metric_set<tag::sharpe, tag::max_drawdown, tag::skewness,
                                               tag::max_drawdown_duration, tag::value_at_risk>>(r);
}
