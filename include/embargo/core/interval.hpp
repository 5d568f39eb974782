// embargo: events as closed intervals of bar positions.
// An event (a label's lifetime) starts at bar t0 and ends at bar t1, both inclusive (López de
// Prado 2018, ch. 4: a label depends on prices in [t0, t1]). Positions index a bar series; a
// separate time index maps them to timestamps.
#ifndef EMBARGO_CORE_INTERVAL_HPP
#define EMBARGO_CORE_INTERVAL_HPP

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// A closed interval [t0, t1] of bar positions, t1 >= t0.
struct interval {
  std::size_t t0 = 0;
  std::size_t t1 = 0;

  constexpr std::size_t length() const noexcept { return t1 - t0 + 1; }
  constexpr bool contains(std::size_t t) const noexcept { return t0 <= t && t <= t1; }
  friend constexpr bool overlaps(const interval& a, const interval& b) noexcept {
    return a.t0 <= b.t1 && b.t0 <= a.t1;
  }
  friend constexpr bool operator==(const interval&, const interval&) = default;
};

/// Checks the invariants every component relies on: non-empty, t1 >= t0 for each event,
/// t0 non-decreasing, and (when n_bars > 0) every t1 < n_bars. Throws data_error naming the
/// first offending event.
inline void validate_events(std::span<const interval> events, std::size_t n_bars = 0,
                            bool require_sorted = true) {
  if (events.empty()) throw data_error("events: empty (at least one event is required)");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.t1 < e.t0)
      throw data_error("events[" + std::to_string(i) + "]: t1 = " + std::to_string(e.t1) +
                       " is before t0 = " + std::to_string(e.t0) + " (expected t1 >= t0)");
    if (n_bars > 0 && e.t1 >= n_bars)
      throw data_error("events[" + std::to_string(i) + "]: t1 = " + std::to_string(e.t1) +
                       " is outside the bar range [0, " + std::to_string(n_bars) + ")");
    if (require_sorted && i > 0 && e.t0 < events[i - 1].t0)
      throw data_error("events[" + std::to_string(i) + "]: t0 = " + std::to_string(e.t0) +
                       " is before the previous event's t0 = " + std::to_string(events[i - 1].t0) +
                       " (expected events sorted by t0)");
  }
}

}  // namespace embargo

#endif
