// embargo: accuracy-weighted ensemble of classifiers (the regime-aware seed's meta-learner).
#ifndef EMBARGO_MODELS_ACCURACY_WEIGHTED_HPP
#define EMBARGO_MODELS_ACCURACY_WEIGHTED_HPP

#include <array>
#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <embargo/models/out_of_fold.hpp>

namespace embargo {

struct accuracy_weighted_options {
  std::size_t n_folds = 5;
  std::size_t purge = 0;
  /// Weight of base j is max(accuracy_j − floor, 0), normalised to sum to 1. floor = 0 is the
  /// seed's "accuracy-based weighting"; floor = 0.5 counts only skill above a coin flip. When
  /// every weight is 0 the bases are weighted equally.
  double floor = 0.0;
};

/// P(y = 1 | x) = Σ_j weight_j · P_j(y = 1 | x), weights from each base's weighted out-of-fold
/// accuracy (threshold 0.5).
template <classifier... Bases>
class accuracy_weighted_ensemble {
 public:
  static constexpr std::size_t size = sizeof...(Bases);
  static_assert(size >= 1, "accuracy_weighted_ensemble needs at least one base classifier");

  accuracy_weighted_ensemble() = default;
  explicit accuracy_weighted_ensemble(accuracy_weighted_options opt) : opt_(opt) {}
  explicit accuracy_weighted_ensemble(std::tuple<Bases...> bases, accuracy_weighted_options opt = {})
      : bases_(std::move(bases)), opt_(opt) {}

  void fit(matrix_cref X, vector_cref y, vector_cref w) {
    fit(X, y, w, contiguous_row_folds(static_cast<std::size_t>(X.rows()), opt_.n_folds, opt_.purge));
  }

  void fit(matrix_cref X, vector_cref y, vector_cref w, const std::vector<fold>& folds) {
    detail::check_training_data("accuracy_weighted_ensemble", X, y, w);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((accuracy_[I] = oof_accuracy(std::get<I>(bases_), X, y, w, folds)), ...);
    }(std::index_sequence_for<Bases...>{});
    double total = 0;
    for (std::size_t j = 0; j < size; ++j) total += weight_[j] = std::max(accuracy_[j] - opt_.floor, 0.0);
    for (std::size_t j = 0; j < size; ++j) weight_[j] = total > 0 ? weight_[j] / total : 1.0 / size;
    std::apply([&](auto&... b) { (b.fit(X, y, w), ...); }, bases_);
    fitted_ = true;
  }

  Eigen::VectorXd predict_proba(matrix_cref X) const {
    if (!fitted_) throw invalid_argument("accuracy_weighted_ensemble: predict before fit");
    Eigen::VectorXd p = Eigen::VectorXd::Zero(X.rows());
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((p += weight_[I] * std::get<I>(bases_).predict_proba(X)), ...);
    }(std::index_sequence_for<Bases...>{});
    return p;
  }
  Eigen::VectorXd predict(matrix_cref X) const { return (predict_proba(X).array() > 0.5).template cast<double>(); }

  /// A fitted ensemble from its fitted bases and their weights (lifecycle/model_file.hpp).
  static accuracy_weighted_ensemble restore(std::tuple<Bases...> bases, accuracy_weighted_options opt,
                                            const std::array<double, size>& accuracies, const std::array<double, size>& weights) {
    accuracy_weighted_ensemble m(std::move(bases), opt);
    m.accuracy_ = accuracies;
    m.weight_ = weights;
    m.fitted_ = true;
    return m;
  }
  const std::array<double, size>& accuracies() const noexcept { return accuracy_; }
  const std::array<double, size>& weights() const noexcept { return weight_; }
  const std::tuple<Bases...>& bases() const noexcept { return bases_; }
  const accuracy_weighted_options& options() const noexcept { return opt_; }
  bool fitted() const noexcept { return fitted_; }

 private:
  template <class M>
  static double oof_accuracy(const M& base, matrix_cref X, vector_cref y, vector_cref w, const std::vector<fold>& folds) {
    const Eigen::VectorXd p = out_of_fold_predictions(base, X, y, w, folds);
    double hit = 0, total = 0;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      if (std::isnan(p[i])) continue;
      hit += w[i] * (((p[i] > 0.5) ? 1.0 : 0.0) == y[i]);
      total += w[i];
    }
    return total > 0 ? hit / total : 0.0;
  }
  std::tuple<Bases...> bases_;
  accuracy_weighted_options opt_;
  std::array<double, size> accuracy_{}, weight_{};
  bool fitted_ = false;
};

}  // namespace embargo

#endif
