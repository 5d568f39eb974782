// embargo: the model concepts. A model learns from a feature matrix, a target and sample
// weights, and predicts; a classifier also gives the probability of the positive class.
#ifndef EMBARGO_MODELS_MODEL_HPP
#define EMBARGO_MODELS_MODEL_HPP

#include <concepts>

#include <Eigen/Core>

namespace embargo {

/// Read-only views that accept any Eigen matrix, map or block without copying.
using matrix_cref = Eigen::Ref<const Eigen::MatrixXd>;
using vector_cref = Eigen::Ref<const Eigen::VectorXd>;

/// fit(X, y, w) then predict(X) -> one value per row. Weights are frequency weights: a row of
/// weight 2 counts exactly like the same row twice.
template <class M>
concept model = requires(M& m, const M& cm, const Eigen::MatrixXd& X, const Eigen::VectorXd& v) {
  m.fit(X, v, v);
  { cm.predict(X) } -> std::convertible_to<Eigen::VectorXd>;
};

/// A model whose targets are 0/1 and which also predicts P(y = 1 | x).
template <class M>
concept classifier = model<M> && requires(const M& cm, const Eigen::MatrixXd& X) {
  { cm.predict_proba(X) } -> std::convertible_to<Eigen::VectorXd>;
};

}  // namespace embargo

#endif
