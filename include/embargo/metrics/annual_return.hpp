// embargo: cumulative and annualised geometric return (CAGR): exp(Σ log(1 + r)·ppy / n) − 1
// with n the admitted observations (spec §2.2). empyrical counts NaN slots in n; the NaN policy
// "zero" reproduces that, "skip" (default) reproduces PerformanceAnalytics.
#ifndef EMBARGO_METRICS_ANNUAL_RETURN_HPP
#define EMBARGO_METRICS_ANNUAL_RETURN_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/log_growth.hpp>

namespace embargo::tag {

struct cumulative_return {
  using dependencies = type_list<detail::log_growth>;
  static constexpr std::string_view name = "cumulative_return";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::log_growth>();
    if (g.n < 1 || g.invalid > 0) return std::numeric_limits<double>::quiet_NaN();
    return std::expm1(g.log_sum);
  }
};

struct annual_return {
  using dependencies = type_list<detail::log_growth>;
  static constexpr std::string_view name = "annual_return";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::log_growth>();
    if (g.n < 1 || g.invalid > 0) return std::numeric_limits<double>::quiet_NaN();
    return std::expm1(g.log_sum * s.options().periods_per_year / g.n);
  }
};

}  // namespace embargo::tag

#endif
