// embargo: historical value at risk and conditional value at risk at tail_cutoff (empyrical:
// VaR = numpy percentile at 100·cutoff, linear interpolation; CVaR = mean of the smallest
// floor((n − 1)·cutoff) + 1 returns). Both are returns, so usually negative.
#ifndef EMBARGO_METRICS_VALUE_AT_RISK_HPP
#define EMBARGO_METRICS_VALUE_AT_RISK_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sample_store.hpp>

namespace embargo::tag {

struct value_at_risk {
  using dependencies = type_list<detail::sample_store>;
  static constexpr std::string_view name = "value_at_risk";
  template <class Set>
  static double value(const Set& s) {
    return s.template state<detail::sample_store>().percentile(100.0 * s.options().tail_cutoff);
  }
};

struct conditional_value_at_risk {
  using dependencies = type_list<detail::sample_store>;
  static constexpr std::string_view name = "conditional_value_at_risk";
  template <class Set>
  static double value(const Set& s) {
    return s.template state<detail::sample_store>().lower_tail_mean(s.options().tail_cutoff);
  }
};

}  // namespace embargo::tag

#endif
