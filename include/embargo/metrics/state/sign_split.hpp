// embargo: gross gains, gross losses and the counts of positive, negative and zero returns, the
// state behind profit factor, win rate and average win/loss. Sums: mergeable by addition and
// removable (rolling windows).
#ifndef EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP
#define EMBARGO_METRICS_STATE_SIGN_SPLIT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/sign_indicator.hpp>
#include <embargo/metrics/impl/split_sums.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct sign_split {
  double positive = 0, negative = 0, zero = 0;  ///< counts
  double gains = 0;                             ///< Σ max(x, 0)
  double losses = 0;                            ///< Σ max(−x, 0), a positive number

  friend bool operator==(const sign_split&, const sign_split&) = default;

  void push(double x, const metric_options& = {}) noexcept { add(share_of(x), 1.0); }
  void remove(double x, const metric_options& = {}) noexcept { add(share_of(x), -1.0); }
  /// remove(out) then push(in), as one update per sum.
  void slide(double out, double in, const metric_options& = {}) noexcept { add(share_of(in) - share_of(out), 1.0); }

  /// Σ max(x, 0) and Σ max(−x, 0). Removal leaves rounding residue, and a window without losses
  /// must have exactly 0 losses (profit factor +inf, not 5e16): the exact zero is restored from
  /// the counts here, when read, not in remove() (where it lengthened the rolling step's chain).
  double total_gains() const noexcept { return positive > 0 ? std::max(gains, 0.0) : 0.0; }
  double total_losses() const noexcept { return negative > 0 ? std::max(losses, 0.0) : 0.0; }

  void merge(const sign_split& b) noexcept {
    positive += b.positive;
    negative += b.negative;
    zero += b.zero;
    gains += b.gains;
    losses += b.losses;
  }

  void push_block(std::span<const double> xs, const metric_options& = {}) noexcept {
    const auto r = detail::split_around(xs.data(), xs.size(), 0.0);
    positive += r.n_above;
    negative += r.n_below;
    zero += static_cast<double>(xs.size()) - r.n_above - r.n_below;
    gains += r.above;
    losses += r.below;
  }

 private:
  // One value's share of each sum. Branch-free: the sign of a return is a coin flip, so branches
  // would mispredict half the time in rolling windows (one push and one remove per step).
  struct share {
    double positive, negative, zero, gain, loss;
    friend share operator-(const share& a, const share& b) noexcept {
      return {a.positive - b.positive, a.negative - b.negative, a.zero - b.zero, a.gain - b.gain, a.loss - b.loss};
    }
  };
  static share share_of(double x) noexcept {
    const double m = std::abs(x), up = detail::above_zero(x), down = detail::below_zero(x);
    return {up, down, 1.0 - up - down, 0.5 * (m + x), 0.5 * (m - x)};
  }
  void add(const share& s, double sign) noexcept {
    positive += sign * s.positive;
    negative += sign * s.negative;
    zero += sign * s.zero;
    gains += sign * s.gain;
    losses += sign * s.loss;
  }
};

}  // namespace embargo::detail

#endif
