// embargo: arithmetic mean return per period.
#ifndef EMBARGO_METRICS_MEAN_HPP
#define EMBARGO_METRICS_MEAN_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct mean {
  using dependencies = type_list<detail::moments<2>>;
  static constexpr std::string_view name = "mean";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& m = s.template state<detail::moments<2>>();
    return m.n > 0 ? m.mean : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
