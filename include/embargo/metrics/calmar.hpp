// embargo: Calmar ratio, annual return over max drawdown (empyrical: NaN when there is no
// drawdown or the ratio is infinite; quantstats and PA say +inf there).
#ifndef EMBARGO_METRICS_CALMAR_HPP
#define EMBARGO_METRICS_CALMAR_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/annual_return.hpp>
#include <embargo/metrics/max_drawdown.hpp>

namespace embargo::tag {

struct calmar {
  using dependencies = type_list<detail::log_growth, detail::drawdown>;
  static constexpr std::string_view name = "calmar";
  template <class Set>
  static double value(const Set& s) noexcept {
    const double mdd = max_drawdown::value(s);
    if (!(mdd > 0)) return std::numeric_limits<double>::quiet_NaN();
    const double c = annual_return::value(s) / mdd;
    return std::isinf(c) ? std::numeric_limits<double>::quiet_NaN() : c;
  }
};

}  // namespace embargo::tag

#endif
