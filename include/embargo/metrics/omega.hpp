// embargo: Omega ratio at θ = risk_free + omega_threshold per period: Σ max(r − θ, 0) / Σ max(θ − r, 0).
// empyrical takes the threshold as an annual rate (convert with deannualize_geometric). With no
// loss below θ we say +inf like PerformanceAnalytics and our profit factor (empyrical: NaN), so
// that Omega at θ = 0 always equals the profit factor. NaN below 2 observations (empyrical).
#ifndef EMBARGO_METRICS_OMEGA_HPP
#define EMBARGO_METRICS_OMEGA_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/threshold_sums.hpp>

namespace embargo::tag {

struct omega {
  using dependencies = type_list<detail::threshold_sums>;
  static constexpr std::string_view name = "omega";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& t = s.template state<detail::threshold_sums>();
    if (s.count() < 2) return std::numeric_limits<double>::quiet_NaN();
    if (t.below > 0) return t.above / t.below;
    return t.above > 0 ? INFINITY : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace embargo::tag

#endif
