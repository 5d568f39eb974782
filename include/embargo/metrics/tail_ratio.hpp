// embargo: tail ratio |95th percentile| / |5th percentile| (empyrical).
#ifndef EMBARGO_METRICS_TAIL_RATIO_HPP
#define EMBARGO_METRICS_TAIL_RATIO_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/sample_store.hpp>

namespace embargo::tag {

struct tail_ratio {
  using dependencies = type_list<detail::sample_store>;
  static constexpr std::string_view name = "tail_ratio";
  template <class Set>
  static double value(const Set& s) {
    const auto& v = s.template state<detail::sample_store>();
    return std::abs(v.percentile(95.0)) / std::abs(v.percentile(5.0));
  }
};

}  // namespace embargo::tag

#endif
