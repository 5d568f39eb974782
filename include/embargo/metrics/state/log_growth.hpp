// embargo: n and Σ log(1 + r), the state of cumulative and annualised (geometric) return. The
// log sum is mergeable by addition and cannot overflow over long histories the way a running
// product can (spec §2.2). A return of exactly −100 % makes the sum −inf (wealth 0, CAGR −1);
// one below −100 % has no wealth meaning and makes the results NaN.
#ifndef EMBARGO_METRICS_STATE_LOG_GROWTH_HPP
#define EMBARGO_METRICS_STATE_LOG_GROWTH_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct log_growth {
  double n = 0;
  double log_sum = 0;
  double invalid = 0;  ///< returns below −1 seen (a count, so that a window can forget them)

  friend bool operator==(const log_growth&, const log_growth&) = default;

  void push(double x, const metric_options& = {}) noexcept {
    n += 1;
    if (x < -1.0)
      invalid += 1;
    else
      log_sum += std::log1p(x);
  }
  void remove(double x, const metric_options& = {}) noexcept {
    n -= 1;
    if (x < -1.0)
      invalid -= 1;
    else
      log_sum -= std::log1p(x);
  }
  void merge(const log_growth& b) noexcept {
    n += b.n;
    log_sum += b.log_sum;
    invalid += b.invalid;
  }
  /// One log per 32 returns: the product of 32 factors 1 + r cannot leave the normal range unless
  /// a return is absurd, which the check catches (and then falls back to log1p per value).
  void push_block(std::span<const double> xs, const metric_options& o = {}) noexcept {
    constexpr std::size_t chunk = 32;
    for (std::size_t i = 0; i < xs.size(); i += chunk) {
      const std::size_t end = std::min(xs.size(), i + chunk);
      double p = 1.0, lo = 0.0;
      for (std::size_t j = i; j < end; ++j) {
        p *= 1.0 + xs[j];
        lo = std::min(lo, xs[j]);
      }
      if (lo > -1.0 && std::isnormal(p) && p < 1e300) {
        n += static_cast<double>(end - i);
        log_sum += std::log(p);
      } else {
        for (std::size_t j = i; j < end; ++j) push(xs[j], o);
      }
    }
  }
};

}  // namespace embargo::detail

#endif
