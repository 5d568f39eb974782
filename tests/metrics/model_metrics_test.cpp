// Classification, regression and turnover accumulators: the reference vectors
// (tests/data/metrics-ml-drift-streaming.json), merges of random splits, weights, ROC AUC against a
// brute-force pair count, and bad input. Tags: [model_metrics] plus the accumulator's own.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include <embargo/metrics/classification.hpp>
#include <embargo/metrics/regression.hpp>
#include <embargo/metrics/turnover.hpp>

#include "../test_support.hpp"
#include "vector_support.hpp"

using embargo::test::number;
using embargo::test::numbers;

namespace {

/// |got − want| <= tol·|want| (relative, no absolute floor); NaN meets NaN, 0 must be 0.
bool relatively_equal(double got, double want, double tol) {
  if (std::isnan(want)) return std::isnan(got);
  return std::abs(got - want) <= tol * std::abs(want);
}

#define CHECK_RELATIVE(got, want, tol)                  \
  do {                                                  \
    const double g_ = (got), w_ = (want);               \
    INFO("got " << g_ << ", want " << w_);              \
    CHECK(relatively_equal(g_, w_, (tol)));             \
  } while (0)

template <class Results>
void check_same_results(const Results& got, const Results& want, double tol) {
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO(want[k].name);
    CHECK(got[k].name == want[k].name);
    CHECK_RELATIVE(got[k].value, want[k].value, tol);
  }
}

/// Random cut points of [0, n) into 1..6 chunks (empty chunks included on purpose).
std::vector<std::size_t> random_cuts(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::size_t> cuts{0, n};
  const std::size_t inner = rng() % 6;
  for (std::size_t k = 0; k < inner; ++k) cuts.push_back(rng() % (n + 1));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

/// Merges chunk accumulators left to right, or as a balanced tree (the order a parallel
/// reduction uses); both must equal one pass.
template <class Acc>
Acc fold(std::vector<Acc> chunks, bool as_tree) {
  if (!as_tree) {
    for (std::size_t i = 1; i < chunks.size(); ++i) chunks[0].merge(chunks[i]);
    return chunks[0];
  }
  while (chunks.size() > 1) {
    std::vector<Acc> next;
    for (std::size_t i = 0; i + 1 < chunks.size(); i += 2) {
      next.push_back(chunks[i]);
      next.back().merge(chunks[i + 1]);
    }
    if (chunks.size() % 2) next.push_back(chunks.back());
    chunks = std::move(next);
  }
  return chunks[0];
}

struct classification_data {
  std::vector<double> y, p, w;
};

classification_data random_classification(std::mt19937_64& rng, std::size_t n, int score_levels) {
  std::uniform_real_distribution<double> u(0, 1);
  classification_data d;
  for (std::size_t i = 0; i < n; ++i) {
    d.p.push_back(std::round(u(rng) * score_levels) / score_levels);  // a few levels: many ties
    d.y.push_back(u(rng) < 0.2 + 0.6 * d.p.back() ? 1 : 0);
    d.w.push_back(0.1 + 2 * u(rng));
  }
  return d;
}

struct regression_data {
  std::vector<double> y, y_hat, y_bench, w;
};

regression_data random_regression(std::mt19937_64& rng, std::size_t n, double level) {
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> u(0, 1);
  regression_data d;
  for (std::size_t i = 0; i < n; ++i) {
    const double signal = z(rng);
    d.y.push_back(level + signal + 0.5 * z(rng));
    d.y_hat.push_back(level + 0.8 * signal);
    d.y_bench.push_back(level);  // e.g. the historical mean
    d.w.push_back(0.1 + 2 * u(rng));
  }
  return d;
}

std::vector<std::vector<double>> random_books(std::mt19937_64& rng, std::size_t books, std::size_t assets) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::vector<double>> out;
  for (std::size_t t = 0; t < books; ++t) {
    if (t > 0 && u(rng) < 0.2) {  // no rebalance: a zero-turnover period
      out.push_back(out.back());
      continue;
    }
    std::vector<double> w(assets);
    double sum = 0;
    for (double& x : w) sum += (x = u(rng) - 0.2);  // some shorts
    for (double& x : w) x /= sum;
    out.push_back(w);
  }
  return out;
}

}  // namespace

