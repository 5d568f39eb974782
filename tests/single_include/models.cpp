// models.hpp alone: weighted ridge and standardized logistic regression on a synthetic problem.
#include <embargo/models.hpp>

#include <cstdio>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  single_test::lcg u{61};
  const Eigen::Index n = 300;
  Eigen::MatrixXd X(n, 3);
  Eigen::VectorXd y(n), label(n), w(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) X(i, j) = u() - 0.5;
    y(i) = 1.0 + 2.0 * X(i, 0) - X(i, 1) + 0.1 * (u() - 0.5);
    label(i) = X(i, 0) + 0.5 * X(i, 2) + 0.3 * (u() - 0.5) > 0 ? 1.0 : 0.0;
    w(i) = 0.5 + u();
  }
  embargo::ridge_regression ridge({.lambda = 0.1});
  ridge.fit(X, y, w);
  const Eigen::VectorXd fitted = ridge.predict(X.topRows(5));
  for (Eigen::Index i = 0; i < fitted.size(); ++i) std::printf("ridge %.17g\n", fitted(i));
  embargo::standardized<embargo::logistic_regression> logit;
  logit.fit(X, label, w);
  const Eigen::VectorXd p = logit.predict_proba(X);
  double hits = 0;
  for (Eigen::Index i = 0; i < n; ++i) hits += (p(i) > 0.5) == (label(i) > 0.5);
  require(hits / static_cast<double>(n) > 0.8, "the logistic model learns the rule");
  for (Eigen::Index i = 0; i < 5; ++i) std::printf("logit %.17g\n", p(i));
  put("logit hit rate", hits / static_cast<double>(n));
}
