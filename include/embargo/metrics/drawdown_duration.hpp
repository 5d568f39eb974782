// embargo: drawdown durations in periods (spec §2.5): a period is under water when its wealth
// is strictly below the running peak. The longest run includes one still open at the end;
// peak-to-recovery in PerformanceAnalytics' sense is that run + 1.
#ifndef EMBARGO_METRICS_DRAWDOWN_DURATION_HPP
#define EMBARGO_METRICS_DRAWDOWN_DURATION_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/underwater.hpp>

namespace embargo::tag {

struct max_drawdown_duration {
  using dependencies = type_list<detail::underwater>;
  static constexpr std::string_view name = "max_drawdown_duration";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& u = s.template state<detail::underwater>();
    if (s.count() == 0 || u.invalid) return std::numeric_limits<double>::quiet_NaN();
    return u.longest();
  }
};

/// Periods under water at the end (0 when the last period is at its peak).
struct current_drawdown_duration {
  using dependencies = type_list<detail::underwater>;
  static constexpr std::string_view name = "current_drawdown_duration";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& u = s.template state<detail::underwater>();
    if (s.count() == 0 || u.invalid) return std::numeric_limits<double>::quiet_NaN();
    return u.open_run();
  }
};

}  // namespace embargo::tag

#endif
