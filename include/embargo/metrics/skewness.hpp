// embargo: skewness, both conventions named (spec §2.11): population g1 = sqrt(n)·M3/M2^1.5 (PA's
// default, scipy's default, what PSR/DSR take) and pandas' adjusted G1 = g1·sqrt(n(n−1))/(n−2)
// (quantstats). NaN for a constant series (PA, scipy; pandas says 0).
#ifndef EMBARGO_METRICS_SKEWNESS_HPP
#define EMBARGO_METRICS_SKEWNESS_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct skewness {
  using dependencies = type_list<detail::moments<4>>;
  static constexpr std::string_view name = "skewness";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& m = s.template state<detail::moments<4>>();
    if (m.n < 2 || m.negligible_spread()) return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt(m.n) * m.m3 / std::pow(m.m2, 1.5);
  }
};

struct skewness_adjusted {
  using dependencies = type_list<detail::moments<4>>;
  static constexpr std::string_view name = "skewness_adjusted";
  template <class Set>
  static double value(const Set& s) noexcept {
    const double n = s.template state<detail::moments<4>>().n;
    if (n < 3) return std::numeric_limits<double>::quiet_NaN();
    return skewness::value(s) * std::sqrt(n * (n - 1)) / (n - 2);
  }
};

}  // namespace embargo::tag

#endif
