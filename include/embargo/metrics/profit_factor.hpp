// embargo: profit factor of the pushed values (bar returns or trade PnL: name it by its input,
// spec §2.7): gross gains over gross losses. DESIGN.md §7: +inf when there are gains and no
// losses (a JSON writer prints null plus a flag), NaN when there are neither.
#ifndef EMBARGO_METRICS_PROFIT_FACTOR_HPP
#define EMBARGO_METRICS_PROFIT_FACTOR_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sign_split.hpp>

namespace embargo::tag {

struct profit_factor {
  using dependencies = type_list<detail::sign_split>;
  static constexpr std::string_view name = "profit_factor";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::sign_split>();
    const double gains = g.total_gains(), losses = g.total_losses();
    if (losses > 0) return gains / losses;
    return gains > 0 ? INFINITY : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