TEST_CASE("model metric vectors reproduce metrics-ml-drift-streaming.json", "[model_metrics][vectors]") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  int seen = 0;
  for (const auto& c : vectors) {
    const std::string metric = c["metric"];
    const auto& e = c["expected"];
    const double tol = c["tolerance"];
    INFO(metric << " " << c["input"].dump());
    if (metric == "regression_metrics") {
      embargo::regression_accumulator r;
      r.push(numbers(c["input"]["y_true"]), numbers(c["input"]["y_pred"]));
      CHECK_AGREES(r.mse(), number(e["mse"]), tol);
      CHECK_AGREES(r.rmse(), number(e["rmse"]), tol);
      CHECK_AGREES(r.mae(), number(e["mae"]), tol);
      CHECK_AGREES(r.r2(), number(e["r2"]), tol);  // constant y: NaN (scikit-learn's 0/1 is a convention)
      ++seen;
    } else if (metric == "classification_metrics") {
      embargo::classification_options o;
      if (c["params"].contains("threshold")) o.threshold = c["params"]["threshold"];
      if (c["params"].contains("zero_division")) o.zero_division = c["params"]["zero_division"];
      if (c["params"].contains("log_loss_clip")) o.log_loss_eps = c["params"]["log_loss_clip"];
      embargo::classification_accumulator a(o);
      a.push(numbers(c["input"]["y_true"]), numbers(c["input"]["p_pred"]));
      CHECK(a.true_positives() == e["tp"].get<double>());
      CHECK(a.false_positives() == e["fp"].get<double>());
      CHECK(a.false_negatives() == e["fn"].get<double>());
      CHECK(a.true_negatives() == e["tn"].get<double>());
      CHECK_AGREES(a.accuracy(), number(e["accuracy"]), tol);
      CHECK_AGREES(a.precision(), number(e["precision"]), tol);
      CHECK_AGREES(a.recall(), number(e["recall"]), tol);
      CHECK_AGREES(a.f1(), number(e["f1"]), tol);
      CHECK_AGREES(a.log_loss(), number(e["log_loss"]), tol);
      ++seen;
    } else if (metric == "turnover") {
      embargo::turnover_accumulator t(252);
      for (const auto& row : c["input"]) t.push(numbers(row));
      const auto two = numbers(e["two_sided_per_rebalance"]), one = numbers(e["one_sided_per_rebalance"]);
      REQUIRE(t.two_sided().size() == two.size());
      for (std::size_t i = 0; i < two.size(); ++i) {
        CHECK_AGREES(t.two_sided()[i], two[i], tol);
        CHECK_AGREES(t.two_sided()[i] / 2, one[i], tol);
      }
      CHECK_AGREES(t.mean_two_sided(), number(e["mean_two_sided"]), tol);
      CHECK_AGREES(t.mean_one_sided(), number(e["mean_one_sided"]), tol);
      CHECK_AGREES(t.annualized_one_sided(), number(e["annualized_one_sided_252"]), tol);
      ++seen;
    }
  }
  CHECK(seen == 5);
}

TEST_CASE("results() iterates as (name, value) pairs with stable names", "[model_metrics]") {
  embargo::classification_accumulator c;
  c.push(std::vector<double>{0, 1, 1}, std::vector<double>{0.2, 0.7, 0.4});
  embargo::regression_accumulator r;
  r.push_with_benchmark(std::vector<double>{1, 2, 4}, std::vector<double>{1.5, 2, 3}, std::vector<double>{0, 0, 0});
  embargo::turnover_accumulator t(12);
  t.push(std::vector<double>{0.5, 0.5});
  t.push(std::vector<double>{0.7, 0.3});

  std::vector<std::string_view> names;
  for (auto [name, value] : c.results()) names.push_back(name);
  CHECK(names == std::vector<std::string_view>{"tp", "fp", "fn", "tn", "accuracy", "precision", "recall", "f1", "log_loss", "roc_auc"});
  names.clear();
  for (auto [name, value] : r.results()) names.push_back(name);
  CHECK(names == std::vector<std::string_view>{"weight", "mse", "rmse", "mae", "r2", "oos_r2"});
  names.clear();
  for (auto [name, value] : t.results()) {
    names.push_back(name);
    CHECK(std::isfinite(value));
  }
  CHECK(names == std::vector<std::string_view>{"rebalances", "mean_two_sided_turnover", "mean_one_sided_turnover",
                                               "annual_one_sided_turnover"});
  CHECK(t.annualized_one_sided() == Approx(0.2 * 12));
}

