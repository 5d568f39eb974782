// The XGBoost adapter: sample weights are frequency weights (weight 2 = the row twice), a
// separable problem is learned, copies are deep, and every failure is an embargo::error.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>

#include <embargo/core/random.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/models/xgboost.hpp>

namespace {

struct problem {
  Eigen::MatrixXd X;
  Eigen::VectorXd y_bin, y_lin, w;
};

problem make_problem(Eigen::Index n, std::uint64_t seed) {
  embargo::splitmix64 g(seed);
  problem p{Eigen::MatrixXd(n, 3), Eigen::VectorXd(n), Eigen::VectorXd(n), Eigen::VectorXd(n)};
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index c = 0; c < 3; ++c) p.X(i, c) = embargo::standard_normal(g);
    const double signal = 0.5 + 2.0 * p.X(i, 0) - 1.0 * p.X(i, 1);
    p.y_bin[i] = g.uniform() < 1.0 / (1.0 + std::exp(-signal)) ? 1.0 : 0.0;
    p.y_lin[i] = signal + 0.3 * embargo::standard_normal(g);
    p.w[i] = 1.0;
  }
  return p;
}

// Every row whose weight is 2 written out twice with weight 1.
problem expand(const problem& p) {
  const auto m = static_cast<Eigen::Index>(p.w.sum());
  problem q{Eigen::MatrixXd(m, p.X.cols()), Eigen::VectorXd(m), Eigen::VectorXd(m), Eigen::VectorXd::Ones(m)};
  Eigen::Index r = 0;
  for (Eigen::Index i = 0; i < p.X.rows(); ++i)
    for (int k = 0; k < static_cast<int>(p.w[i]); ++k, ++r) {
      q.X.row(r) = p.X.row(i);
      q.y_bin[r] = p.y_bin[i];
      q.y_lin[r] = p.y_lin[i];
    }
  return q;
}

template <class M>
Eigen::VectorXd output(const M& m, const Eigen::MatrixXd& X) {
  if constexpr (embargo::classifier<M>) return m.predict_proba(X);
  else return m.predict(X);
}

// Weight 2 on every third row equals those rows twice; and the weights do change the fit.
template <class M>
void check_weight_two_is_a_duplicate(const M& proto, bool binary) {
  auto p = make_problem(300, 5);
  for (Eigen::Index i = 0; i < p.w.size(); i += 3) p.w[i] = 2.0;
  const auto q = expand(p);
  const auto test = make_problem(200, 6);
  M weighted = proto, duplicated = proto, unweighted = proto;
  weighted.fit(p.X, binary ? p.y_bin : p.y_lin, p.w);
  duplicated.fit(q.X, binary ? q.y_bin : q.y_lin, q.w);
  unweighted.fit(p.X, binary ? p.y_bin : p.y_lin, Eigen::VectorXd::Ones(p.X.rows()));
  const Eigen::VectorXd a = output(weighted, test.X), b = output(duplicated, test.X), c = output(unweighted, test.X);
  CHECK((a - b).cwiseAbs().maxCoeff() < 1e-5);  // float32 sums in a different order
  CHECK((a - c).cwiseAbs().maxCoeff() > 1e-2);
}

}  // namespace

TEST_CASE("weight 2 fits exactly like the row twice") {
  SECTION("classifier, exact") { check_weight_two_is_a_duplicate(embargo::xgboost_classifier({.rounds = 30}), true); }
  SECTION("classifier, hist") {
    check_weight_two_is_a_duplicate(embargo::xgboost_classifier({.rounds = 30, .tree_method = "hist"}), true);
  }
  SECTION("regressor, exact") {
    check_weight_two_is_a_duplicate(embargo::xgboost_regressor({.rounds = 30, .max_depth = 3}), false);
  }
}

