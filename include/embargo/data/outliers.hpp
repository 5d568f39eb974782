// embargo: return outliers by a causal Hampel filter (rolling median and MAD of the previous
// w returns), classified by what the next bar does: a spike reverts, a jump stays.
// Hampel (1974); Pearson et al. (2016), "Generalized Hampel filters".
#ifndef EMBARGO_DATA_OUTLIERS_HPP
#define EMBARGO_DATA_OUTLIERS_HPP

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/price_checks.hpp>

namespace embargo {

struct hampel_options {
  std::size_t window = 50;    ///< previous log returns forming the median and MAD
  double threshold = 8.0;     ///< flag |r − median| > threshold · 1.4826 · MAD
  double min_scale = 1e-4;    ///< floor of the robust scale, so flat stretches flag nothing trivial
  /// A flagged bar whose next return undoes at least this fraction of it is a spike (a bad
  /// print); otherwise it is a jump (a real move, kept). 1-bar look-ahead, by design: cleaning
  /// history before training, not a trading signal.
  double revert_fraction = 0.5;
};

enum class outlier_kind { spike, jump };

struct return_outlier {
  std::size_t index = 0;   ///< bar whose close is suspicious
  double log_return = 0;   ///< log(close[index] / clean close before it)
  double score = 0;        ///< |r − median| / robust scale
  outlier_kind kind = outlier_kind::jump;
};

namespace detail {
/// A window of the last w values kept sorted. w is small (tens), so branch-free linear passes
/// (which the compiler vectorises) beat binary searches, whose mispredicted branches dominate.
class sorted_window {
 public:
  explicit sorted_window(std::size_t w) : w_(w) { sorted_.reserve(w), fifo_.resize(w); }
  void push(double x) {
    if (count_ < w_) {
      ++count_;
      const std::size_t at = rank(x);
      sorted_.insert(sorted_.begin() + static_cast<std::ptrdiff_t>(at), x);
    } else {  // replace the oldest value: one shift between its slot and the new value's slot
      const std::size_t from = rank(fifo_[head_]);  // first element equal to the oldest
      std::size_t to = rank(x);
      double* v = sorted_.data();
      if (to > from) {
        --to;
        std::copy(v + from + 1, v + to + 1, v + from);
      } else {
        std::copy_backward(v + to, v + from, v + from + 1);
      }
      v[to] = x;
    }
    fifo_[head_] = x;
    head_ = (head_ + 1) % w_;
  }
  /// Number of values < x.
  std::size_t rank(double x) const noexcept {
    std::size_t k = 0;
    for (double v : sorted_) k += v < x;
    return k;
  }
  std::size_t size() const noexcept { return sorted_.size(); }
  /// Number of values strictly inside (m − d, m + d): two binary searches.
  std::size_t count_within(double m, double d) const noexcept {
    const double lo = m - d, hi = m + d;
    std::size_t k = 0;
    for (double v : sorted_) k += (v > lo) & (v < hi);
    return k;
  }
  double median() const noexcept {
    const std::size_t n = sorted_.size();
    return n % 2 ? sorted_[n / 2] : 0.5 * (sorted_[n / 2 - 1] + sorted_[n / 2]);
  }
  /// Median of |x − m| in O(n) by merging the two sorted runs of deviations around m.
  double mad(double m) const noexcept {
    const std::size_t n = sorted_.size();
    std::size_t right = rank(m);
    std::ptrdiff_t left = static_cast<std::ptrdiff_t>(right) - 1;
    double prev = 0, cur = 0;
    for (std::size_t k = 0; k <= n / 2; ++k) {
      const double dl = left >= 0 ? m - sorted_[static_cast<std::size_t>(left)] : INFINITY;
      const double dr = right < n ? sorted_[right] - m : INFINITY;
      prev = cur;
      if (dl <= dr) cur = dl, --left;
      else cur = dr, ++right;
    }
    return n % 2 ? cur : 0.5 * (prev + cur);
  }

