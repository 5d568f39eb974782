// embargo: weighted ridge regression with an unpenalised intercept (Eigen, closed form).
#ifndef EMBARGO_MODELS_RIDGE_HPP
#define EMBARGO_MODELS_RIDGE_HPP

#include <utility>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <embargo/models/detail_checks.hpp>
#include <embargo/models/model.hpp>

namespace embargo {

struct ridge_options {
  double lambda = 1.0;  ///< L2 penalty on the slopes (not the intercept); >= 0
};

/// Minimises Σᵢ wᵢ (yᵢ − b − xᵢ·β)² + λ‖β‖². Centering X and y at their weighted means removes
/// the intercept from the system, which is then (Xcᵀ W Xc + λI) β = Xcᵀ W yc, solved by LDLT;
/// b = ȳ_w − x̄_w·β. The penalty is not divided by Σw, so weights are frequency weights: a row of
/// weight 2 gives exactly the fit of that row duplicated.
class ridge_regression {
 public:
  ridge_regression() = default;
  explicit ridge_regression(ridge_options opt) : opt_(opt) {
    detail::require(opt.lambda >= 0, "ridge_regression: lambda must be >= 0");
  }

  /// Any dense Eigen matrices (MatrixXd, a Map, a block, a Ref). A template so that a
  /// translation unit which includes this header without fitting pays nothing for the Eigen
  /// code below: 4.5 s to 1.8 s for this header alone (docs/benchmarks.md#compile-time).
  template <class XD, class YD, class WD>
  void fit(const Eigen::MatrixBase<XD>& X_in, const Eigen::MatrixBase<YD>& y_in, const Eigen::MatrixBase<WD>& w_in) {
    // Evaluated once (a no-op view for plain matrices), as the Ref parameters did before.
    const Eigen::Ref<const typename XD::PlainObject> X(X_in);
    const Eigen::Ref<const typename YD::PlainObject> y(y_in);
    const Eigen::Ref<const typename WD::PlainObject> w(w_in);
    detail::check_training_data("ridge_regression", X, y, w);
    const double sw = w.sum();
    const Eigen::RowVectorXd x_mean = (w.transpose() * X) / sw;
    const double y_mean = w.dot(y) / sw;
    const Eigen::MatrixXd Xc = X.rowwise() - x_mean;
    const Eigen::VectorXd yc = y.array() - y_mean;
    Eigen::MatrixXd A = Xc.transpose() * w.asDiagonal() * Xc;
    A.diagonal().array() += opt_.lambda;
    const Eigen::VectorXd rhs = Xc.transpose() * (w.asDiagonal() * yc);
    // A tiny ridge keeps LDLT defined for a constant column when lambda is 0.
    if (opt_.lambda == 0) A.diagonal().array() += 1e-12 * (1.0 + A.diagonal().cwiseAbs().maxCoeff());
    coef_ = A.ldlt().solve(rhs);
    intercept_ = y_mean - x_mean.dot(coef_);
    fitted_ = true;
  }

  template <class XD>
  Eigen::VectorXd predict(const Eigen::MatrixBase<XD>& X_in) const {
    const Eigen::Ref<const typename XD::PlainObject> X(X_in);
    detail::check_predict_input("ridge_regression", X, coef_.size(), fitted_);
    return (X * coef_).array() + intercept_;
  }

  /// A fitted model from saved parameters (lifecycle/model_file.hpp).
  static ridge_regression restore(ridge_options opt, Eigen::VectorXd coef, double intercept) {
    ridge_regression m(opt);
    m.coef_ = std::move(coef);
    m.intercept_ = intercept;
    m.fitted_ = true;
    return m;
  }

  const Eigen::VectorXd& coefficients() const noexcept { return coef_; }
  double intercept() const noexcept { return intercept_; }
  bool fitted() const noexcept { return fitted_; }
  const ridge_options& options() const noexcept { return opt_; }

 private:
  ridge_options opt_;
  Eigen::VectorXd coef_;
  double intercept_ = 0;
  bool fitted_ = false;
};
static_assert(model<ridge_regression>);

}  // namespace embargo

#endif