TEST_CASE("a separable problem is learned") {
  auto train = make_problem(400, 7), test = make_problem(400, 8);
  for (auto* p : {&train, &test})
    for (Eigen::Index i = 0; i < p->X.rows(); ++i) p->y_bin[i] = p->X(i, 0) - p->X(i, 2) > 0.3 ? 1.0 : 0.0;
  embargo::xgboost_classifier m({.rounds = 50, .max_depth = 4});
  m.fit(train.X, train.y_bin, train.w);
  CHECK((m.predict(train.X) - train.y_bin).cwiseAbs().sum() == 0.0);
  const double test_errors = (m.predict(test.X) - test.y_bin).cwiseAbs().sum();
  CHECK(test_errors / 400.0 < 0.08);  // axis-aligned trees approximate the diagonal boundary
  const Eigen::VectorXd p = m.predict_proba(test.X);
  CHECK(p.minCoeff() > 0.0);
  CHECK(p.maxCoeff() < 1.0);

  embargo::xgboost_regressor r({.rounds = 100, .learning_rate = 0.1, .max_depth = 3});
  r.fit(train.X, train.y_lin, train.w);
  const Eigen::VectorXd e = r.predict(test.X) - test.y_lin;
  const double r2 = 1.0 - e.squaredNorm() / (test.y_lin.array() - test.y_lin.mean()).matrix().squaredNorm();
  CHECK(r2 > 0.85);
}

TEST_CASE("fits are reproducible and copies are deep") {
  const auto p = make_problem(300, 9), other = make_problem(300, 10);
  embargo::xgboost_classifier a({.rounds = 20, .subsample = 0.8, .seed = ~std::uint64_t{0}}), b = a;
  a.fit(p.X, p.y_bin, p.w);
  b.fit(p.X, p.y_bin, p.w);
  CHECK(a.predict_proba(p.X) == b.predict_proba(p.X));  // same seed (any 64 bits), same trees
  const embargo::xgboost_classifier copy = a;
  const Eigen::VectorXd before = copy.predict_proba(other.X);
  CHECK(before == a.predict_proba(other.X));
  a.fit(other.X, other.y_bin, other.w);  // refitting the original leaves the copy alone
  CHECK(copy.predict_proba(other.X) == before);
  CHECK(a.predict_proba(other.X) != before);

  // The prototype is copied per fold, as model_stage does.
  const auto folds = embargo::contiguous_row_folds(300, 3);
  const Eigen::VectorXd oof = embargo::out_of_fold_predictions(embargo::xgboost_classifier({.rounds = 10}), p.X,
                                                               p.y_bin, p.w, folds);
  CHECK(oof.allFinite());
}

TEST_CASE("bad input and XGBoost's own errors are embargo errors") {
  const auto p = make_problem(50, 11);
  embargo::xgboost_classifier m({.rounds = 5});
  CHECK_THROWS_AS(m.predict(p.X), embargo::invalid_argument);  // before fit
  CHECK_THROWS_WITH(m.fit(p.X, p.y_bin.head(49), p.w), Catch::Contains("X has 50 rows but y has 49"));
  CHECK_THROWS_AS(m.fit(p.X, p.y_bin, p.w.head(10)), embargo::invalid_argument);
  CHECK_THROWS_WITH(m.fit(p.X, p.y_lin, p.w), Catch::Contains("is not 0 or 1"));
  Eigen::MatrixXd bad = p.X;
  bad(3, 1) = std::nan("");
  CHECK_THROWS_AS(m.fit(bad, p.y_bin, p.w), embargo::data_error);
  m.fit(p.X, p.y_bin, p.w);
  CHECK_THROWS_WITH(m.predict(p.X.leftCols(2)), Catch::Contains("X has 2 columns, the model was fitted on 3"));
  CHECK_THROWS_AS(m.predict(bad), embargo::data_error);
  CHECK(m.predict(p.X.topRows(0)).size() == 0);

  CHECK_THROWS_AS(embargo::xgboost_classifier({.rounds = 0}), embargo::invalid_argument);
  embargo::xgboost_regressor wrong_method({.rounds = 5, .tree_method = "no_such_method"});
  try {
    wrong_method.fit(p.X, p.y_lin, p.w);
    FAIL("an unknown tree method was accepted");
  } catch (const embargo::error& e) {  // XGBoost's reason, on one line, without its timestamp
    const std::string what = e.what();
    CHECK_THAT(what, Catch::StartsWith("xgboost: XGBoosterUpdateOneIter: ") && Catch::Contains("'no_such_method'"));
    CHECK(what.find('\n') == std::string::npos);
  }
  embargo::xgboost_regressor negative_depth({.rounds = 5, .max_depth = -1});
  CHECK_THROWS_AS(negative_depth.fit(p.X, p.y_lin, p.w), embargo::error);
  CHECK_FALSE(negative_depth.fitted());
}
