// embargo: standard deviation of returns (ddof 1, every anchor), per period and annualised by sqrt(periods_per_year).
#ifndef EMBARGO_METRICS_VOLATILITY_HPP
#define EMBARGO_METRICS_VOLATILITY_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct volatility {
  using dependencies = type_list<detail::moments<2>>;
  static constexpr std::string_view name = "volatility";
  template <class Set>
  static double value(const Set& s) noexcept {
    return std::sqrt(s.template state<detail::moments<2>>().variance(1));  // NaN below 2 observations
  }
};

struct annual_volatility {
  using dependencies = type_list<detail::moments<2>>;
  static constexpr std::string_view name = "annual_volatility";
  template <class Set>
  static double value(const Set& s) noexcept {
    return volatility::value(s) * std::sqrt(s.options().periods_per_year);
  }
};

}  // namespace embargo::tag

#endif
