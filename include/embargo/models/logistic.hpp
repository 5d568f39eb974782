// embargo: weighted L2-regularised logistic regression fitted by Newton's method (IRLS).
#ifndef EMBARGO_MODELS_LOGISTIC_HPP
#define EMBARGO_MODELS_LOGISTIC_HPP

#include <cmath>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <embargo/models/detail_checks.hpp>
#include <embargo/models/model.hpp>

namespace embargo {

struct logistic_options {
  double lambda = 1.0;          ///< L2 penalty (λ/2)‖β‖² on the slopes, not the intercept; >= 0
  int max_iterations = 100;
  double tolerance = 1e-10;     ///< stop when the Newton decrement² / 2 falls below this
};

/// Minimises −Σᵢ wᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + (λ/2)‖β‖², pᵢ = σ(b + xᵢ·β), yᵢ ∈ {0, 1}.
/// The objective is convex; Newton steps with backtracking converge from β = 0. Weights are
/// frequency weights (weight 2 = the row twice). With λ = 0 and separable classes the optimum is
/// at infinity: the iteration stops at max_iterations and converged() says so.
class logistic_regression {
 public:
  logistic_regression() = default;
  explicit logistic_regression(logistic_options opt) : opt_(opt) {
    detail::require(opt.lambda >= 0, "logistic_regression: lambda must be >= 0");
    detail::require(opt.max_iterations > 0, "logistic_regression: max_iterations must be > 0");
  }

  void fit(matrix_cref X, vector_cref y, vector_cref w) {
    detail::check_training_data("logistic_regression", X, y, w);
    for (Eigen::Index i = 0; i < y.size(); ++i)
      if (y[i] != 0.0 && y[i] != 1.0)
        throw data_error("logistic_regression: y[" + std::to_string(i) + "] = " + std::to_string(y[i]) +
                         " is not 0 or 1 (map labels such as -1/+1 to 0/1 first)");
    const Eigen::Index p = X.cols();
    Eigen::MatrixXd Z(X.rows(), p + 1);  // intercept in the last column
    Z.leftCols(p) = X;
    Z.col(p).setOnes();
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p + 1);
    auto objective = [&](const Eigen::VectorXd& b) {
      const Eigen::VectorXd eta = Z * b;
      double f = 0;
      for (Eigen::Index i = 0; i < eta.size(); ++i)  // log(1 + e^η) − yη, stable for large |η|
        f += w[i] * ((eta[i] > 0 ? eta[i] + std::log1p(std::exp(-eta[i])) : std::log1p(std::exp(eta[i]))) - y[i] * eta[i]);
      return f + 0.5 * opt_.lambda * b.head(p).squaredNorm();
    };
    double f = objective(beta);
    converged_ = false;
    for (iterations_ = 0; iterations_ < opt_.max_iterations; ++iterations_) {
      const Eigen::VectorXd prob = (Z * beta).unaryExpr([](double e) { return sigmoid(e); });
      Eigen::VectorXd grad = Z.transpose() * (w.array() * (prob - y).array()).matrix();
      grad.head(p) += opt_.lambda * beta.head(p);
      const Eigen::VectorXd h = w.array() * prob.array() * (1.0 - prob.array());
      Eigen::MatrixXd H = Z.transpose() * h.asDiagonal() * Z;
      H.diagonal().head(p).array() += opt_.lambda;
      H.diagonal().array() += 1e-12 * (1.0 + H.diagonal().maxCoeff());
      const Eigen::VectorXd step = H.ldlt().solve(grad);
      const double decrement = grad.dot(step);
      if (decrement / 2 < opt_.tolerance) {
        // The step is computed: take it. Near the optimum Newton converges quadratically, so this
        // last step gains digits for free (stopping before it left ~1e-6 differences from
        // scikit-learn's newton-cholesky at the same tolerance).
        beta -= step;
        converged_ = true;
        break;
      }
      double t = 1.0, f_new = objective(beta - step);
      while (f_new > f - 0.25 * t * decrement && t > 1e-10) {  // Armijo backtracking
        t *= 0.5;
        f_new = objective(beta - t * step);
      }
      beta -= t * step;
      f = f_new;
    }
    coef_ = beta.head(p);
    intercept_ = beta[p];
    fitted_ = true;
  }

  /// P(y = 1 | x) per row.
  Eigen::VectorXd predict_proba(matrix_cref X) const {
    detail::check_predict_input("logistic_regression", X, coef_.size(), fitted_);
    return ((X * coef_).array() + intercept_).matrix().unaryExpr([](double e) { return sigmoid(e); });
  }
  /// The class with the larger probability (1 when P > 0.5).
  Eigen::VectorXd predict(matrix_cref X) const {
    return (predict_proba(X).array() > 0.5).cast<double>();
  }

  const Eigen::VectorXd& coefficients() const noexcept { return coef_; }
  double intercept() const noexcept { return intercept_; }
  bool converged() const noexcept { return converged_; }
  int iterations() const noexcept { return iterations_; }

 private:
  static double sigmoid(double e) noexcept {
    return e >= 0 ? 1.0 / (1.0 + std::exp(-e)) : std::exp(e) / (1.0 + std::exp(e));
  }
  logistic_options opt_;
  Eigen::VectorXd coef_;
  double intercept_ = 0;
  bool fitted_ = false, converged_ = false;
  int iterations_ = 0;
};
static_assert(classifier<logistic_regression>);

}  // namespace embargo

#endif
