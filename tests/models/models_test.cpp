// Models honour sample weights (weight 2 = the row twice, weight 0 = the row absent), reach
// their optimum, and ensembles learn only from out-of-fold outputs.
#include <catch2/catch.hpp>

#include <cmath>

#include <embargo/core/random.hpp>
#include <embargo/models.hpp>

namespace {
struct problem {
  Eigen::MatrixXd X;
  Eigen::VectorXd y_lin, y_bin, w;
};

problem make_problem(std::size_t n, std::uint64_t seed) {
  embargo::splitmix64 g(seed);
  problem p{Eigen::MatrixXd(n, 3), Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    for (Eigen::Index c = 0; c < 3; ++c) p.X(r, c) = embargo::standard_normal(g);
    const double signal = 0.5 + 2.0 * p.X(r, 0) - 1.0 * p.X(r, 1);
    p.y_lin[r] = signal + 0.3 * embargo::standard_normal(g);
    p.y_bin[r] = g.uniform() < 1.0 / (1.0 + std::exp(-signal)) ? 1.0 : 0.0;
    p.w[r] = 0.5 + g.uniform();
  }
  return p;
}

// The data with row `k` duplicated (and its weight kept), for the frequency-weight identity.
problem duplicate_row(const problem& p, Eigen::Index k) {
  const Eigen::Index n = p.X.rows();
  problem q{Eigen::MatrixXd(n + 1, p.X.cols()), Eigen::VectorXd(n + 1), Eigen::VectorXd(n + 1), Eigen::VectorXd(n + 1)};
  q.X << p.X, p.X.row(k);
  q.y_lin << p.y_lin, p.y_lin[k];
  q.y_bin << p.y_bin, p.y_bin[k];
  q.w << p.w, p.w[k];
  return q;
}

template <class M>
void check_weight_identities(M proto, bool binary) {
  const auto p = make_problem(200, 3);
  const Eigen::VectorXd& y = binary ? p.y_bin : p.y_lin;
  const Eigen::Index k = 17;
  // weight 2 on row k == row k twice
  Eigen::VectorXd w2 = p.w;
  w2[k] *= 2;
  M a = proto, b = proto;
  a.fit(p.X, y, w2);
  const auto q = duplicate_row(p, k);
  b.fit(q.X, binary ? q.y_bin : q.y_lin, q.w);
  CHECK((a.coefficients() - b.coefficients()).norm() < 1e-8);
  CHECK(a.intercept() == Approx(b.intercept()).margin(1e-8));
  // weight 0 on row k == row k absent
  Eigen::VectorXd w0 = p.w;
  w0[k] = 0;
  M c = proto, d = proto;
  c.fit(p.X, y, w0);
  Eigen::MatrixXd X_without(p.X.rows() - 1, p.X.cols());
  Eigen::VectorXd y_without(p.X.rows() - 1), w_without(p.X.rows() - 1);
  X_without << p.X.topRows(k), p.X.bottomRows(p.X.rows() - k - 1);
  y_without << y.head(k), y.tail(p.X.rows() - k - 1);
  w_without << p.w.head(k), p.w.tail(p.X.rows() - k - 1);
  d.fit(X_without, y_without, w_without);
  CHECK((c.coefficients() - d.coefficients()).norm() < 1e-8);
  // and weights matter: a heavy weight moves the fit
  Eigen::VectorXd heavy = p.w;
  heavy[k] = 500;
  M e = proto;
  e.fit(p.X, y, heavy);
  CHECK((e.coefficients() - a.coefficients()).norm() > 1e-3);
}
}  // namespace

TEST_CASE("ridge: weights are frequency weights") { check_weight_identities(embargo::ridge_regression({.lambda = 2.0}), false); }

TEST_CASE("logistic: weights are frequency weights") {
  check_weight_identities(embargo::logistic_regression({.lambda = 1.0}), true);
}

