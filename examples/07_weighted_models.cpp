// Example 07: models honour sample weights. A weighted logistic regression and a ridge-stacked
// ensemble on a synthetic problem; weight 2 on a row is exactly that row twice.
#include <cstdio>

#include <embargo/core/random.hpp>
#include <embargo/models.hpp>

int main() {
  const Eigen::Index n = 2000;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n), w(n);
  embargo::splitmix64 g(7);
  for (Eigen::Index i = 0; i < n; ++i) {
    X(i, 0) = embargo::standard_normal(g);
    X(i, 1) = embargo::standard_normal(g);
    y[i] = g.uniform() < 1.0 / (1.0 + std::exp(-(1.5 * X(i, 0) - 0.5 * X(i, 1)))) ? 1.0 : 0.0;
    w[i] = i < n / 2 ? 1.0 : 2.0;  // e.g. recent samples count twice
  }
  embargo::logistic_regression logit({.lambda = 1.0});
  logit.fit(X, y, w);
  std::printf("logistic: coefficients %.3f %.3f, intercept %.3f, %d Newton steps\n", logit.coefficients()[0],
              logit.coefficients()[1], logit.intercept(), logit.iterations());

  embargo::stacking_ensemble<embargo::ridge_regression, embargo::logistic_regression, embargo::ridge_regression> stack(
      embargo::ridge_regression({.lambda = 0.1}));
  stack.fit(X, y, w, embargo::contiguous_row_folds(static_cast<std::size_t>(n), 5, /*purge=*/10));
  const Eigen::VectorXd p = stack.predict(X);
  double hits = 0;
  for (Eigen::Index i = 0; i < n; ++i) hits += (p[i] > 0.5) == (y[i] > 0.5);
  std::printf("stacking: meta weights %.3f %.3f, in-sample hit rate %.3f\n", stack.meta().coefficients()[0],
              stack.meta().coefficients()[1], hits / static_cast<double>(n));
}
