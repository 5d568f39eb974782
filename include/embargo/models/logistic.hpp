// embargo: weighted L2-regularised logistic regression fitted by Newton's method (IRLS).
#ifndef EMBARGO_MODELS_LOGISTIC_HPP
#define EMBARGO_MODELS_LOGISTIC_HPP

#include <algorithm>
#include <cmath>

#include <utility>

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

  /// Any dense Eigen matrices. A template for the same reason as ridge_regression::fit: an
  /// includer that never fits pays no Eigen instantiation.
  template <class XD, class YD, class WD>
  void fit(const Eigen::MatrixBase<XD>& X_in, const Eigen::MatrixBase<YD>& y_in, const Eigen::MatrixBase<WD>& w_in) {
    const Eigen::Ref<const typename XD::PlainObject> X(X_in);
    const Eigen::Ref<const typename YD::PlainObject> y(y_in);
    const Eigen::Ref<const typename WD::PlainObject> w(w_in);
    detail::check_training_data("logistic_regression", X, y, w);
    // y(1 − y) is 0 exactly for y in {0, 1} and not 0 otherwise (y is finite): one vectorised
    // sum; the loop only finds the row to name.
    if ((y.array() * (1.0 - y.array())).abs().sum() != 0)
      for (Eigen::Index i = 0; i < y.size(); ++i)
        if (y[i] != 0.0 && y[i] != 1.0)
          throw data_error("logistic_regression: y[" + std::to_string(i) + "] = " + std::to_string(y[i]) +
                           " is not 0 or 1 (map labels such as -1/+1 to 0/1 first)");
    const Eigen::Index n = X.rows(), p = X.cols();
    // Every buffer is sized once here: an iteration allocates nothing. The intercept is kept
    // apart from X (no copy of X with a column of ones).
    Eigen::ArrayXd eta(n), E(n), eta_t(n), E_t(n), d(n), s(n), r(n), h(n);
    const Eigen::ArrayXd w_not_y = w.array() * (1.0 - y.array());
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p + 1), grad(p + 1), step(p + 1), beta_t(p + 1);
    Eigen::MatrixXd H(p + 1, p + 1);
    Eigen::LDLT<Eigen::MatrixXd> ldlt(p + 1);
    // Start at the optimum over the intercept alone (slopes 0): the log odds of the weighted
    // mean of y. Saves the first Newton step; with one class only, the optimum is at infinity
    // and the start stays 0.
    const double ybar = w.dot(y) / w.sum();
    if (ybar > 0 && ybar < 1) beta[p] = std::log(ybar / (1 - ybar));
    // The objective at the linear predictor eta_, with E_ = exp(−eta_) also kept: the accepted
    // point's E gives the next gradient and Hessian, so each evaluation costs one exp and one
    // log per row, both vectorised by Eigen. (Scalar exp and log1p in the objective plus a
    // second exp in the sigmoid: the research bench's 500 fits of ~1000 rows took 68 ms, now 29.)
    //   log(1 + e^η) − yη = log(1 + E) + (1 − y)η,  E = e^{−η}.
    // −η is capped at 700 so that E stays finite; log(1 + E) >= −η holds exactly, and the max
    // restores it where the cap bites (η < −700, where log(1 + E) = −η to double precision).
    auto objective = [&](const Eigen::ArrayXd& eta_, Eigen::ArrayXd& E_, const Eigen::VectorXd& b) {
      E_ = (-eta_).min(700.0).exp();
      const double f = (w.array() * (1.0 + E_).log().max(-eta_)).sum() + (w_not_y * eta_).sum();
      return f + 0.5 * opt_.lambda * b.head(p).squaredNorm();
    };
    // At the start η is one constant: the objective needs one exp and one log, not n.
    eta.setConstant(beta[p]);
    E.setConstant(std::exp(std::min(-beta[p], 700.0)));
    double f = w.sum() * std::max(std::log1p(E[0]), -beta[p]) + w_not_y.sum() * beta[p];
    converged_ = false;
    for (iterations_ = 0; iterations_ < opt_.max_iterations; ++iterations_) {
      // σ(η) = 1/(1 + E); 1 − σ = σE without cancellation; r = w(σ − y), h = wσ(1 − σ).
      s = (1.0 + E).inverse();
      r = w.array() * (s - y.array());
      h = w.array() * s * (s * E);
      grad.head(p).noalias() = X.transpose() * r.matrix();
      grad[p] = r.sum();
      // X̃'(h .* X̃) (X̃ = [X 1]) as p(p+1)/2 sums of three-way products, the lower triangle LDLT
      // reads: for four columns this beats a general matrix product, which packs its operands
      // first, and h .* X is never stored. (Blocks of rows kept in L1 measured no faster.)
      for (Eigen::Index j = 0; j < p; ++j) {
        for (Eigen::Index k = j; k < p; ++k) H(k, j) = (X.col(k).array() * X.col(j).array() * h).sum();
        H(p, j) = (X.col(j).array() * h).sum();
      }
      H(p, p) = h.sum();
      grad.head(p) += opt_.lambda * beta.head(p);
      H.diagonal().head(p).array() += opt_.lambda;
      H.diagonal().array() += 1e-12 * (1.0 + H.diagonal().maxCoeff());
      ldlt.compute(H);
      step = ldlt.solve(grad);
      const double decrement = grad.dot(step);
      if (decrement / 2 < opt_.tolerance) {
        // The step is computed: take it. Near the optimum Newton converges quadratically, so this
        // last step gains digits for free (stopping before it left ~1e-6 differences from
        // scikit-learn's newton-cholesky at the same tolerance).
        beta -= step;
        converged_ = true;
        break;
      }
      // The linear predictor moves along d = X step: each trial point is eta − t d, no product.
      d = (X * step.head(p)).array() + step[p];
      double t = 1.0;
      beta_t = beta - step;
      eta_t = eta - d;
      double f_new = objective(eta_t, E_t, beta_t);
      while (f_new > f - 0.25 * t * decrement && t > 1e-10) {  // Armijo backtracking
        t *= 0.5;
        beta_t = beta - t * step;
        eta_t = eta - t * d;
        f_new = objective(eta_t, E_t, beta_t);
      }
      beta = beta_t;
      eta.swap(eta_t);
      E.swap(E_t);
      f = f_new;
    }
    coef_ = beta.head(p);
    intercept_ = beta[p];
    fitted_ = true;
  }

  /// P(y = 1 | x) per row.
  template <class XD>
  Eigen::VectorXd predict_proba(const Eigen::MatrixBase<XD>& X_in) const {
    const Eigen::Ref<const typename XD::PlainObject> X(X_in);
    detail::check_predict_input("logistic_regression", X, coef_.size(), fitted_);
    // Eigen's logistic, 1/(1 + e^{−η}), vectorised; exact limits 0 and 1 far out.
    return ((X * coef_).array() + intercept_).logistic().matrix();
  }
  /// The class with the larger probability (1 when P > 0.5).
  template <class XD>
  Eigen::VectorXd predict(const Eigen::MatrixBase<XD>& X) const {
    return (predict_proba(X).array() > 0.5).template cast<double>();
  }

  /// A fitted model from saved parameters (lifecycle/model_file.hpp): predicts exactly as the
  /// model whose coefficients and intercept these are.
  static logistic_regression restore(logistic_options opt, Eigen::VectorXd coef, double intercept) {
    logistic_regression m(opt);
    m.coef_ = std::move(coef);
    m.intercept_ = intercept;
    m.fitted_ = m.converged_ = true;
    return m;
  }

  const Eigen::VectorXd& coefficients() const noexcept { return coef_; }
  double intercept() const noexcept { return intercept_; }
  bool converged() const noexcept { return converged_; }
  int iterations() const noexcept { return iterations_; }
  bool fitted() const noexcept { return fitted_; }
  const logistic_options& options() const noexcept { return opt_; }

 private:
  logistic_options opt_;
  Eigen::VectorXd coef_;
  double intercept_ = 0;
  bool fitted_ = false, converged_ = false;
  int iterations_ = 0;
};
static_assert(classifier<logistic_regression>);

}  // namespace embargo

#endif
