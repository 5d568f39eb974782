// embargo: missing bars. Gaps are found against the expected bar interval and a trading
// calendar; small ones can be filled with synthetic bars, large ones split the series.
#ifndef EMBARGO_DATA_GAPS_HPP
#define EMBARGO_DATA_GAPS_HPP

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/data/calendar.hpp>

namespace embargo {

/// Bars missing before bar `index`: `missing` expected bars between time[index-1] and time[index].
struct gap {
  std::size_t index = 0;
  timestamp from = 0, to = 0;
  std::int64_t missing = 0;
};

/// The median spacing of consecutive timestamps: the expected interval when none is given.
/// Needs at least two bars.
inline std::int64_t infer_interval(const bars& b) {
  if (b.time.size() < 2) throw data_error("infer_interval: '" + b.symbol + "' has fewer than 2 bars");
  std::vector<std::int64_t> d(b.time.size() - 1);
  for (std::size_t i = 1; i < b.time.size(); ++i) d[i - 1] = b.time[i] - b.time[i - 1];
  auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
  std::nth_element(d.begin(), mid, d.end());
  // Daily bars of a weekday calendar have Friday->Monday spacings of 3 days; the median is still
  // one day as long as most spacings are.
  return *mid;
}

/// Every gap of `b` for bars `interval` seconds apart under `cal`.
inline std::vector<gap> find_gaps(const bars& b, const trading_calendar& cal, std::int64_t interval) {
  if (interval <= 0) throw invalid_argument("find_gaps: interval must be positive");
  std::vector<gap> out;
  for (std::size_t i = 1; i < b.time.size(); ++i) {
    const std::int64_t step = b.time[i] - b.time[i - 1];
    if (step <= interval) continue;  // the common case costs one comparison
    const std::int64_t m = cal.missing_between(b.time[i - 1], b.time[i], interval);
    if (m > 0) out.push_back({i, b.time[i - 1], b.time[i], m});
  }
  return out;
}

struct gap_repair_options {
  std::int64_t max_fill = 3;      ///< gaps of at most this many bars are filled (0: none)
  bool drop_on_large_gap = false; ///< a larger gap drops the symbol instead of splitting it
};

struct gap_repair {
  bars repaired;                          ///< with synthetic bars inserted
  std::vector<bool> synthetic;            ///< per bar of `repaired`
  std::vector<std::size_t> segment_starts;///< first bar of each segment (large gaps start one)
  bool dropped = false;                   ///< a large gap with drop_on_large_gap
  std::size_t filled_bars = 0;
};

/// Fills gaps of at most max_fill bars with synthetic bars (open = high = low = close = the last
/// close, volume 0) at the calendar's expected times; larger gaps start a new segment (or drop
/// the symbol). Synthetic bars carry no information: they keep bar positions aligned in time.
inline gap_repair repair_gaps(const bars& b, const std::vector<gap>& gaps, const trading_calendar& cal,
                              std::int64_t interval, gap_repair_options opt = {}) {
  gap_repair r;
  r.repaired.symbol = b.symbol;
  r.repaired.reserve(b.size());
  r.segment_starts.push_back(0);
  std::size_t g = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (g < gaps.size() && gaps[g].index == i) {
      const auto& gp = gaps[g++];
      if (gp.missing <= opt.max_fill) {
        const double c = b.close[i - 1];
        for (timestamp t = gp.from + interval; t < gp.to; t += interval) {
          if (!cal.is_open_day(t)) continue;
          r.repaired.push_back(t, c, c, c, c, 0.0);
          r.synthetic.push_back(true);
          ++r.filled_bars;
        }
      } else if (opt.drop_on_large_gap) {
        r.dropped = true;
      } else {
        r.segment_starts.push_back(r.repaired.size());
      }
    }
    r.repaired.push_back(b.time[i], b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]);
    r.synthetic.push_back(false);
  }
  return r;
}

}  // namespace embargo

#endif