TEST_CASE("ridge: lambda 0 recovers the linear model, larger lambda shrinks the slopes") {
  const auto p = make_problem(4000, 5);
  embargo::ridge_regression ols({.lambda = 0});
  ols.fit(p.X, p.y_lin, p.w);
  CHECK(ols.coefficients()[0] == Approx(2.0).margin(0.03));
  CHECK(ols.coefficients()[1] == Approx(-1.0).margin(0.03));
  CHECK(ols.coefficients()[2] == Approx(0.0).margin(0.03));
  CHECK(ols.intercept() == Approx(0.5).margin(0.03));
  double previous = ols.coefficients().norm();
  for (double lambda : {10.0, 100.0, 1000.0, 10000.0}) {
    embargo::ridge_regression r({.lambda = lambda});
    r.fit(p.X, p.y_lin, p.w);
    CHECK(r.coefficients().norm() < previous);
    previous = r.coefficients().norm();
  }
}

TEST_CASE("logistic: the fit is the optimum (zero gradient) and recovers the coefficients") {
  const auto p = make_problem(20000, 9);
  const double lambda = 0.5;
  embargo::logistic_regression m({.lambda = lambda});
  m.fit(p.X, p.y_bin, p.w);
  REQUIRE(m.converged());
  const Eigen::VectorXd prob = m.predict_proba(p.X);
  Eigen::VectorXd grad = p.X.transpose() * (p.w.array() * (prob - p.y_bin).array()).matrix() + lambda * m.coefficients();
  const double grad_b = p.w.dot(prob - p.y_bin);
  CHECK(grad.norm() / p.w.sum() < 1e-8);  // relative to the objective's scale (Σw ≈ 20000)
  CHECK(std::abs(grad_b) / p.w.sum() < 1e-8);
  CHECK(m.coefficients()[0] == Approx(2.0).margin(0.1));
  CHECK(m.coefficients()[1] == Approx(-1.0).margin(0.1));
  CHECK(m.intercept() == Approx(0.5).margin(0.1));
  CHECK((prob.array() > 0).all());
  CHECK((prob.array() < 1).all());
}

TEST_CASE("models reject bad input clearly") {
  const auto p = make_problem(50, 1);
  embargo::logistic_regression m;
  CHECK_THROWS_WITH(m.predict(p.X), Catch::Contains("predict before fit"));
  CHECK_THROWS_WITH(m.fit(p.X, p.y_lin, p.w), Catch::Contains("is not 0 or 1"));
  Eigen::VectorXd bad_w = p.w;
  bad_w[3] = -1;
  CHECK_THROWS_WITH(m.fit(p.X, p.y_bin, bad_w), Catch::Contains("weights must be finite and >= 0"));
  Eigen::MatrixXd nan_x = p.X;
  nan_x(4, 1) = NAN;
  CHECK_THROWS_WITH(m.fit(nan_x, p.y_bin, p.w), Catch::Contains("X contains NaN"));
  CHECK_THROWS_WITH(m.fit(p.X, p.y_bin.head(10), p.w), Catch::Contains("X has 50 rows but y has 10"));
  m.fit(p.X, p.y_bin, p.w);
  CHECK_THROWS_WITH(m.predict(p.X.leftCols(2)), Catch::Contains("X has 2 columns, the model was fitted on 3"));
  CHECK_THROWS_AS(embargo::ridge_regression({.lambda = -1}), embargo::invalid_argument);
}

TEST_CASE("out-of-fold predictions come from a model that never saw the row") {
  const auto p = make_problem(300, 4);
  const auto folds = embargo::contiguous_row_folds(300, 3, 5);
  // purge: training rows stay 5 rows away from the test block
  for (const auto& f : folds)
    for (std::size_t tr : f.train)
      for (std::size_t te : {f.test.front(), f.test.back()}) CHECK((tr + 5 < te || tr >= te + 1));
  const embargo::ridge_regression proto({.lambda = 1.0});
  const Eigen::VectorXd oof = embargo::out_of_fold_predictions(proto, p.X, p.y_lin, p.w, folds);
  // Recompute fold 1 by hand.
  embargo::ridge_regression m = proto;
  m.fit(embargo::detail::take_rows(p.X, folds[1].train), embargo::detail::take(p.y_lin, folds[1].train),
        embargo::detail::take(p.w, folds[1].train));
  const Eigen::VectorXd expected = m.predict(embargo::detail::take_rows(p.X, folds[1].test));
  Eigen::Index j = 0;
  for (std::size_t i : folds[1].test) CHECK(oof[static_cast<Eigen::Index>(i)] == Approx(expected[j++]).epsilon(1e-12));
  CHECK(oof.allFinite());  // k-fold: every row tested once
}