TEST_CASE("classification: merge of random splits equals one pass", "[model_metrics][classification]") {
  std::mt19937_64 rng(3);
  const auto d = random_classification(rng, 500, 20);
  embargo::classification_accumulator whole;
  whole.push(d.y, d.p, d.w);
  for (int trial = 0; trial < 40; ++trial) {
    const auto cuts = random_cuts(rng, d.y.size());
    std::vector<embargo::classification_accumulator> chunks(cuts.size() - 1);
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k)
      for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) chunks[k].push(d.y[i], d.p[i], d.w[i]);
    check_same_results(fold(chunks, trial % 2 == 1).results(), whole.results(), 1e-12);
  }
}

TEST_CASE("regression: merge of random splits equals one pass", "[model_metrics][regression]") {
  std::mt19937_64 rng(4);
  const auto d = random_regression(rng, 500, 100.0);
  embargo::regression_accumulator whole;
  whole.push_with_benchmark(d.y, d.y_hat, d.y_bench, d.w);
  for (int trial = 0; trial < 40; ++trial) {
    const auto cuts = random_cuts(rng, d.y.size());
    std::vector<embargo::regression_accumulator> chunks(cuts.size() - 1);
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k)
      for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) chunks[k].push_with_benchmark(d.y[i], d.y_hat[i], d.y_bench[i], d.w[i]);
    check_same_results(fold(chunks, trial % 2 == 1).results(), whole.results(), 1e-12);
  }
}

TEST_CASE("turnover: merge of random splits equals one pass, the trade between chunks included", "[model_metrics][turnover]") {
  std::mt19937_64 rng(5);
  const auto books = random_books(rng, 80, 7);
  embargo::turnover_accumulator whole(52);
  for (const auto& b : books) whole.push(b);
  REQUIRE(whole.rebalances() == 79);
  for (int trial = 0; trial < 40; ++trial) {
    const auto cuts = random_cuts(rng, books.size());
    std::vector<embargo::turnover_accumulator> chunks(cuts.size() - 1, embargo::turnover_accumulator(52));
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k)
      for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) chunks[k].push(books[i]);
    const auto merged = fold(chunks, trial % 2 == 1);
    REQUIRE(merged.two_sided().size() == whole.two_sided().size());
    for (std::size_t i = 0; i < merged.two_sided().size(); ++i) CHECK_RELATIVE(merged.two_sided()[i], whole.two_sided()[i], 1e-12);
    check_same_results(merged.results(), whole.results(), 1e-12);
  }
}

TEST_CASE("a sample of weight 2 equals the sample pushed twice, weight 0 equals not pushing it", "[model_metrics][classification][regression]") {
  std::mt19937_64 rng(6);
  const auto c = random_classification(rng, 200, 10);
  const auto r = random_regression(rng, 200, -3.0);
  embargo::classification_accumulator twice, doubled, with_zeros, without;
  embargo::regression_accumulator rtwice, rdoubled, rwith_zeros, rwithout;
  for (std::size_t i = 0; i < 200; ++i) {
    twice.push(c.y[i], c.p[i]);
    twice.push(c.y[i], c.p[i]);
    doubled.push(c.y[i], c.p[i], 2.0);
    rtwice.push_with_benchmark(r.y[i], r.y_hat[i], r.y_bench[i]);
    rtwice.push_with_benchmark(r.y[i], r.y_hat[i], r.y_bench[i]);
    rdoubled.push_with_benchmark(r.y[i], r.y_hat[i], r.y_bench[i], 2.0);
    const bool keep = i % 3 != 0;
    with_zeros.push(c.y[i], c.p[i], keep ? c.w[i] : 0.0);
    rwith_zeros.push(r.y[i], r.y_hat[i], keep ? r.w[i] : 0.0);
    if (keep) {
      without.push(c.y[i], c.p[i], c.w[i]);
      rwithout.push(r.y[i], r.y_hat[i], r.w[i]);
    }
  }
  check_same_results(doubled.results(), twice.results(), 1e-12);
  check_same_results(rdoubled.results(), rtwice.results(), 1e-12);
  check_same_results(with_zeros.results(), without.results(), 1e-12);
  check_same_results(rwith_zeros.results(), rwithout.results(), 1e-12);
}

