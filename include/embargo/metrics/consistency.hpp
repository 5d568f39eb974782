// embargo: consistency: the fraction of pushed values that are strictly positive (0 is not),
// spec §2.10. Push one value per window (fold Sharpe, monthly return) to get the fraction of
// positive windows.
#ifndef EMBARGO_METRICS_CONSISTENCY_HPP
#define EMBARGO_METRICS_CONSISTENCY_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sign_split.hpp>

namespace embargo::tag {

struct consistency {
  using dependencies = type_list<detail::sign_split>;
  static constexpr std::string_view name = "consistency";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::sign_split>();
    const double all = g.positive + g.negative + g.zero;
    return all > 0 ? g.positive / all : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