TEST_CASE("stacking: a ridge meta-learner over ridge and logistic bases") {
  const auto p = make_problem(1500, 8);
  embargo::stacking_ensemble<embargo::ridge_regression, embargo::ridge_regression, embargo::logistic_regression> s(
      embargo::ridge_regression({.lambda = 0.1}), {embargo::ridge_regression({.lambda = 1}), embargo::logistic_regression()});
  // Regression target for the ridge base; the logistic base needs 0/1, so stack on y_bin.
  s.fit(p.X, p.y_bin, p.w);
  const Eigen::MatrixXd z = s.base_outputs(p.X);
  CHECK(z.cols() == 2);
  const Eigen::VectorXd pred = s.predict(p.X);
  double hits = 0;
  for (Eigen::Index i = 0; i < pred.size(); ++i) hits += (pred[i] > 0.5) == (p.y_bin[i] > 0.5);
  CHECK(hits / static_cast<double>(pred.size()) > 0.7);  // the signal is strong enough for 70 %+
  // the meta-learner leans on the informative bases, not on a constant
  CHECK(s.meta().coefficients().sum() > 0.5);
}

namespace {
// A classifier that always says "1" with probability q: its accuracy is the share of ones.
struct constant_classifier {
  double q = 1.0;
  void fit(embargo::matrix_cref, embargo::vector_cref, embargo::vector_cref) {}
  Eigen::VectorXd predict_proba(embargo::matrix_cref X) const { return Eigen::VectorXd::Constant(X.rows(), q); }
  Eigen::VectorXd predict(embargo::matrix_cref X) const { return (predict_proba(X).array() > 0.5).cast<double>(); }
};
static_assert(embargo::classifier<constant_classifier>);
}  // namespace

TEST_CASE("accuracy-weighted ensemble: weights are the normalised out-of-fold accuracies") {
  const auto p = make_problem(2000, 12);
  embargo::accuracy_weighted_ensemble<embargo::logistic_regression, constant_classifier> e;
  e.fit(p.X, p.y_bin, p.w);
  const double share_of_ones = p.w.dot(p.y_bin) / p.w.sum();
  CHECK(e.accuracies()[1] == Approx(share_of_ones).epsilon(1e-12));
  CHECK(e.accuracies()[0] > e.accuracies()[1]);
  CHECK(e.weights()[0] + e.weights()[1] == Approx(1.0));
  CHECK(e.weights()[0] == Approx(e.accuracies()[0] / (e.accuracies()[0] + e.accuracies()[1])));
  // Counting only skill above a coin flip gives the constant model (near 50 %) little weight.
  embargo::accuracy_weighted_ensemble<embargo::logistic_regression, constant_classifier> skill({.floor = 0.5});
  skill.fit(p.X, p.y_bin, p.w);
  CHECK(skill.weights()[0] > 0.8);
}

TEST_CASE("standardized: scaling comes from the training rows only") {
  auto p = make_problem(400, 21);
  p.X.col(2) = p.X.col(2) * 1000.0 + Eigen::VectorXd::Constant(400, 5e4);  // a badly scaled column
  embargo::standardized<embargo::logistic_regression> a;
  a.fit(p.X.topRows(300), p.y_bin.head(300), p.w.head(300));
  const Eigen::VectorXd before = a.predict_proba(p.X.bottomRows(100));
  // Changing the test rows (wildly) changes nothing learned: predictions of the other rows stay.
  Eigen::MatrixXd X2 = p.X;
  X2.bottomRows(50).array() *= 1e6;
  embargo::standardized<embargo::logistic_regression> b;
  b.fit(X2.topRows(300), p.y_bin.head(300), p.w.head(300));
  CHECK((b.predict_proba(p.X.bottomRows(100)) - before).norm() < 1e-12);
  // Standardising equals fitting the inner model on standardised data by hand.
  const Eigen::RowVectorXd mean = (p.w.head(300).transpose() * p.X.topRows(300)) / p.w.head(300).sum();
  CHECK(std::abs(mean[2] - 5e4) < 200);
  CHECK_THROWS_WITH(a.predict(p.X.leftCols(2)), Catch::Contains("X has 2 columns"));
}
