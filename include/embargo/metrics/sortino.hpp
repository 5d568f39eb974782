// embargo: annualised Sortino ratio, empyrical's convention: mean(r − MAR) / downside deviation ·
// sqrt(ppy). NaN below 2 observations; +inf (or −inf) when nothing fell below MAR, as empyrical and
// PA (quantstats says NaN).
#ifndef EMBARGO_METRICS_SORTINO_HPP
#define EMBARGO_METRICS_SORTINO_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/downside.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct sortino {
  using dependencies = type_list<detail::moments<2>, detail::downside>;
  static constexpr std::string_view name = "sortino";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& m = s.template state<detail::moments<2>>();
    const auto& d = s.template state<detail::downside>();
    if (m.n < 2) return std::numeric_limits<double>::quiet_NaN();
    const double excess = m.mean - s.options().required_return;
    const double sum_sq = d.sum_squares();
    if (sum_sq == 0)
      return excess > 0 ? INFINITY : excess < 0 ? -INFINITY : std::numeric_limits<double>::quiet_NaN();
    return excess * std::sqrt(s.options().periods_per_year * d.n / sum_sq);
  }
};

}  // namespace embargo::tag

#endif
