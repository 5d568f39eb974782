// embargo: out-of-fold predictions, the training set of every stacked or weighted ensemble.
// A base model never predicts a row it was trained on, so the meta-learner learns how the bases
// behave out of sample (Wolpert 1992); with purged folds no label overlap leaks either.
#ifndef EMBARGO_MODELS_OUT_OF_FOLD_HPP
#define EMBARGO_MODELS_OUT_OF_FOLD_HPP

#include <algorithm>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/models/detail_checks.hpp>
#include <embargo/models/model.hpp>

namespace embargo {

/// Contiguous k-fold over rows with `purge` rows dropped from training on each side of the test
/// block: the default folds of the ensembles when the caller has no purged splitter at hand.
inline std::vector<fold> contiguous_row_folds(std::size_t n_rows, std::size_t k, std::size_t purge = 0) {
  if (k < 2) throw invalid_argument("contiguous_row_folds: need at least 2 folds, got " + std::to_string(k));
  if (k > n_rows)
    throw invalid_argument("contiguous_row_folds: " + std::to_string(k) + " folds for " + std::to_string(n_rows) + " rows");
  std::vector<fold> out(k);
  for (std::size_t f = 0; f < k; ++f) {
    const std::size_t lo = n_rows * f / k, hi = n_rows * (f + 1) / k;  // [lo, hi)
    for (std::size_t i = 0; i < n_rows; ++i) {
      if (i >= lo && i < hi) out[f].test.push_back(i);
      else if (i + purge < lo || i >= hi + purge) out[f].train.push_back(i);
    }
  }
  return out;
}

namespace detail {
// Each run of consecutive rows is one block copy, column by column (an element-by-element gather
// was ~10% of the research bench's model stage); a fold's index_set holds its rows as such runs.
template <class Copy>
void for_each_run(const index_set& rows, Copy copy) {
  Eigen::Index to = 0;
  for (const auto& r : rows.runs()) {
    const auto len = static_cast<Eigen::Index>(r.size());
    copy(to, static_cast<Eigen::Index>(r.begin), len);
    to += len;
  }
}
// Any ascending rows (a caller's own selection): the runs found on the way.
template <class Copy>
void for_each_run(std::span<const std::size_t> rows, Copy copy) {
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i + 1;
    while (j < rows.size() && rows[j] == rows[j - 1] + 1) ++j;
    copy(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(rows[i]), static_cast<Eigen::Index>(j - i));
    i = j;
  }
}
template <class Rows>
Eigen::MatrixXd take_rows_of(matrix_cref X, const Rows& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), X.cols());
  for_each_run(rows, [&](Eigen::Index to, Eigen::Index from, Eigen::Index len) { out.middleRows(to, len) = X.middleRows(from, len); });
  return out;
}
template <class Rows>
Eigen::VectorXd take_of(vector_cref v, const Rows& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for_each_run(rows, [&](Eigen::Index to, Eigen::Index from, Eigen::Index len) { out.segment(to, len) = v.segment(from, len); });
  return out;
}
/// The rows of X (elements of v) at a fold's indices, or at any ascending list of rows.
inline Eigen::MatrixXd take_rows(matrix_cref X, const index_set& rows) { return take_rows_of(X, rows); }
inline Eigen::MatrixXd take_rows(matrix_cref X, std::span<const std::size_t> rows) { return take_rows_of(X, rows); }
inline Eigen::VectorXd take(vector_cref v, const index_set& rows) { return take_of(v, rows); }
inline Eigen::VectorXd take(vector_cref v, std::span<const std::size_t> rows) { return take_of(v, rows); }
inline void check_folds(const std::vector<fold>& folds, Eigen::Index n_rows) {
  if (folds.empty()) throw invalid_argument("out-of-fold: no folds");
  for (std::size_t f = 0; f < folds.size(); ++f)
    for (const auto* part : {&folds[f].train, &folds[f].test}) {
      // Ascending: the last index is the largest, and the first one past the end is the larger
      // of n_rows and the start of the run holding it.
      if (part->empty() || part->back() < static_cast<std::size_t>(n_rows)) continue;
      std::size_t first_bad = part->back();
      for (const auto& r : part->runs())
        if (r.end > static_cast<std::size_t>(n_rows)) {
          first_bad = std::max(r.begin, static_cast<std::size_t>(n_rows));
          break;
        }
      throw invalid_argument("out-of-fold: fold " + std::to_string(f) + " names row " + std::to_string(first_bad) +
                             " of " + std::to_string(n_rows));
    }
}
}  // namespace detail

/// The model's output used as a meta-feature: P(y = 1) for classifiers, the prediction otherwise.
template <model M>
Eigen::VectorXd model_output(const M& m, matrix_cref X) {
  if constexpr (classifier<M>) return m.predict_proba(X);
  else return m.predict(X);
}

/// Out-of-fold outputs of a copy of `prototype` per fold: row i holds the prediction of the
/// model trained on the fold where i was tested (the last such fold), NaN where i never was.
template <model M>
Eigen::VectorXd out_of_fold_predictions(const M& prototype, matrix_cref X, vector_cref y, vector_cref w,
                                        const std::vector<fold>& folds) {
  detail::check_folds(folds, X.rows());
  Eigen::VectorXd out = Eigen::VectorXd::Constant(X.rows(), std::numeric_limits<double>::quiet_NaN());
  for (const auto& f : folds) {
    if (f.train.empty() || f.test.empty()) continue;
    M m = prototype;
    m.fit(detail::take_rows(X, f.train), detail::take(y, f.train), detail::take(w, f.train));
    const Eigen::VectorXd p = model_output(m, detail::take_rows(X, f.test));
    Eigen::Index j = 0;
    for (std::size_t i : f.test) out[static_cast<Eigen::Index>(i)] = p[j++];
  }
  return out;
}

}  // namespace embargo

#endif
