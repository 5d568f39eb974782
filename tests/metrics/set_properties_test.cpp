// Invariants of metric_set and its adaptors: merge(a, b) equals one pass over a ++ b for random
// cuts, the bulk path equals the one-value path, rolling windows equal a fresh set over each
// window, parallel accumulation does not depend on the number of threads, and the NaN policies
// and degenerate inputs do what the headers promise.
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <embargo/metrics.hpp>

#include "../test_support.hpp"
#include "vector_support.hpp"

using namespace embargo;

namespace {

using mergeable =
    metric_set<tag::count, tag::mean, tag::volatility, tag::sharpe, tag::sortino, tag::downside_risk,
               tag::max_drawdown, tag::annual_return, tag::calmar, tag::profit_factor, tag::omega, tag::win_rate,
               tag::consistency, tag::average_win, tag::average_loss, tag::skewness, tag::kurtosis,
               tag::max_drawdown_duration, tag::current_drawdown_duration, tag::value_at_risk,
               tag::conditional_value_at_risk, tag::tail_ratio, tag::stability>;

// Fat-tailed daily-like returns with occasional exact zeros (ties at the peak matter for durations).
std::vector<double> returns(std::size_t n, unsigned seed, double drift = 0.0003) {
  std::mt19937_64 rng(seed);
  std::student_t_distribution<double> t(4.0);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> r(n);
  for (auto& x : r) x = u(rng) < 0.05 ? 0.0 : drift + 0.01 * t(rng);
  return r;
}

template <class Set>
void require_same_results(const Set& a, const Set& b, double tol) {
  const auto ra = a.results(), rb = b.results();
  for (std::size_t i = 0; i < ra.size(); ++i) {
    INFO(ra[i].name);
    CHECK_AGREES(ra[i].value, rb[i].value, tol);
  }
}

}  // namespace

TEST_CASE("merge of random cuts equals one pass, for every mergeable statistic") {
  const auto r = returns(3000, 7);
  mergeable whole;
  for (double x : r) whole.push(x);
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<std::size_t> cuts{0, r.size()};
    const int k = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < k; ++i) cuts.push_back(rng() % r.size());
    std::sort(cuts.begin(), cuts.end());
    mergeable merged;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      mergeable part;
      part.push(std::span<const double>(r).subspan(cuts[i], cuts[i + 1] - cuts[i]));
      merged.merge(part);
    }
    require_same_results(merged, whole, 1e-12);
  }
}

TEST_CASE("bulk push equals pushing one value at a time") {
  for (unsigned seed : {1u, 2u, 3u}) {
    const auto r = returns(10000 + seed * 977, seed);
    mergeable bulk, single;
    bulk.push(r);
    for (double x : r) single.push(x);
    require_same_results(bulk, single, 1e-12);
  }
}

TEST_CASE("moments merge vector: chunking does not matter, and no cancellation near 1e9") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  for (const auto& c : vectors) {
    if (c["metric"] != "moments_merge") continue;
    detail::moments<4> merged, pushed;
    for (const auto& chunk : c["input"]["chunks"]) {
      const auto v = embargo::test::numbers(chunk);
      detail::moments<4> part;
      for (double x : v) part.push(x);
      merged.merge(part);
      pushed.push_block(v);
    }
    const auto& e = c["expected"];
    const double tol = c["tolerance"];
    for (const auto* m : {&merged, &pushed}) {
      CHECK(m->n == e["n"].get<double>());
      CHECK_AGREES(m->mean, e["mean"].get<double>(), tol);
      CHECK_AGREES(m->variance(1), e["var_ddof1"].get<double>(), tol);
      if (e.contains("M3")) {
        CHECK_AGREES(m->m2, e["M2"].get<double>(), tol);
        CHECK_AGREES(m->m3, e["M3"].get<double>(), tol);
        CHECK_AGREES(m->m4, e["M4"].get<double>(), tol);
      }
    }
  }
}

