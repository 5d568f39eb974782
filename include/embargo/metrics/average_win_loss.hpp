// embargo: mean of the positive values and mean of the negative values (the latter negative,
// as quantstats' avg_loss); their ratio is the payoff ratio.
#ifndef EMBARGO_METRICS_AVERAGE_WIN_LOSS_HPP
#define EMBARGO_METRICS_AVERAGE_WIN_LOSS_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sign_split.hpp>

namespace embargo::tag {

struct average_win {
  using dependencies = type_list<detail::sign_split>;
  static constexpr std::string_view name = "average_win";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::sign_split>();
    return g.positive > 0 ? g.total_gains() / g.positive : std::numeric_limits<double>::quiet_NaN();
  }
};

struct average_loss {
  using dependencies = type_list<detail::sign_split>;
  static constexpr std::string_view name = "average_loss";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& g = s.template state<detail::sign_split>();
    return g.negative > 0 ? -g.total_losses() / g.negative : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
