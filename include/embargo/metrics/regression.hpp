// embargo: regression metrics of a model's out-of-sample predictions (spec §2.12) with sample
// weights: MSE, RMSE, MAE, R². Every term is multiplied by the weight and n becomes Σw. R² uses
// SST about the weighted mean of y from a weighted Welford state (West 1979), never
// Σy² − (Σy)²/n, so it merges exactly and does not cancel. A constant y has no R² (NaN), where
// scikit-learn returns 1.0 for a perfect fit and 0.0 otherwise: a convention, not a number.
#ifndef EMBARGO_METRICS_REGRESSION_HPP
#define EMBARGO_METRICS_REGRESSION_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/metrics/metric_set.hpp>

namespace embargo::metrics {

class regression_accumulator {
 public:
  void push(double y, double y_hat, double w = 1.0) {
    embargo::detail::require(std::isfinite(y) && std::isfinite(y_hat),
                             "regression: non-finite value (y " + std::to_string(y) + ", prediction " + std::to_string(y_hat) + ")");
    embargo::detail::require(w >= 0.0 && std::isfinite(w), "regression: weight " + std::to_string(w) + " is not a finite number >= 0");
    if (w == 0) return;
    const double e = y - y_hat;
    sse_ += w * e * e;
    sae_ += w * std::abs(e);
    const double total = weight_ + w, d = y - mean_y_;
    mean_y_ += d * w / total;
    sst_ += w * d * (y - mean_y_);
    weight_ = total;
    max_abs_y_ = std::max(max_abs_y_, std::abs(y));
  }

  void push(std::span<const double> y, std::span<const double> y_hat, std::span<const double> w = {}) {
    embargo::detail::require(y.size() == y_hat.size() && (w.empty() || w.size() == y.size()),
                             "regression: " + std::to_string(y.size()) + " targets, " + std::to_string(y_hat.size()) +
                                 " predictions and " + std::to_string(w.size()) + " weights");
    for (std::size_t i = 0; i < y.size(); ++i) push(y[i], y_hat[i], w.empty() ? 1.0 : w[i]);
  }

  void merge(const regression_accumulator& b) noexcept {
    if (b.weight_ == 0) return;
    if (weight_ == 0) {
      *this = b;
      return;
    }
    const double total = weight_ + b.weight_, d = b.mean_y_ - mean_y_;
    sst_ += b.sst_ + d * d * weight_ * b.weight_ / total;
    mean_y_ += d * b.weight_ / total;
    sse_ += b.sse_;
    sae_ += b.sae_;
    weight_ = total;
    max_abs_y_ = std::max(max_abs_y_, b.max_abs_y_);
  }

  double weight() const noexcept { return weight_; }
  double mse() const noexcept { return weight_ > 0 ? sse_ / weight_ : nan(); }
  double rmse() const noexcept { return std::sqrt(mse()); }
  double mae() const noexcept { return weight_ > 0 ? sae_ / weight_ : nan(); }
  /// 1 − SSE/SST; NaN when y does not vary (beyond rounding of its scale).
  double r2() const noexcept {
    if (!(weight_ > 0) || !(sst_ > 1e-26 * max_abs_y_ * max_abs_y_ * weight_)) return nan();
    return 1.0 - sse_ / sst_;
  }

  std::array<metric_value, 5> results() const {
    return {{{"weight", weight_}, {"mse", mse()}, {"rmse", rmse()}, {"mae", mae()}, {"r2", r2()}}};
  }

 private:
  static double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
  double weight_ = 0, sse_ = 0, sae_ = 0, mean_y_ = 0, sst_ = 0, max_abs_y_ = 0;
};

}  // namespace embargo::metrics

#endif
