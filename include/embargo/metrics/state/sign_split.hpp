// embargo: gross gains, gross losses and the counts of positive, negative and zero returns, the
// state behind profit factor, win rate and average win/loss. Sums: mergeable by addition and
// removable (rolling windows).
#ifndef EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP
#define EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP

#include <algorithm>
#include <cstddef>
#include <span>

#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

struct sign_split {
  double positive = 0, negative = 0, zero = 0;  ///< counts
  double gains = 0;                             ///< Σ max(x, 0)
  double losses = 0;                            ///< Σ max(−x, 0), a positive number

  friend bool operator==(const sign_split&, const sign_split&) = default;

  void push(double x, const metric_options& = {}) noexcept { add(x, 1.0); }
  void remove(double x, const metric_options& = {}) noexcept { add(x, -1.0); }

  void merge(const sign_split& b) noexcept {
    positive += b.positive;
    negative += b.negative;
    zero += b.zero;
    gains += b.gains;
    losses += b.losses;
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept {
    double g[4] = {0, 0, 0, 0}, l[4] = {0, 0, 0, 0}, p[4] = {0, 0, 0, 0}, q[4] = {0, 0, 0, 0};
    const double* x = xs.data();
    std::size_t i = 0;
    for (; i + 4 <= xs.size(); i += 4)
      for (int k = 0; k < 4; ++k) {  // branch-free so that the loop vectorises
        g[k] += std::max(x[i + k], 0.0);
        l[k] += std::max(-x[i + k], 0.0);
        p[k] += x[i + k] > 0.0 ? 1.0 : 0.0;
        q[k] += x[i + k] < 0.0 ? 1.0 : 0.0;
      }
    for (; i < xs.size(); ++i) {
      g[0] += std::max(x[i], 0.0);
      l[0] += std::max(-x[i], 0.0);
      p[0] += x[i] > 0.0 ? 1.0 : 0.0;
      q[0] += x[i] < 0.0 ? 1.0 : 0.0;
    }
    const double np = (p[0] + p[1]) + (p[2] + p[3]), nq = (q[0] + q[1]) + (q[2] + q[3]);
    positive += np;
    negative += nq;
    zero += static_cast<double>(xs.size()) - np - nq;
    gains += (g[0] + g[1]) + (g[2] + g[3]);
    losses += (l[0] + l[1]) + (l[2] + l[3]);
  }

 private:
  void add(double x, double sign) noexcept {
    if (x > 0) {
      positive += sign;
      gains += sign * x;
    } else if (x < 0) {
      negative += sign;
      losses -= sign * x;
    } else {
      zero += sign;
    }
  }
};

}  // namespace embargo::metrics::state

#endif
