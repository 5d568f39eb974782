// embargo: kurtosis, every convention named (spec §2.11): raw β2 = n·M4/M2² (3 for a normal; what
// PSR, DSR and MinTRL take), population excess g2 = β2 − 3 (scipy, PA default) and pandas'
// unbiased excess G2 = ((n+1)·g2 + 6)(n−1)/((n−2)(n−3)) (quantstats).
#ifndef EMBARGO_METRICS_KURTOSIS_HPP
#define EMBARGO_METRICS_KURTOSIS_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::tag {

struct kurtosis {
  using dependencies = type_list<detail::moments<4>>;
  static constexpr std::string_view name = "kurtosis";
  template <class Set>
  static double value(const Set& s) noexcept {
    const auto& m = s.template state<detail::moments<4>>();
    if (m.n < 2 || m.negligible_spread()) return std::numeric_limits<double>::quiet_NaN();
    return m.n * m.m4 / (m.m2 * m.m2);
  }
};

struct excess_kurtosis {
  using dependencies = type_list<detail::moments<4>>;
  static constexpr std::string_view name = "excess_kurtosis";
  template <class Set>
  static double value(const Set& s) noexcept {
    return kurtosis::value(s) - 3.0;
  }
};

struct excess_kurtosis_adjusted {
  using dependencies = type_list<detail::moments<4>>;
  static constexpr std::string_view name = "excess_kurtosis_adjusted";
  template <class Set>
  static double value(const Set& s) noexcept {
    const double n = s.template state<detail::moments<4>>().n;
    if (n < 4) return std::numeric_limits<double>::quiet_NaN();
    return ((n + 1) * excess_kurtosis::value(s) + 6) * (n - 1) / ((n - 2) * (n - 3));
  }
};

}  // namespace embargo::tag

#endif
