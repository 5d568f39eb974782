// embargo: regression metrics of a model's out-of-sample predictions (spec §2.12) with sample
// weights: MSE, RMSE, MAE, R², and an out-of-sample R² against an explicit benchmark forecast.
//
// Every term is multiplied by its weight and n becomes Σw, so a weight of 2 is the sample pushed
// twice. SST comes from a weighted Welford/Chan state on y (detail::moments<2> with n = Σw), never
// from Σy² − (Σy)²/n: that difference cancels for targets far from 0 (prices, levels) and does not
// merge. Everything else is a sum, so merge(a, b) equals one pass over a ++ b.
//
// Deliberate difference from scikit-learn: a constant y has no R² (SST = 0), and we return NaN
// where scikit-learn returns 1.0 for a perfect fit and 0.0 otherwise (a convention, not a number).
#ifndef EMBARGO_METRICS_REGRESSION_HPP
#define EMBARGO_METRICS_REGRESSION_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo {

class regression_accumulator {
 public:
  /// One sample: target y, prediction y_hat, weight w >= 0.
  void push(double y, double y_hat, double w = 1.0) {
    check(y, y_hat, w);
    add(y, y_hat, w);
  }

  /// One sample with the benchmark's forecast y_bench of the same target (zero, a historical mean,
  /// the previous model): feeds oos_r2() as well as everything push(y, y_hat, w) feeds.
  void push_with_benchmark(double y, double y_hat, double y_bench, double w = 1.0) {
    check(y, y_hat, w);
    check_benchmark(y_bench);
    add(y, y_hat, w);
    add_benchmark(y, y_bench, w);
  }

  /// Batches: spans of equal length, one sample per index. A batch with a bad value throws
  /// before it changes anything.
  void push(std::span<const double> y, std::span<const double> y_hat) {
    require_same_length({y.size(), y_hat.size()}, "(y, y_hat)");
    push_batch(y, y_hat, {}, {});
  }
  void push(std::span<const double> y, std::span<const double> y_hat, std::span<const double> w) {
    require_same_length({y.size(), y_hat.size(), w.size()}, "(y, y_hat, w)");
    push_batch(y, y_hat, {}, w);
  }
  void push_with_benchmark(std::span<const double> y, std::span<const double> y_hat, std::span<const double> y_bench) {
    require_same_length({y.size(), y_hat.size(), y_bench.size()}, "(y, y_hat, y_bench)");
    push_batch(y, y_hat, y_bench, {});
  }
  void push_with_benchmark(std::span<const double> y, std::span<const double> y_hat, std::span<const double> y_bench,
                           std::span<const double> w) {
    require_same_length({y.size(), y_hat.size(), y_bench.size(), w.size()}, "(y, y_hat, y_bench, w)");
    push_batch(y, y_hat, y_bench, w);
  }

  /// Appends `later`; exact (sums add, the y state merges by Chan's formula).
  void merge(const regression_accumulator& later) noexcept {
    y_.merge(later.y_);
    sse_ += later.sse_;
    sae_ += later.sae_;
    benchmark_sse_ += later.benchmark_sse_;
    samples_ += later.samples_;
    benchmarked_ += later.benchmarked_;
  }

  /// Σw (the n of every mean below).
  double weight() const noexcept { return y_.n; }
  double mse() const noexcept { return y_.n > 0 ? sse_ / y_.n : nan(); }
  double rmse() const noexcept { return std::sqrt(mse()); }
  double mae() const noexcept { return y_.n > 0 ? sae_ / y_.n : nan(); }

  /// 1 − SSE/SST, SST about the weighted mean of y. Can be negative. NaN when y does not vary
  /// beyond the rounding of its own scale (the same test the return metrics use for "no spread").
  double r2() const noexcept {
    if (!(y_.n > 0) || y_.negligible_spread()) return nan();
    return 1.0 - sse_ / y_.m2;
  }

  /// Out-of-sample R² against the benchmark (Campbell & Thompson 2008): 1 − SSE_model/SSE_bench.
  /// Positive means the model beat the benchmark. NaN unless every sample came with a benchmark
  /// forecast (a score over a silent subset would mislead), or when the benchmark is perfect.
  double oos_r2() const noexcept {
    if (benchmarked_ == 0 || benchmarked_ != samples_ || !(benchmark_sse_ > 0)) return nan();
    return 1.0 - sse_ / benchmark_sse_;
  }

  std::array<metric_value, 6> results() const {
    return {{{"weight", weight()}, {"mse", mse()}, {"rmse", rmse()}, {"mae", mae()}, {"r2", r2()}, {"oos_r2", oos_r2()}}};
  }

 private:
  static double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

  static void check(double y, double y_hat, double w) {
    embargo::detail::require(std::isfinite(y) && std::isfinite(y_hat),
                             "regression: non-finite value (y " + std::to_string(y) + ", prediction " + std::to_string(y_hat) + ")");
    embargo::detail::require(std::isfinite(w) && w >= 0.0, "regression: weight " + std::to_string(w) + " is not a finite number >= 0");
  }

  static void check_benchmark(double y_bench) {
    embargo::detail::require(std::isfinite(y_bench), "regression: benchmark forecast " + std::to_string(y_bench) + " is not finite");
  }

  /// Spans of one batch must line up sample for sample: "(y, y_hat, w) have lengths 4, 4, 3".
  static void require_same_length(std::initializer_list<std::size_t> lengths, const char* names) {
    const std::size_t first = *lengths.begin();
    bool same = true;
    std::string listed;
    for (std::size_t n : lengths) {
      same = same && n == first;
      listed += (listed.empty() ? "" : ", ") + std::to_string(n);
    }
    embargo::detail::require(same, std::string("regression: ") + names + " have lengths " + listed);
  }

  void add(double y, double y_hat, double w) noexcept {
    const double e = y - y_hat;
    sse_ += w * e * e;
    sae_ += w * std::abs(e);
    // West (1979): a weighted Welford step is Chan's merge with a one-point state of weight w,
    // so pushes and merges share one formula. (A zero weight leaves the state as it was.)
    y_.merge(detail::moments<2>{.n = w, .mean = y});
    ++samples_;
  }

  void add_benchmark(double y, double y_bench, double w) noexcept {
    const double e = y - y_bench;
    benchmark_sse_ += w * e * e;
    ++benchmarked_;
  }

  /// Checks the whole batch, then adds it. Empty y_bench: no benchmark; empty w: weight 1.
  void push_batch(std::span<const double> y, std::span<const double> y_hat, std::span<const double> y_bench,
                  std::span<const double> w) {
    const auto weight = [&](std::size_t i) { return w.empty() ? 1.0 : w[i]; };
    for (std::size_t i = 0; i < y.size(); ++i) {
      check(y[i], y_hat[i], weight(i));
      if (!y_bench.empty()) check_benchmark(y_bench[i]);
    }
    for (std::size_t i = 0; i < y.size(); ++i) {
      add(y[i], y_hat[i], weight(i));
      if (!y_bench.empty()) add_benchmark(y[i], y_bench[i], weight(i));
    }
  }

  detail::moments<2> y_;  ///< n = Σw, mean = weighted mean of y, m2 = SST = Σw(y − ȳ)²
  double sse_ = 0, sae_ = 0, benchmark_sse_ = 0;
  std::size_t samples_ = 0, benchmarked_ = 0;  ///< oos_r2 needs a benchmark for every sample
};

}  // namespace embargo

#endif
