// embargo: shape and value checks shared by the model implementations.
#ifndef EMBARGO_MODELS_DETAIL_CHECKS_HPP
#define EMBARGO_MODELS_DETAIL_CHECKS_HPP

#include <string>

#include <embargo/core/error.hpp>
#include <embargo/models/model.hpp>

namespace embargo::detail {

/// Throws unless X, y, w agree in length, are finite, and weights are >= 0 with a positive sum.
inline void check_training_data(const char* who, matrix_cref X, vector_cref y, vector_cref w) {
  const std::string name(who);
  if (X.rows() == 0) throw invalid_argument(name + ": no training rows");
  if (y.size() != X.rows() || w.size() != X.rows())
    throw invalid_argument(name + ": X has " + std::to_string(X.rows()) + " rows but y has " +
                           std::to_string(y.size()) + " and w has " + std::to_string(w.size()));
  if (!X.allFinite()) throw data_error(name + ": X contains NaN or infinity (drop warm-up rows first)");
  if (!y.allFinite()) throw data_error(name + ": y contains NaN or infinity");
  if (!w.allFinite() || (w.array() < 0).any()) throw data_error(name + ": weights must be finite and >= 0");
  if (!(w.sum() > 0)) throw data_error(name + ": weights sum to zero");
}

inline void check_predict_input(const char* who, matrix_cref X, Eigen::Index n_features, bool fitted) {
  if (!fitted) throw invalid_argument(std::string(who) + ": predict before fit");
  if (X.cols() != n_features)
    throw invalid_argument(std::string(who) + ": X has " + std::to_string(X.cols()) + " columns, the model was fitted on " +
                           std::to_string(n_features));
}

}  // namespace embargo::detail

#endif
