// embargo: which bar times a series is expected to have. Daily bars trade on weekdays that are
// not holidays; intraday bars are continuous (24/7 markets) unless weekends are closed.
#ifndef EMBARGO_DATA_CALENDAR_HPP
#define EMBARGO_DATA_CALENDAR_HPP

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/time.hpp>

namespace embargo {

class trading_calendar {
 public:
  trading_calendar() = default;
  /// weekends_closed: Saturdays and Sundays have no bars. holidays: dates (any time of day;
  /// only the UTC date counts) without bars.
  explicit trading_calendar(bool weekends_closed, std::span<const timestamp> holidays = {})
      : weekends_closed_(weekends_closed) {
    for (auto h : holidays) holidays_.push_back(day_of(h));
    std::sort(holidays_.begin(), holidays_.end());
  }

  static constexpr std::int64_t day_of(timestamp t) noexcept { return t >= 0 ? t / 86400 : (t - 86399) / 86400; }

  bool is_open_day(timestamp t) const noexcept {
    if (weekends_closed_ && weekday_utc(t) >= 5) return false;
    return !std::binary_search(holidays_.begin(), holidays_.end(), day_of(t));
  }

  /// Number of expected bars strictly between two consecutive bars at a and b (a < b) for bars
  /// `interval` seconds apart: the bars a gap is missing. Daily bars (interval a multiple of a
  /// day) count open days; intraday bars count interval steps, skipping closed days.
  std::int64_t missing_between(timestamp a, timestamp b, std::int64_t interval) const {
    if (interval <= 0) throw invalid_argument("trading_calendar: interval must be positive");
    if (b <= a) return 0;
    if (interval % 86400 == 0) {
      const std::int64_t step = interval / 86400;
      std::int64_t missing = 0;
      for (std::int64_t d = day_of(a) + step; d < day_of(b); d += step)
        if (is_open_day(d * 86400)) ++missing;
      return missing;
    }
    std::int64_t missing = 0;
    for (timestamp t = a + interval; t < b; t += interval)
      if (is_open_day(t)) ++missing;
    return missing;
  }

  bool weekends_closed() const noexcept { return weekends_closed_; }

 private:
  bool weekends_closed_ = false;
  std::vector<std::int64_t> holidays_;
};

}  // namespace embargo

#endif