TEST_CASE("ROC AUC equals the brute-force pair count with ties as one half", "[model_metrics][classification]") {
  std::mt19937_64 rng(8);
  for (int trial = 0; trial < 20; ++trial) {
    auto d = random_classification(rng, 150, trial % 4 == 0 ? 3 : 10);
    if (trial % 2 == 0) std::fill(d.w.begin(), d.w.end(), 1.0);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < d.y.size(); ++i)
      for (std::size_t j = 0; j < d.y.size(); ++j)
        if (d.y[i] == 1 && d.y[j] == 0) {
          den += d.w[i] * d.w[j];
          num += d.w[i] * d.w[j] * (d.p[i] > d.p[j] ? 1.0 : d.p[i] == d.p[j] ? 0.5 : 0.0);
        }
    embargo::classification_accumulator a, first_half, second_half;
    a.push(d.y, d.p, d.w);
    CHECK_RELATIVE(a.roc_auc(), num / den, 1e-12);
    const std::size_t half = d.y.size() / 2;
    for (std::size_t i = 0; i < d.y.size(); ++i) (i < half ? first_half : second_half).push(d.y[i], d.p[i], d.w[i]);
    first_half.merge(second_half);
    CHECK_RELATIVE(first_half.roc_auc(), num / den, 1e-12);
  }
  embargo::classification_accumulator perfect, reversed, one_class, weightless_negative;
  perfect.push(std::vector<double>{0, 0, 1, 1}, std::vector<double>{0.1, 0.2, 0.8, 0.9});
  reversed.push(std::vector<double>{1, 1, 0, 0}, std::vector<double>{0.1, 0.2, 0.8, 0.9});
  one_class.push(std::vector<double>{1, 1}, std::vector<double>{0.2, 0.9});
  weightless_negative.push(std::vector<double>{1, 0}, std::vector<double>{0.2, 0.9}, std::vector<double>{1, 0});
  CHECK(perfect.roc_auc() == 1.0);
  CHECK(reversed.roc_auc() == 0.0);
  CHECK(std::isnan(one_class.roc_auc()));
  CHECK(std::isnan(weightless_negative.roc_auc()));
}

TEST_CASE("classification conventions: threshold inclusive, zero_division, clipped log-loss", "[model_metrics][classification]") {
  embargo::classification_accumulator at_threshold({.threshold = 0.3});
  at_threshold.push(1.0, 0.3);  // p >= threshold is positive
  CHECK(at_threshold.true_positives() == 1.0);

  const auto nan = std::numeric_limits<double>::quiet_NaN();
  embargo::classification_accumulator none_predicted({.zero_division = nan}), also({.zero_division = nan});
  none_predicted.push(std::vector<double>{1, 0}, std::vector<double>{0.1, 0.2});
  CHECK(std::isnan(none_predicted.precision()));
  CHECK(none_predicted.recall() == 0.0);
  CHECK(none_predicted.f1() == 0.0);          // 2tp/(2tp + fp + fn) = 0/1: no zero division
  CHECK_NOTHROW(none_predicted.merge(also));  // NaN options are equal options

  embargo::classification_accumulator sure_and_wrong({.log_loss_eps = 1e-7});
  sure_and_wrong.push(0.0, 1.0);
  CHECK(sure_and_wrong.log_loss() == Approx(-std::log(1e-7)).epsilon(1e-9));

  embargo::classification_accumulator empty;
  CHECK(std::isnan(empty.accuracy()));
  CHECK(std::isnan(empty.log_loss()));
  CHECK(empty.precision() == 0.0);
}

