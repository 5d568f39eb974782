// embargo: feature scalers fitted on training rows only (z-score and robust).
// fit() reads only the rows it is given, so statistics of test rows cannot leak into the
// transform applied to them; transform() then applies the frozen centre and scale anywhere.
#ifndef EMBARGO_FEATURES_SCALERS_HPP
#define EMBARGO_FEATURES_SCALERS_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

/// Columns of a feature matrix: columns[j][i] is feature j at row i.
using feature_columns = std::vector<std::vector<double>>;

namespace detail {
inline std::vector<double> finite_rows(const char* fn, std::span<const double> col, std::span<const std::size_t> rows,
                                       std::size_t j) {
  std::vector<double> v;
  v.reserve(rows.size());
  for (auto i : rows) {
    if (i >= col.size())
      throw invalid_argument(std::string(fn) + ": train row " + std::to_string(i) + " is out of range (" +
                             std::to_string(col.size()) + " rows)");
    if (std::isfinite(col[i])) v.push_back(col[i]);
  }
  if (v.empty())
    throw data_error(std::string(fn) + ": column " + std::to_string(j) + " has no finite value in the train rows");
  return v;
}
inline double quantile_linear(std::vector<double> v, double q) {  // numpy's default "linear"
  std::sort(v.begin(), v.end());
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}
inline feature_columns apply_scaling(const char* fn, const feature_columns& x, const std::vector<double>& centre,
                                     const std::vector<double>& scale) {
  if (x.size() != centre.size())
    throw invalid_argument(std::string(fn) + ": fitted on " + std::to_string(centre.size()) + " columns, got " +
                           std::to_string(x.size()));
  feature_columns out(x.size());
  for (std::size_t j = 0; j < x.size(); ++j) {
    out[j].resize(x[j].size());
    for (std::size_t i = 0; i < x[j].size(); ++i) out[j][i] = (x[j][i] - centre[j]) / scale[j];  // NaN stays NaN
  }
  return out;
}
}  // namespace detail

/// z-score: (x - mean) / sd with mean and population sd (ddof 0, as scikit-learn's
/// StandardScaler) of the finite values of each column in the train rows. A constant column
/// gets scale 1 (scikit-learn's choice), so it maps to 0 instead of dividing by zero.
class standard_scaler {
 public:
  /// Throws invalid_argument for a train row out of range, data_error for a column with no
  /// finite train value.
  standard_scaler& fit(const feature_columns& x, std::span<const std::size_t> train_rows) {
    mean_.assign(x.size(), 0.0);
    scale_.assign(x.size(), 1.0);
    for (std::size_t j = 0; j < x.size(); ++j) {
      const auto v = detail::finite_rows("standard_scaler::fit", x[j], train_rows, j);
      double s = 0.0;
      for (double a : v) s += a;
      const double mu = s / static_cast<double>(v.size());
      double ss = 0.0;
      for (double a : v) ss += (a - mu) * (a - mu);
      const double sd = std::sqrt(ss / static_cast<double>(v.size()));
      mean_[j] = mu;
      scale_[j] = sd > 0.0 ? sd : 1.0;
    }
    return *this;
  }
  feature_columns transform(const feature_columns& x) const {
    return detail::apply_scaling("standard_scaler::transform", x, mean_, scale_);
  }
  const std::vector<double>& mean() const noexcept { return mean_; }
  const std::vector<double>& scale() const noexcept { return scale_; }

 private:
  std::vector<double> mean_, scale_;
};

/// Robust: (x - median) / (q75 - q25), quantiles by linear interpolation (scikit-learn's
/// RobustScaler defaults) over the finite train values; a zero IQR gets scale 1.
class robust_scaler {
 public:
  robust_scaler& fit(const feature_columns& x, std::span<const std::size_t> train_rows) {
    median_.assign(x.size(), 0.0);
    scale_.assign(x.size(), 1.0);
    for (std::size_t j = 0; j < x.size(); ++j) {
      const auto v = detail::finite_rows("robust_scaler::fit", x[j], train_rows, j);
      median_[j] = detail::quantile_linear(v, 0.5);
      const double iqr = detail::quantile_linear(v, 0.75) - detail::quantile_linear(v, 0.25);
      scale_[j] = iqr > 0.0 ? iqr : 1.0;
    }
    return *this;
  }
  feature_columns transform(const feature_columns& x) const {
    return detail::apply_scaling("robust_scaler::transform", x, median_, scale_);
  }
  const std::vector<double>& median() const noexcept { return median_; }
  const std::vector<double>& scale() const noexcept { return scale_; }

 private:
  std::vector<double> median_, scale_;
};

}  // namespace embargo

#endif
