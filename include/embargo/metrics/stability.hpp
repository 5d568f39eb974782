// embargo: stability, the R² of a linear fit of cumulative log wealth against time (empyrical's
// stability_of_timeseries): 1 for a steady compounding path, near 0 for one without trend.
#ifndef EMBARGO_METRICS_STABILITY_HPP
#define EMBARGO_METRICS_STABILITY_HPP

#include <limits>
#include <string_view>

#include <embargo/metrics/state/wealth_trend.hpp>
#include <embargo/metrics/type_list.hpp>

namespace embargo::tag {

struct stability {
  using dependencies = type_list<detail::wealth_trend>;
  static constexpr std::string_view name = "stability";
  template <class Set>
  static double value(const Set& s) noexcept {
    return s.template state<detail::wealth_trend>().r_squared();
  }
};

}  // namespace embargo::tag

#endif
