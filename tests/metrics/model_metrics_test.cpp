// Classification, regression and turnover accumulators: the reference vectors
// (tests/data/metrics-ml-drift-streaming.json), merges, weights and bad input.
#include <cmath>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <embargo/metrics/classification.hpp>
#include <embargo/metrics/regression.hpp>
#include <embargo/metrics/turnover.hpp>

#include "../test_support.hpp"
#include "vector_support.hpp"

namespace em = embargo::metrics;
using embargo::test::number;
using embargo::test::numbers;

TEST_CASE("model metric vectors: regression, classification (with the clipped log-loss edge), turnover") {
  const auto vectors = embargo::test::load_vector("metrics-ml-drift-streaming.json");
  int seen = 0;
  for (const auto& c : vectors) {
    const std::string metric = c["metric"];
    const auto& e = c["expected"];
    const double tol = c["tolerance"];
    INFO(metric << " " << c["input"].dump());
    if (metric == "regression_metrics") {
      em::regression_accumulator r;
      r.push(numbers(c["input"]["y_true"]), numbers(c["input"]["y_pred"]));
      CHECK_AGREES(r.mse(), number(e["mse"]), tol);
      CHECK_AGREES(r.rmse(), number(e["rmse"]), tol);
      CHECK_AGREES(r.mae(), number(e["mae"]), tol);
      CHECK_AGREES(r.r2(), number(e["r2"]), tol);  // constant y: NaN (scikit-learn's 0/1 is a convention)
      ++seen;
    } else if (metric == "classification_metrics") {
      em::classification_options o;
      if (c["params"].contains("log_loss_clip")) o.log_loss_eps = c["params"]["log_loss_clip"];
      em::classification_accumulator a(o);
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
      em::turnover_accumulator t(252);
      for (const auto& row : c["input"]) t.push(numbers(row));
      const auto want = numbers(e["two_sided_per_rebalance"]);
      REQUIRE(t.two_sided().size() == want.size());
      for (std::size_t i = 0; i < want.size(); ++i) CHECK_AGREES(t.two_sided()[i], want[i], tol);
      CHECK_AGREES(t.mean_two_sided(), number(e["mean_two_sided"]), tol);
      CHECK_AGREES(t.mean_one_sided(), number(e["mean_one_sided"]), tol);
      CHECK_AGREES(t.annualized_one_sided(), number(e["annualized_one_sided_252"]), tol);
      ++seen;
    }
  }
  CHECK(seen == 5);
}

TEST_CASE("model metrics: merge of random cuts equals one pass, a weight of 2 equals a duplicate") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  const std::size_t n = 400;
  std::vector<double> y(n), p(n), w(n), t(n), f(n);
  for (std::size_t i = 0; i < n; ++i) {
    p[i] = std::round(u(rng) * 20) / 20;  // ties on purpose (AUC)
    y[i] = u(rng) < p[i] ? 1 : 0;
    w[i] = 0.5 + u(rng);
    t[i] = u(rng) - 0.5;
    f[i] = t[i] + 0.3 * (u(rng) - 0.5);
  }
  em::classification_accumulator whole;
  em::regression_accumulator rwhole;
  whole.push(y, p, w);
  rwhole.push(t, f, w);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t cut = rng() % n;
    em::classification_accumulator a, b;
    em::regression_accumulator ra, rb;
    for (std::size_t i = 0; i < n; ++i) {
      (i < cut ? a : b).push(y[i], p[i], w[i]);
      (i < cut ? ra : rb).push(t[i], f[i], w[i]);
    }
    a.merge(b);
    ra.merge(rb);
    const auto x = a.results(), z = whole.results();
    for (std::size_t k = 0; k < x.size(); ++k) CHECK_AGREES(x[k].value, z[k].value, 1e-12);
    const auto rx = ra.results(), rz = rwhole.results();
    for (std::size_t k = 0; k < rx.size(); ++k) CHECK_AGREES(rx[k].value, rz[k].value, 1e-12);
  }
  em::classification_accumulator twice, doubled;
  em::regression_accumulator rtwice, rdoubled;
  for (std::size_t i = 0; i < 50; ++i) {
    twice.push(y[i], p[i]);
    twice.push(y[i], p[i]);
    doubled.push(y[i], p[i], 2.0);
    rtwice.push(t[i], f[i]);
    rtwice.push(t[i], f[i]);
    rdoubled.push(t[i], f[i], 2.0);
  }
  const auto a = twice.results(), b = doubled.results();
  for (std::size_t k = 0; k < a.size(); ++k) CHECK_AGREES(a[k].value, b[k].value, 1e-12);
  const auto ra = rtwice.results(), rb = rdoubled.results();
  for (std::size_t k = 0; k < ra.size(); ++k) CHECK_AGREES(ra[k].value, rb[k].value, 1e-12);
}

