// embargo: shape and value checks shared by the model implementations.
#ifndef EMBARGO_MODELS_DETAIL_CHECKS_HPP
#define EMBARGO_MODELS_DETAIL_CHECKS_HPP

#include <cmath>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/models/model.hpp>

namespace embargo::detail {

/// True when every entry is finite: x − x is 0 for a finite x and NaN for ±inf or NaN, so the
/// sum is 0 or NaN. A vectorised reduction, unlike allFinite()'s element-by-element test (that
/// and the string below were ~15% of a 1000-row logistic fit). Templates over any dense Eigen
/// type so that including a model costs nothing until a model is used (docs/benchmarks.md).
template <class D>
bool all_finite(const Eigen::DenseBase<D>& x) {
  return std::isfinite((x.derived().array() - x.derived().array()).sum());
}

/// Throws unless X, y, w agree in length, are finite, and weights are >= 0 with a positive sum.
template <class XD, class YD, class WD>
void check_training_data(const char* who, const Eigen::DenseBase<XD>& X, const Eigen::DenseBase<YD>& y,
                         const Eigen::DenseBase<WD>& w) {
  const auto name = [who] { return std::string(who); };  // built only for a message
  if (X.rows() == 0) throw invalid_argument(name() + ": no training rows");
  if (y.size() != X.rows() || w.size() != X.rows())
    throw invalid_argument(name() + ": X has " + std::to_string(X.rows()) + " rows but y has " +
                           std::to_string(y.size()) + " and w has " + std::to_string(w.size()));
  if (!all_finite(X)) throw data_error(name() + ": X contains NaN or infinity (drop warm-up rows first)");
  if (!all_finite(y)) throw data_error(name() + ": y contains NaN or infinity");
  if (!all_finite(w) || w.minCoeff() < 0) throw data_error(name() + ": weights must be finite and >= 0");
  if (!(w.sum() > 0)) throw data_error(name() + ": weights sum to zero");
}

template <class XD>
void check_predict_input(const char* who, const Eigen::DenseBase<XD>& X, Eigen::Index n_features, bool fitted) {
  if (!fitted) throw invalid_argument(std::string(who) + ": predict before fit");
  if (X.cols() != n_features)
    throw invalid_argument(std::string(who) + ": X has " + std::to_string(X.cols()) + " columns, the model was fitted on " +
                           std::to_string(n_features));
}

}  // namespace embargo::detail

#endif