 private:
  std::size_t w_, head_ = 0, count_ = 0;
  std::vector<double> sorted_, fifo_;
};
}  // namespace detail

/// Scans closes once. Unchanged closes (zero returns: a stale feed, a tick-size-bound price) are
/// skipped: they neither score nor enter the window. Returns are taken against the last clean close, so a spike's reverting
/// return is not flagged a second time, and spikes never enter the window. A flagged return that
/// undoes the previous bar's unflagged but large (> threshold/2) move marks that previous bar
/// as the spike instead: in a volatile window a bad print can hide below the threshold while its
/// correction, measured from the bad price, does not. Throws data_error for a close that is NaN,
/// infinite or <= 0, naming the first.
inline std::vector<return_outlier> find_return_outliers(std::span<const double> close, hampel_options opt = {}) {
  if (opt.window < 5) throw invalid_argument("find_return_outliers: window must be at least 5");
  if (!(opt.threshold > 0)) throw invalid_argument("find_return_outliers: threshold must be positive");
  // Every close, bar 0 included (it is the first return's base), and before anything else: a bad
  // first close used to turn every score into NaN without an error.
  detail::check_prices("find_return_outliers", "close", close);
  std::vector<return_outlier> out;
  if (close.size() < 3) return out;
  detail::sorted_window win(opt.window);
  double clean_prev = close[0];
  double prev_r = 0, prev_score = 0;  // the last return pushed into the window, and its score
  bool prev_flagged = true;           // no retroactive spike at bar 0
  for (std::size_t t = 1; t < close.size(); ++t) {
    const double r = std::log(close[t] / clean_prev);
    // An unchanged close is no information about the scale: a stale feed's run of zero returns
    // would collapse the MAD to the floor and flag the ordinary returns after it as outliers.
    if (r == 0) continue;
    double score = 0;
    bool flagged = false;
    if (win.size() >= std::min<std::size_t>(opt.window, 20)) {
      const double m = win.median();
      const double dev = std::abs(r - m);
      // A score above T/2 (the retroactive rule's bar; T for a flag) needs MAD < d =
      // |r − m| / (1.4826 T/2), hence at least half of the window strictly within d of m: two
      // binary searches rule out almost every bar before the O(w) MAD is computed. Bars ruled
      // out have score <= T/2 exactly, so leaving their score at 0 changes no decision.
      const double half = 0.5 * opt.threshold;
      const double d = dev / (1.4826 * half);
      const bool candidate = dev > half * opt.min_scale && 2 * win.count_within(m, d) >= win.size();
      if (candidate) score = dev / std::max(1.4826 * win.mad(m), opt.min_scale);
      if (candidate && score > opt.threshold) {
        flagged = true;
        const bool undoes_previous = !prev_flagged && prev_score > opt.threshold / 2 &&
                                     std::abs(prev_r + r) < (1.0 - opt.revert_fraction) * std::abs(r);
        if (undoes_previous) {
          // The previous bar was a bad print too small to flag against a volatile window; this
          // bar is its correction, not a move of its own.
          out.push_back({t - 1, prev_r, prev_score, outlier_kind::spike});
        } else {
          return_outlier o{t, r, score, outlier_kind::jump};
          if (t + 1 < close.size()) {
            const double next = std::log(close[t + 1] / close[t]);
            if (std::abs(r + next) < (1.0 - opt.revert_fraction) * std::abs(r)) o.kind = outlier_kind::spike;
          }
          out.push_back(o);
          if (o.kind == outlier_kind::spike) {  // the bad print never becomes the reference
            prev_flagged = true;
            continue;
          }
        }
      }
    }
    win.push(r);
    clean_prev = close[t];
    prev_r = r, prev_score = score, prev_flagged = flagged;
  }
  return out;
}

}  // namespace embargo

#endif
