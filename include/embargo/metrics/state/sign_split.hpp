// embargo: gross gains, gross losses and the counts of positive, negative and zero returns, the
// state behind profit factor, win rate and average win/loss. Sums: mergeable by addition and
// removable (rolling windows).
#ifndef EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP
#define EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/split_sums.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::metrics::state {

struct sign_split {
  double positive = 0, negative = 0, zero = 0;  ///< counts
  double gains = 0;                             ///< Σ max(x, 0)
  double losses = 0;                            ///< Σ max(−x, 0), a positive number

  friend bool operator==(const sign_split&, const sign_split&) = default;

  void push(double x, const metric_options& = {}) noexcept { add(x, 1.0); }
  /// Subtraction leaves rounding residue; a window without losses must have exactly 0 losses
  /// (profit factor +inf, not 5e16), so the sums are restored from the exact counts.
  void remove(double x, const metric_options& = {}) noexcept {
    add(x, -1.0);
    gains = positive > 0 ? std::max(gains, 0.0) : 0.0;
    losses = negative > 0 ? std::max(losses, 0.0) : 0.0;
  }

  void merge(const sign_split& b) noexcept {
    positive += b.positive;
    negative += b.negative;
    zero += b.zero;
    gains += b.gains;
    losses += b.losses;
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept {
    const auto r = impl::split_around(xs.data(), xs.size(), 0.0);
    positive += r.n_above;
    negative += r.n_below;
    zero += static_cast<double>(xs.size()) - r.n_above - r.n_below;
    gains += r.above;
    losses += r.below;
  }

 private:
  // Branch-free: the sign of a return is a coin flip, so branches would mispredict half the time
  // in rolling windows (one push and one remove per step).
  void add(double x, double sign) noexcept {
    const double m = std::abs(x);
    const double up = static_cast<double>(x > 0), down = static_cast<double>(x < 0);
    positive += sign * up;
    negative += sign * down;
    zero += sign * (1.0 - up - down);
    gains += sign * 0.5 * (m + x);
    losses += sign * 0.5 * (m - x);
  }
};

}  // namespace embargo::metrics::state

#endif
