// embargo: n and Σ min(x − MAR, 0)², the state of the target downside deviation (spec §2.4: the
// mean is over ALL n observations, zeros included, and nothing is demeaned). Mergeable by
// addition, removable.
#ifndef EMBARGO_METRICS_STATE_DOWNSIDE_HPP
#define EMBARGO_METRICS_STATE_DOWNSIDE_HPP

#include <algorithm>
#include <cstddef>
#include <span>

#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

struct downside {
  double n = 0;
  double sum_sq = 0;  ///< Σ min(x − MAR, 0)²

  friend bool operator==(const downside&, const downside&) = default;

  void push(double x, const metric_options& o) noexcept {
    const double d = std::min(x - o.required_return, 0.0);
    n += 1;
    sum_sq += d * d;
  }
  void remove(double x, const metric_options& o) noexcept {
    const double d = std::min(x - o.required_return, 0.0);
    n -= 1;
    sum_sq = n > 0 ? std::max(0.0, sum_sq - d * d) : 0.0;
  }
  void merge(const downside& b) noexcept {
    n += b.n;
    sum_sq += b.sum_sq;
  }
  void push_block(std::span<const double> xs, const metric_options& o) noexcept {
    const double mar = o.required_return;
    double s[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= xs.size(); i += 4)
      for (int k = 0; k < 4; ++k) {
        const double d = std::min(xs[i + k] - mar, 0.0);
        s[k] += d * d;
      }
    for (; i < xs.size(); ++i) {
      const double d = std::min(xs[i] - mar, 0.0);
      s[0] += d * d;
    }
    n += static_cast<double>(xs.size());
    sum_sq += (s[0] + s[1]) + (s[2] + s[3]);
  }
};

}  // namespace embargo::metrics::state

#endif