TEST_CASE("drawdown monoid vector: chunk summaries and their merge") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  for (const auto& c : vectors) {
    if (c["metric"] != "max_drawdown_merge") continue;
    detail::drawdown total;
    std::size_t i = 0;
    for (const auto& chunk : c["input"]["chunks"]) {
      detail::drawdown part;
      for (double x : embargo::test::numbers(chunk)) part.push(x);
      const auto& e = c["expected"]["chunk_summaries"][i++];
      const double g = std::exp(part.total_log_growth());
      CHECK_AGREES(g, e["G"].get<double>(), 1e-12);
      CHECK_AGREES(g / part.ratio, e["P"].get<double>(), 1e-12);  // peak = wealth / (wealth / peak)
      CHECK_AGREES(-part.max_drawdown(), e["mdd"].get<double>(), 1e-12);
      total.merge(part);
    }
    CHECK_AGREES(-total.max_drawdown(), c["expected"]["merged"]["mdd"].get<double>(), 1e-12);
    CHECK_AGREES(std::exp(total.total_log_growth()), c["expected"]["merged"]["G"].get<double>(), 1e-12);
  }
}

TEST_CASE("drawdown duration vector: strict under-water runs, ongoing at the end") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  for (const auto& c : vectors) {
    if (c["metric"] != "drawdown_duration") continue;
    metric_set<tag::max_drawdown_duration, tag::current_drawdown_duration> s;
    s.push(embargo::test::numbers(c["input"]));
    CHECK(s.value<tag::max_drawdown_duration>() == c["expected"]["max_underwater_run"].get<double>());
    CHECK(s.value<tag::current_drawdown_duration>() == c["expected"]["current_underwater_run"].get<double>());
  }
}

TEST_CASE("hit rate and consistency vectors") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  int seen = 0;
  for (const auto& c : vectors) {
    metric_set<tag::win_rate, tag::consistency> s;
    if (c["metric"] == "hit_rate") {
      s.push(embargo::test::numbers(c["input"]));
      CHECK_AGREES(s.value<tag::consistency>(), c["expected"]["positive_over_all"].get<double>(), 1e-12);
      CHECK_AGREES(s.value<tag::win_rate>(), c["expected"]["positive_over_nonzero (quantstats win_rate)"].get<double>(),
                   1e-12);
      ++seen;
    } else if (c["metric"] == "consistency") {
      s.push(embargo::test::numbers(c["input"]));
      CHECK_AGREES(s.value<tag::consistency>(), c["expected"].get<double>(), 1e-12);
      ++seen;
    }
  }
  CHECK(seen == 2);
}

TEST_CASE("rolling windows equal a fresh set over each window, NaN slots included") {
  auto r = returns(1500, 5);
  for (std::size_t i = 17; i < r.size(); i += 101) r[i] = NAN;
  for (nan_policy p : {nan_policy::skip, nan_policy::zero, nan_policy::propagate}) {
    metric_options o;
    o.nan = p;
    for (std::size_t w : {1u, 2u, 7u, 63u, 252u}) {
      INFO("window " << w << ", policy " << to_string(p));
      using set = metric_set<tag::count, tag::sharpe, tag::sortino, tag::max_drawdown, tag::profit_factor,
                             tag::annual_return, tag::skewness, tag::max_drawdown_duration>;
      rolling<set> roll(w, o);
      for (std::size_t t = 0; t < r.size(); ++t) {
        roll.push(r[t]);
        if (t % 37 != 0 && t + 1 != r.size()) continue;  // sample the steps: brute force is O(w)
        set fresh(o);
        for (std::size_t k = t + 1 - roll.size(); k <= t; ++k) fresh.push(r[k]);
        require_same_results(roll.window(), fresh, 1e-9);
      }
    }
  }
}

TEST_CASE("parallel accumulation gives bit-identical results for 1, 2 and 4 threads") {
  const auto r = returns(200000, 9);
  metric_options o;
  const auto one = accumulate_parallel<mergeable>(r, o, 1, 4096);
  for (unsigned t : {2u, 4u}) {
    const auto many = accumulate_parallel<mergeable>(r, o, t, 4096);
    const auto a = one.results(), b = many.results();
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO(a[i].name);
      CHECK((a[i].value == b[i].value || (std::isnan(a[i].value) && std::isnan(b[i].value))));
    }
  }
  mergeable sequential;
  sequential.push(r);
  require_same_results(one, sequential, 1e-10);
}

