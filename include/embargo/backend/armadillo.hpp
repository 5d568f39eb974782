// embargo: Armadillo vectors and matrix columns as the std::span<const double> that every
// component reads (a metric set, a labeler, a weight scheme). Armadillo stores columns
// contiguously, so this is a view, never a copy.
// embargo-requires: armadillo
#ifndef EMBARGO_BACKEND_ARMADILLO_HPP
#define EMBARGO_BACKEND_ARMADILLO_HPP

#include <span>

#include <armadillo>

#include <embargo/core/error.hpp>

namespace embargo {

inline std::span<const double> as_span(const arma::Col<double>& v) noexcept { return {v.memptr(), v.n_elem}; }
inline std::span<const double> as_span(const arma::Row<double>& v) noexcept { return {v.memptr(), v.n_elem}; }

/// Column j of a matrix (rows = time, columns = assets or models).
inline std::span<const double> column_span(const arma::Mat<double>& m, arma::uword j) {
  detail::require(j < m.n_cols, "column_span: column " + std::to_string(j) + " of a matrix with " +
                                    std::to_string(m.n_cols) + " columns");
  return {m.colptr(j), m.n_rows};
}

}  // namespace embargo

#endif