TEST_CASE("regression: R2 about the weighted mean, no cancellation far from zero, benchmark R2", "[model_metrics][regression]") {
  std::mt19937_64 rng(9);
  const auto centred = random_regression(rng, 300, 0.0);
  // Weighted brute force, two passes in long double.
  long double sw = 0, swy = 0, sse = 0, sst = 0, sbench = 0;
  for (std::size_t i = 0; i < centred.y.size(); ++i) sw += centred.w[i], swy += centred.w[i] * centred.y[i];
  const long double mean = swy / sw;
  for (std::size_t i = 0; i < centred.y.size(); ++i) {
    const long double w = centred.w[i], e = centred.y[i] - centred.y_hat[i], d = centred.y[i] - mean, b = centred.y[i] - 0.0L;
    sse += w * e * e, sst += w * d * d, sbench += w * b * b;
  }
  embargo::regression_accumulator r;
  r.push_with_benchmark(centred.y, centred.y_hat, centred.y_bench, centred.w);
  CHECK_RELATIVE(r.mse(), static_cast<double>(sse / sw), 1e-12);
  CHECK_RELATIVE(r.r2(), static_cast<double>(1 - sse / sst), 1e-12);
  CHECK_RELATIVE(r.oos_r2(), static_cast<double>(1 - sse / sbench), 1e-12);

  // The same data shifted by 1e9: Σy² − (Σy)²/n would lose every digit of SST, Welford keeps R².
  auto shifted = centred;
  for (auto* v : {&shifted.y, &shifted.y_hat}) for (double& x : *v) x += 1e9;
  embargo::regression_accumulator far;
  far.push(shifted.y, shifted.y_hat, shifted.w);
  CHECK(far.r2() == Approx(r.r2()).epsilon(1e-6));  // the shift itself rounds y at 1e-7

  // A benchmark at exactly the mean of y makes SSE_bench = SST, so out-of-sample R² = R².
  embargo::regression_accumulator against_mean;
  against_mean.push_with_benchmark(std::vector<double>{1, 2, 3, 6}, std::vector<double>{1.5, 2, 2.5, 5},
                                   std::vector<double>{3, 3, 3, 3});
  CHECK(against_mean.oos_r2() == Approx(against_mean.r2()).epsilon(1e-15));

  // Constant y: NaN R² (scikit-learn: 1.0 or 0.0), and a perfect benchmark: NaN OOS R².
  embargo::regression_accumulator constant;
  constant.push_with_benchmark(std::vector<double>{5, 5, 5}, std::vector<double>{5, 5, 6}, std::vector<double>{5, 5, 5});
  CHECK(std::isnan(constant.r2()));
  CHECK(std::isnan(constant.oos_r2()));
  CHECK(constant.mse() == Approx(1.0 / 3));

  // Some samples without a benchmark: no OOS R² (not a score over a silent subset).
  embargo::regression_accumulator mixed;
  mixed.push_with_benchmark(1.0, 1.1, 0.0);
  mixed.push(2.0, 2.1);
  CHECK(std::isnan(mixed.oos_r2()));
  CHECK(std::isfinite(mixed.r2()));

  embargo::regression_accumulator empty;
  CHECK(std::isnan(empty.mse()));
  CHECK(std::isnan(empty.r2()));
  CHECK(std::isnan(empty.oos_r2()));
}

TEST_CASE("turnover: first book trades nothing, one-sided is half, annualised by rebalances per year", "[model_metrics][turnover]") {
  embargo::turnover_accumulator t(12);
  t.push(std::vector<double>{1.0, 0.0});
  CHECK(std::isnan(t.mean_two_sided()));  // a starting book alone has no rebalance
  CHECK(t.rebalances() == 0);
  t.push(std::vector<double>{0.0, 1.0});   // sell all of one, buy all of the other: 2 two-sided, 1 one-sided
  t.push(std::vector<double>{0.0, 1.0});   // no trade
  CHECK(t.rebalances() == 2);
  CHECK(t.mean_two_sided() == 1.0);
  CHECK(t.mean_one_sided() == 0.5);
  CHECK(t.annualized_one_sided() == 6.0);

  embargo::turnover_accumulator a(12), empty(12);
  a.push(std::vector<double>{1.0, 0.0});
  embargo::turnover_accumulator b(12);
  b.push(std::vector<double>{0.0, 1.0});
  a.merge(empty);  // an empty chunk is the identity on either side
  empty.merge(a);
  empty.merge(b);  // the only trade is the boundary one
  REQUIRE(empty.two_sided().size() == 1);
  CHECK(empty.two_sided()[0] == 2.0);
}

