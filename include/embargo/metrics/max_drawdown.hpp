// embargo: maximum drawdown of compounded wealth, a positive fraction of the running peak
// (DESIGN.md §7: 0.25 is a 25 % fall; empyrical reports the same number negated). The start
// wealth 1 counts as a peak, so a first-period loss is a drawdown. NaN for no observations or a
// return below −100 %.
#ifndef EMBARGO_METRICS_MAX_DRAWDOWN_HPP
#define EMBARGO_METRICS_MAX_DRAWDOWN_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/drawdown.hpp>

namespace embargo::tag {

struct max_drawdown {
  using dependencies = type_list<detail::drawdown>;
  static constexpr std::string_view name = "max_drawdown";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& d = s.template state<detail::drawdown>();
    if (s.count() == 0 || d.invalid) return std::numeric_limits<double>::quiet_NaN();
    return d.max_drawdown();
  }
};

}  // namespace embargo::tag

#endif