TEST_CASE("NaN policies: skip changes nothing, zero is a flat period, propagate poisons") {
  const std::vector<double> clean{0.01, -0.02, 0.03, 0.005};
  const std::vector<double> holed{0.01, NAN, -0.02, 0.03, INFINITY, 0.005};
  metric_options o;
  mergeable a(o), b(o);
  a.push(clean);
  b.push(holed);
  require_same_results(a, b, 0);
  CHECK(b.nonfinite() == 2);
  CHECK(b.count() == 4);
  o.nan = nan_policy::zero;
  mergeable z(o), zc(o);
  z.push(holed);
  zc.push(std::vector<double>{0.01, 0, -0.02, 0.03, 0, 0.005});
  require_same_results(z, zc, 0);
  o.nan = nan_policy::propagate;
  mergeable p(o);
  p.push(holed);
  for (auto [name, v] : p.results()) {
    INFO(name);
    CHECK(std::isnan(v));
  }
}

TEST_CASE("empty input and degenerate series give NaN or the documented infinity, never garbage") {
  mergeable empty;
  for (auto [name, v] : empty.results()) {
    INFO(name);
    if (name == "n")
      CHECK(v == 0);
    else
      CHECK(std::isnan(v));
  }
  mergeable constant;
  constant.push(std::vector<double>(1000, 0.001));  // a two-pass mean of 0.001 is not exactly 0.001
  CHECK(constant.value<tag::sharpe>() == INFINITY);
  CHECK(std::isnan(constant.value<tag::skewness>()));
  CHECK(constant.value<tag::max_drawdown>() == 0);
  CHECK(std::isnan(constant.value<tag::calmar>()));
  mergeable wiped;
  wiped.push(std::vector<double>{0.1, -1.0, 0.5});
  CHECK(wiped.value<tag::max_drawdown>() == 1.0);
  CHECK(wiped.value<tag::annual_return>() == -1.0);
  mergeable impossible;
  impossible.push(std::vector<double>{0.1, -1.5});
  CHECK(std::isnan(impossible.value<tag::max_drawdown>()));
  CHECK(std::isnan(impossible.value<tag::annual_return>()));
}

TEST_CASE("options are validated and sets with different options refuse to merge") {
  metric_options bad;
  bad.periods_per_year = 0;
  CHECK_THROWS_AS(mergeable(bad), embargo::invalid_argument);
  metric_options a, b;
  b.risk_free = 0.0001;
  mergeable x(a), y(b);
  CHECK_THROWS_AS(x.merge(y), embargo::invalid_argument);
  CHECK_THROWS_AS(rolling<mergeable>(0), embargo::invalid_argument);
  CHECK_NOTHROW(deannualize_geometric(0.05, 252));
  CHECK(deannualize_geometric(0.05, 1) == Approx(0.05));
}

TEST_CASE("stability is the R² of cumulative log wealth on the period index (brute force)") {
  const auto r = returns(500, 3, 0.002);
  std::vector<double> y;
  double acc = 0;
  for (double x : r) y.push_back(acc += std::log1p(x));
  const double n = static_cast<double>(y.size());
  double mt = (n - 1) / 2, my = 0;
  for (double v : y) my += v / n;
  double stt = 0, syy = 0, sty = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double dt = static_cast<double>(t) - mt, dy = y[t] - my;
    stt += dt * dt, syy += dy * dy, sty += dt * dy;
  }
  metric_set<tag::stability> s;
  s.push(r);
  CHECK(s.value<tag::stability>() == Approx(sty * sty / (stt * syy)).epsilon(1e-10));
  metric_set<tag::stability> steady;
  steady.push(std::vector<double>(100, 0.01));  // log wealth exactly linear in t
  CHECK(steady.value<tag::stability>() == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("long histories: no overflow of compounded wealth") {
  // 2e6 periods of +1 %: wealth 1.01^2e6 overflows a double, its logarithm does not.
  metric_set<tag::annual_return, tag::max_drawdown, tag::cumulative_return> s;
  s.push(std::vector<double>(2000000, 0.01));
  CHECK(s.value<tag::annual_return>() == Approx(std::pow(1.01, 252) - 1).epsilon(1e-9));
  CHECK(s.value<tag::max_drawdown>() == 0);
  CHECK(s.value<tag::cumulative_return>() == INFINITY);
}
