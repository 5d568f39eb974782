// embargo: drawdown durations in periods (spec §2.5): a period is under water when its wealth is
// strictly below the running peak (the start counting as a peak). Streaming needs the current
// run and the longest one; an exact merge (spec §4.3) also needs the chunk's at-peak points,
// because a chunk that follows a drawdown is under water until its own wealth climbs back to the
// earlier peak. So the state keeps one entry per at-peak period: O(number of new highs) memory,
// O(that) per merge.
#ifndef EMBARGO_METRICS_STATE_UNDERWATER_HPP
#define EMBARGO_METRICS_STATE_UNDERWATER_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct underwater {
  struct at_peak {
    double position;   ///< 1-based period in the chunk
    double log_level;  ///< log wealth there, relative to the chunk's start (non-decreasing)
    friend bool operator==(const at_peak&, const at_peak&) = default;
  };
  double n = 0;
  double ratio = 1;            ///< wealth / running peak at the end
  double log_peak = 0;         ///< log running peak relative to the start (>= 0)
  double longest_closed = 0;   ///< longest run under water that ended at a peak
  std::vector<at_peak> peaks;  ///< every at-peak period, in order
  bool invalid = false;

  friend bool operator==(const underwater&, const underwater&) = default;

  /// The run still open at the end (0 when the last period is at its peak).
  double open_run() const noexcept { return peaks.empty() ? n : n - peaks.back().position; }
  double longest() const noexcept { return std::max(longest_closed, open_run()); }

  void push(double x, const metric_options& = {}) noexcept {
    const double f = 1.0 + x;
    if (f < 0) {
      invalid = true;
      return;
    }
    n += 1;
    const double r = ratio * f;
    if (r >= 1.0) {  // at (or above) the running peak
      log_peak += std::log(r);
      ratio = 1.0;
      longest_closed = std::max(longest_closed, open_run() - 1);
      peaks.push_back({n, log_peak});
    } else {
      ratio = r;
    }
  }

  void merge(const underwater& b) {
    invalid = invalid || b.invalid;
    if (b.n == 0) return;
    // B's period k is at the combined peak iff it is at B's own peak and B's wealth there has
    // climbed back to A's peak: log W_k >= −log(ratio_A). Levels are sorted: a binary search.
    const double climb = ratio > 0 ? -std::log(ratio) : INFINITY;
    const auto first = std::lower_bound(b.peaks.begin(), b.peaks.end(), climb,
                                        [](const at_peak& p, double c) { return p.log_level < c; });
    const double log_growth_a = log_peak + std::log(ratio);
    const double log_growth_b = b.log_peak + std::log(b.ratio);
    if (first == b.peaks.end()) {
      // B never gets back to A's peak: all of B extends A's open run.
    } else {
      const double bridged = open_run() + (first->position - 1);  // the run across the boundary
      double best_after = 0;  // B's closed runs that start at or after `first`
      for (auto it = first; it + 1 != b.peaks.end(); ++it)
        best_after = std::max(best_after, (it + 1)->position - it->position - 1);
      longest_closed = std::max({longest_closed, bridged, best_after});
      for (auto it = first; it != b.peaks.end(); ++it)
        peaks.push_back({n + it->position, log_growth_a + it->log_level});
    }
    ratio = std::min(b.ratio, ratio == 0 ? 0.0 : ratio * std::exp(log_growth_b));
    log_peak = std::max(log_peak, log_growth_a + b.log_peak);
    n += b.n;
  }
};

}  // namespace embargo::detail

#endif