TEST_CASE("model metrics: bad input throws invalid_argument and changes nothing", "[model_metrics][bad_input]") {
  using embargo::invalid_argument;
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const auto inf = std::numeric_limits<double>::infinity();

  embargo::classification_accumulator c;
  CHECK_THROWS_AS(c.push(2.0, 0.5), invalid_argument);
  CHECK_THROWS_AS(c.push(0.5, 0.5), invalid_argument);
  CHECK_THROWS_AS(c.push(nan, 0.5), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 1.5), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, -0.1), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, nan), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 0.5, -1.0), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 0.5, nan), invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 0.5, inf), invalid_argument);
  CHECK_THROWS_AS(c.push(std::vector<double>{1, 0}, std::vector<double>{0.5}), invalid_argument);
  CHECK_THROWS_AS(c.push(std::vector<double>{1, 0}, std::vector<double>{0.5, 0.5}, std::vector<double>{}), invalid_argument);
  CHECK_THROWS_AS(c.push(std::vector<double>{1, 0}, std::vector<double>{0.5, 0.5}, std::vector<double>{1, 1, 1}), invalid_argument);
  CHECK_THROWS_AS(c.push(std::vector<double>{1, 0, 1}, std::vector<double>{0.5, 0.5, nan}), invalid_argument);
  CHECK(c.weight() == 0.0);  // the batch with a NaN at its end added nothing
  CHECK_THROWS_AS(embargo::classification_accumulator({.threshold = 1.0}), invalid_argument);
  CHECK_THROWS_AS(embargo::classification_accumulator({.threshold = nan}), invalid_argument);
  CHECK_THROWS_AS(embargo::classification_accumulator({.zero_division = 2.0}), invalid_argument);
  CHECK_THROWS_AS(embargo::classification_accumulator({.log_loss_eps = 0.0}), invalid_argument);
  embargo::classification_accumulator other({.threshold = 0.6});
  CHECK_THROWS_AS(c.merge(other), invalid_argument);

  embargo::regression_accumulator r;
  CHECK_THROWS_AS(r.push(nan, 1.0), invalid_argument);
  CHECK_THROWS_AS(r.push(1.0, inf), invalid_argument);
  CHECK_THROWS_AS(r.push(1.0, 1.0, -1.0), invalid_argument);
  CHECK_THROWS_AS(r.push(1.0, 1.0, nan), invalid_argument);
  CHECK_THROWS_AS(r.push_with_benchmark(1.0, 1.0, nan), invalid_argument);
  CHECK_THROWS_AS(r.push(std::vector<double>{1}, std::vector<double>{1, 2}), invalid_argument);
  CHECK_THROWS_AS(r.push(std::vector<double>{1, 2}, std::vector<double>{1, 2}, std::vector<double>{1}), invalid_argument);
  CHECK_THROWS_AS(r.push_with_benchmark(std::vector<double>{1, 2}, std::vector<double>{1, 2}, std::vector<double>{0}),
                  invalid_argument);
  CHECK_THROWS_AS(r.push(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, nan}), invalid_argument);
  CHECK(r.weight() == 0.0);

  embargo::turnover_accumulator t;
  CHECK_THROWS_AS(t.push(std::vector<double>{}), invalid_argument);
  t.push(std::vector<double>{0.5, 0.5});
  CHECK_THROWS_AS(t.push(std::vector<double>{1.0}), invalid_argument);
  CHECK_THROWS_AS(t.push(std::vector<double>{nan, 1.0}), invalid_argument);
  CHECK_THROWS_AS(t.push(std::vector<double>{inf, 1.0}), invalid_argument);
  CHECK(t.rebalances() == 0);
  embargo::turnover_accumulator three_assets, other_year(12);
  three_assets.push(std::vector<double>{0.2, 0.3, 0.5});
  other_year.push(std::vector<double>{0.5, 0.5});
  CHECK_THROWS_AS(t.merge(three_assets), invalid_argument);
  CHECK_THROWS_AS(t.merge(other_year), invalid_argument);
  CHECK_THROWS_AS(embargo::turnover_accumulator(0), invalid_argument);
  CHECK_THROWS_AS(embargo::turnover_accumulator(nan), invalid_argument);
}
