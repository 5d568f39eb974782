// embargo: stacking ensemble: base models whose out-of-fold outputs train a meta-learner
// (the dual-model seed's XGB + LGBM + Ridge-meta shape, with any embargo models).
#ifndef EMBARGO_MODELS_STACKING_HPP
#define EMBARGO_MODELS_STACKING_HPP

#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <embargo/models/out_of_fold.hpp>
#include <embargo/models/ridge.hpp>

namespace embargo {

struct stacking_options {
  std::size_t n_folds = 5;  ///< folds of the default contiguous split (when fit gets no folds)
  std::size_t purge = 0;    ///< rows dropped on each side of a test block by the default split
};

/// fit: (1) each base's out-of-fold outputs over `folds` form the meta-features; (2) the
/// meta-learner fits on the rows that were tested; (3) each base refits on all rows.
/// predict: the meta-learner on the bases' outputs. Pass purged folds (splitters/) whenever
/// labels overlap in time; the default contiguous folds are only as safe as `purge`.
template <model Meta, model... Bases>
class stacking_ensemble {
 public:
  static_assert(sizeof...(Bases) >= 1, "stacking_ensemble needs at least one base model");

  stacking_ensemble() = default;
  explicit stacking_ensemble(Meta meta, std::tuple<Bases...> bases = std::tuple<Bases...>(), stacking_options opt = {})
      : meta_(std::move(meta)), bases_(std::move(bases)), opt_(opt) {}

  void fit(matrix_cref X, vector_cref y, vector_cref w) {
    fit(X, y, w, contiguous_row_folds(static_cast<std::size_t>(X.rows()), opt_.n_folds, opt_.purge));
  }

  void fit(matrix_cref X, vector_cref y, vector_cref w, const std::vector<fold>& folds) {
    detail::check_training_data("stacking_ensemble", X, y, w);
    constexpr auto k = static_cast<Eigen::Index>(sizeof...(Bases));
    Eigen::MatrixXd oof(X.rows(), k);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((oof.col(I) = out_of_fold_predictions(std::get<I>(bases_), X, y, w, folds)), ...);
    }(std::index_sequence_for<Bases...>{});
    index_set tested;
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      if (oof.row(i).allFinite()) tested.push_back(static_cast<std::size_t>(i));
    if (tested.empty()) throw invalid_argument("stacking_ensemble: the folds test no row");
    meta_.fit(detail::take_rows(oof, tested), detail::take(y, tested), detail::take(w, tested));
    std::apply([&](auto&... b) { (b.fit(X, y, w), ...); }, bases_);
    fitted_ = true;
  }

  Eigen::VectorXd predict(matrix_cref X) const { return meta_.predict(base_outputs(X)); }

  Eigen::VectorXd predict_proba(matrix_cref X) const
    requires classifier<Meta>
  {
    return meta_.predict_proba(base_outputs(X));
  }

  /// The meta-features of X: one column per base model.
  Eigen::MatrixXd base_outputs(matrix_cref X) const {
    if (!fitted_) throw invalid_argument("stacking_ensemble: predict before fit");
    Eigen::MatrixXd z(X.rows(), static_cast<Eigen::Index>(sizeof...(Bases)));
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((z.col(I) = model_output(std::get<I>(bases_), X)), ...);
    }(std::index_sequence_for<Bases...>{});
    return z;
  }
  /// A fitted ensemble from its fitted parts (lifecycle/model_file.hpp).
  static stacking_ensemble restore(Meta meta, std::tuple<Bases...> bases, stacking_options opt) {
    stacking_ensemble m(std::move(meta), std::move(bases), opt);
    m.fitted_ = true;
    return m;
  }
  const Meta& meta() const noexcept { return meta_; }
  const std::tuple<Bases...>& bases() const noexcept { return bases_; }
  const stacking_options& options() const noexcept { return opt_; }
  bool fitted() const noexcept { return fitted_; }

 private:
  Meta meta_{};
  std::tuple<Bases...> bases_{};
  stacking_options opt_;
  bool fitted_ = false;
};

}  // namespace embargo

#endif
