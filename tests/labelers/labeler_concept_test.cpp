// Tests of the labeler role (core/concepts.hpp): every labeler type gives what its function gives,
// as intervals with labels, and a generic caller can use any of them.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers.hpp>

namespace {

std::vector<double> walk(std::size_t n) {
  std::vector<double> p(n);
  double x = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    x *= 1.0 + 0.01 * std::sin(0.37 * static_cast<double>(i)) + 0.002 * std::cos(1.3 * static_cast<double>(i));
    p[i] = x;
  }
  return p;
}

// What a pipeline does with any labeler: the spans and labels, nothing else.
template <class L, class Prices, class Events>
  requires embargo::labeler<L, Prices, Events>
std::size_t count_spans(const L& l, const Prices& p, const Events& e) {
  std::size_t n = 0;
  for (const auto& x : l.label(p, e)) n += x.t1 >= x.t0;
  return n;
}

}  // namespace

TEST_CASE("labeler types give what their functions give") {
  const auto close = walk(400);
  std::vector<std::size_t> events;
  for (std::size_t t = 0; t < close.size(); t += 7) events.push_back(t);

  const auto target = embargo::ewm_volatility(close, {.span = 20});
  const embargo::triple_barrier_options opt{.pt = 1, .sl = 1, .vertical_bars = 10};
  const embargo::triple_barrier_labeler tb{target, opt};
  const auto a = tb.label(close, events), b = embargo::triple_barrier(embargo::barrier_prices{close}, events, target, opt);
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) CHECK((a[k].t0 == b[k].t0 && a[k].t1 == b[k].t1 && a[k].label == b[k].label));
  CHECK(count_spans(tb, close, std::span<const std::size_t>(events)) == b.size());

  const embargo::fixed_horizon_labeler fh{{.horizon = 5}};
  const auto all = embargo::fixed_horizon_labels(close, {.horizon = 5});
  CHECK(fh.label(close, {}).size() == all.size());
  const auto picked = fh.label(close, events);
  std::size_t defined = 0;
  for (auto t : events) defined += t < all.size();
  REQUIRE(picked.size() == defined);
  for (const auto& l : picked) CHECK((l.t1 == l.t0 + 5 && l.label == all[l.t0].label));

  const embargo::trend_scanning_labeler ts{{.min_window = 3, .max_window = 8}};
  const auto tl = ts.label(close, events), tf = embargo::trend_scanning_labels(close, events, {.min_window = 3, .max_window = 8});
  REQUIRE(tl.size() == tf.size());
  for (std::size_t k = 0; k < tl.size(); ++k) CHECK((tl[k].t1 == tf[k].t1 && tl[k].label == tf[k].label));

  std::vector<embargo::interval> spans;
  std::vector<double> side;
  for (const auto& l : b) spans.push_back({l.t0, l.t1}), side.push_back(l.t0 % 2 ? 1.0 : -1.0);
  const embargo::meta_labeler ml{side};
  const auto m = ml.label(close, spans);
  const auto mf = embargo::meta_labels(close, spans, side);
  REQUIRE(m.size() == mf.size());
  for (std::size_t k = 0; k < m.size(); ++k) CHECK((m[k].t0 == spans[k].t0 && m[k].t1 == spans[k].t1 && m[k].label == mf[k]));

  const embargo::regime_labeler rl{{.window = 10, .min_history = 20}};
  const auto regimes = embargo::label_regimes(close, {.window = 10, .min_history = 20});
  const auto r = rl.label(close, events);
  REQUIRE(r.size() == events.size());
  for (std::size_t k = 0; k < r.size(); ++k) CHECK((r[k].t0 == events[k] && r[k].t1 == events[k] && r[k].label == regimes[events[k]]));
  CHECK(rl.label(close, {}).size() == close.size());
  const std::vector<std::size_t> outside{close.size()};
  CHECK_THROWS_AS(rl.label(close, outside), embargo::data_error);
}
