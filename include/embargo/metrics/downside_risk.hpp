// embargo: annualised target downside deviation sqrt(mean(min(r − MAR, 0)²))·sqrt(ppy): the mean
// runs over ALL observations and nothing is demeaned (empyrical, PA method="full"; spec §2.4).
#ifndef EMBARGO_METRICS_DOWNSIDE_RISK_HPP
#define EMBARGO_METRICS_DOWNSIDE_RISK_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/downside.hpp>

namespace embargo::tag {

struct downside_risk {
  using dependencies = type_list<detail::downside>;
  static constexpr std::string_view name = "downside_risk";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& d = s.template state<detail::downside>();
    if (d.n < 1) return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt(s.options().periods_per_year * d.sum_squares() / d.n);
  }
};

}  // namespace embargo::tag

#endif
