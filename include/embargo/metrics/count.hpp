// embargo: the number of observations a set admitted (after its NaN policy).
#ifndef EMBARGO_METRICS_COUNT_HPP
#define EMBARGO_METRICS_COUNT_HPP

#include <cmath>
#include <limits>
#include <string_view>

#include <embargo/metrics/type_list.hpp>


namespace embargo::tag {

struct count {
  static constexpr std::string_view name = "n";
  template <class Set>
  static double value(const Set& s) noexcept {
    return static_cast<double>(s.count());
  }
};

}  // namespace embargo::tag

#endif
