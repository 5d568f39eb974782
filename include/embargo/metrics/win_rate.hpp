// embargo: win rate: positive values over non-zero values (quantstats win_rate; zeros are
// neither wins nor losses, spec §2.8). For "positive over all" use tag::consistency.
#ifndef EMBARGO_METRICS_WIN_RATE_HPP
#define EMBARGO_METRICS_WIN_RATE_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sign_split.hpp>

namespace embargo::tag {

struct win_rate {
  using dependencies = type_list<detail::sign_split>;
  static constexpr std::string_view name = "win_rate";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::sign_split>();
    const double decided = g.positive + g.negative;
    return decided > 0 ? g.positive / decided : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
