// embargo: the embargo policies of the purged splitters (López de Prado 2018, §7.4.2).
// After purging, training observations that follow a test block are dropped for a while more,
// because features are serially correlated; never before a test block (ooples/AiDotNet#798).
#ifndef EMBARGO_SPLITTERS_EMBARGO_HPP
#define EMBARGO_SPLITTERS_EMBARGO_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

/// floor(fraction * n + 1e-9): the explicit rounding rule of the spec (§1.2). Python's
/// int(0.29 * 100) is 28 because 0.29 * 100 = 28.999999999999996; the tolerance gives 29.
/// Precondition: 0 <= fraction < 1 (else invalid_argument naming `who`).
inline std::size_t embargo_count_from_fraction(double fraction, std::size_t n, const char* who = "embargo") {
  detail::require(fraction >= 0.0 && fraction < 1.0,  // also rejects NaN
                  std::string(who) + ": embargo fraction " + std::to_string(fraction) + " is outside [0, 1)");
  return static_cast<std::size_t>(std::floor(fraction * static_cast<double>(n) + 1e-9));
}

/// Embargo as a count e of observations (AFML snippet 7.3 with closed intervals, the spec's
/// [REC]): the training set resumes e observations after the first observation that starts
/// strictly after the test block's last label end T1. The amount is options.embargo_size when
/// set, else floor(embargo_fraction * n_observations + 1e-9).
struct observation_embargo {
  static std::size_t amount(double fraction, std::optional<std::size_t> size, std::span<const interval> events,
                            const char* who) {
    if (size) return *size;
    return embargo_count_from_fraction(fraction, events.size(), who);
  }
  /// First position at or after `b` that may be trained on, for a block [a, b) whose labels end by t1_max.
  static std::size_t resume(std::span<const interval> events, std::size_t b, std::size_t t1_max, std::size_t e) {
    const auto it = std::upper_bound(events.begin() + static_cast<std::ptrdiff_t>(b), events.end(), t1_max,
                                     [](std::size_t t, const interval& x) { return t < x.t0; });
    const auto m = static_cast<std::size_t>(it - events.begin());
    return events.size() - m > e ? m + e : events.size();
  }
};

/// Embargo as a time delta in bar units (timeseriescv's embargo_td, AFML snippet 7.2's idea):
/// every observation with t0 <= T1 + delta is dropped after a test block. The amount is
/// options.embargo_size bars when set, else floor(embargo_fraction * (max t1 + 1) + 1e-9), the
/// fraction of the bar range the events span from bar 0.
struct time_embargo {
  static std::size_t amount(double fraction, std::optional<std::size_t> size, std::span<const interval> events,
                            const char* who) {
    if (size) return *size;
    std::size_t last = 0;
    for (const auto& e : events) last = std::max(last, e.t1);
    return embargo_count_from_fraction(fraction, last + 1, who);
  }
  static std::size_t resume(std::span<const interval> events, std::size_t b, std::size_t t1_max, std::size_t delta) {
    const std::size_t limit =
        t1_max > std::numeric_limits<std::size_t>::max() - delta ? std::numeric_limits<std::size_t>::max() : t1_max + delta;
    const auto it = std::upper_bound(events.begin() + static_cast<std::ptrdiff_t>(b), events.end(), limit,
                                     [](std::size_t t, const interval& x) { return t < x.t0; });
    return static_cast<std::size_t>(it - events.begin());
  }
};

}  // namespace embargo

#endif
