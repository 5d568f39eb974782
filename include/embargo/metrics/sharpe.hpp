// embargo: annualised Sharpe ratio, empyrical's convention (DESIGN.md §7): mean of r − risk_free over
// the ddof-1 standard deviation, times sqrt(periods_per_year). NaN below 2 observations. A spread
// at rounding level (constant returns) gives ±inf as empyrical does, by the sign of the excess
// mean, instead of the 4.6e15 a two-pass standard deviation can leak (spec §1.5); NaN when the
// excess mean is 0 too.
#ifndef EMBARGO_METRICS_SHARPE_HPP
#define EMBARGO_METRICS_SHARPE_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct sharpe {
  using dependencies = type_list<detail::moments<2>>;
  static constexpr std::string_view name = "sharpe";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& m = s.template state<detail::moments<2>>();
    if (m.n < 2) return std::numeric_limits<double>::quiet_NaN();
    const double excess = m.mean - s.options().risk_free;
    if (m.negligible_spread())
      return excess > 0 ? INFINITY : excess < 0 ? -INFINITY : std::numeric_limits<double>::quiet_NaN();
    // One division and one root: a rolling window extracts this at every step.
    return excess * std::sqrt(s.options().periods_per_year * (m.n - 1) / m.m2);
  }
};

}  // namespace embargo::tag

#endif