TEST_CASE("ROC AUC equals the brute-force pair count with ties as one half") {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 10; ++trial) {
    std::vector<double> y, p, w;
    for (int i = 0; i < 120; ++i) {
      p.push_back(std::round(u(rng) * 10) / 10);
      y.push_back(u(rng) < 0.3 + 0.4 * p.back() ? 1 : 0);
      w.push_back(trial % 2 ? 0.2 + u(rng) : 1.0);
    }
    double num = 0, den = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
      for (std::size_t j = 0; j < y.size(); ++j)
        if (y[i] == 1 && y[j] == 0) {
          den += w[i] * w[j];
          num += w[i] * w[j] * (p[i] > p[j] ? 1.0 : p[i] == p[j] ? 0.5 : 0.0);
        }
    em::classification_accumulator a;
    a.push(y, p, w);
    CHECK(a.roc_auc() == Approx(num / den).epsilon(1e-12));
  }
  em::classification_accumulator one_class;
  one_class.push(std::vector<double>{1, 1}, std::vector<double>{0.2, 0.9});
  CHECK(std::isnan(one_class.roc_auc()));
}

TEST_CASE("turnover: merge adds the trade between the chunks") {
  const std::vector<std::vector<double>> books{{0.5, 0.5, 0}, {0.4, 0.4, 0.2}, {0.4, 0.4, 0.2}, {0, 0.5, 0.5}, {0.3, 0.3, 0.4}};
  em::turnover_accumulator whole;
  for (const auto& b : books) whole.push(b);
  for (std::size_t cut = 0; cut <= books.size(); ++cut) {
    em::turnover_accumulator a, b;
    for (std::size_t i = 0; i < books.size(); ++i) (i < cut ? a : b).push(books[i]);
    a.merge(b);
    REQUIRE(a.two_sided().size() == whole.two_sided().size());
    for (std::size_t i = 0; i < a.two_sided().size(); ++i) CHECK(a.two_sided()[i] == Approx(whole.two_sided()[i]));
  }
}

TEST_CASE("model metrics: bad input throws invalid_argument") {
  em::classification_accumulator c;
  CHECK_THROWS_AS(c.push(2.0, 0.5), embargo::invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 1.5), embargo::invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, NAN), embargo::invalid_argument);
  CHECK_THROWS_AS(c.push(1.0, 0.5, -1.0), embargo::invalid_argument);
  CHECK_THROWS_AS(c.push(std::vector<double>{1, 0}, std::vector<double>{0.5}), embargo::invalid_argument);
  CHECK_THROWS_AS(em::classification_accumulator({.threshold = 1.0}), embargo::invalid_argument);
  em::regression_accumulator r;
  CHECK_THROWS_AS(r.push(NAN, 1.0), embargo::invalid_argument);
  CHECK_THROWS_AS(r.push(1.0, 1.0, NAN), embargo::invalid_argument);
  CHECK_THROWS_AS(r.push(std::vector<double>{1}, std::vector<double>{1, 2}), embargo::invalid_argument);
  em::turnover_accumulator t;
  t.push(std::vector<double>{0.5, 0.5});
  CHECK_THROWS_AS(t.push(std::vector<double>{1.0}), embargo::invalid_argument);
  CHECK_THROWS_AS(t.push(std::vector<double>{NAN, 1.0}), embargo::invalid_argument);
  CHECK_THROWS_AS(em::turnover_accumulator(0), embargo::invalid_argument);
  em::classification_accumulator empty;
  CHECK(std::isnan(empty.accuracy()));
  CHECK(std::isnan(empty.log_loss()));
}
