// embargo: input checks shared by the feature indicators.
// Every indicator rejects a bad window or a bad price with a message naming the function,
// the argument and the offending index, instead of propagating NaN silently.
#ifndef EMBARGO_FEATURES_DETAIL_CHECKS_HPP
#define EMBARGO_FEATURES_DETAIL_CHECKS_HPP

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/core/price_checks.hpp>  // check_prices

namespace embargo::detail {

inline constexpr double feature_nan = std::numeric_limits<double>::quiet_NaN();

/// Throws invalid_argument unless window >= 1 (a window of 0 has no defined average).
inline void check_window(const char* fn, const char* name, std::size_t n) {
  if (n == 0) throw invalid_argument(std::string(fn) + ": " + name + " must be >= 1, got 0");
}

/// Throws data_error naming the first index whose value is NaN, infinite or negative.
inline void check_nonnegative(const char* fn, const char* name, std::span<const double> x) {
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!(std::isfinite(x[i]) && x[i] >= 0.0))
      throw data_error(std::string(fn) + ": " + name + "[" + std::to_string(i) + "] = " + std::to_string(x[i]) +
                       " is not finite and >= 0");
}

/// Throws invalid_argument unless the spans have equal lengths.
inline void check_same_size(const char* fn, std::size_t a, std::size_t b) {
  if (a != b)
    throw invalid_argument(std::string(fn) + ": series lengths differ (" + std::to_string(a) + " vs " +
                           std::to_string(b) + ")");
}

}  // namespace embargo::detail

#endif
