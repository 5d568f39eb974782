// embargo: 1.0 or 0.0 for the sign of a finite double, computed on its bits. GCC compiles
// static_cast<double>(x > 0) to a jump between two constants at times; on returns the sign is a coin flip,
// so that jump mispredicts half the time (one push and one remove per rolling step).
#ifndef EMBARGO_METRICS_IMPL_SIGN_INDICATOR_HPP
#define EMBARGO_METRICS_IMPL_SIGN_INDICATOR_HPP

#include <bit>
#include <cstdint>

#include <embargo/core/simd.hpp>

namespace embargo::detail {

/// 1.0 if x > 0, else 0.0 (also for ±0 and NaN).
inline double above_zero(double x) noexcept {
#if defined(EMBARGO_SIMD_SSE2)
  // A compare mask ANDed with 1.0: two instructions.
  return _mm_cvtsd_f64(_mm_and_pd(_mm_cmpgt_sd(_mm_set_sd(x), _mm_setzero_pd()), _mm_set_sd(1.0)));
#else
  // The sign bit of −u & ~u is set exactly when 0 < u < 2^63, i.e. x is a positive non-zero
  // (a NaN with a clear sign bit counts as positive here; the states see finite values only).
  const auto u = std::bit_cast<std::uint64_t>(x);
  return static_cast<double>(((0 - u) & ~u) >> 63);
#endif
}
/// 1.0 if x < 0, else 0.0 (also for ±0).
inline double below_zero(double x) noexcept { return above_zero(-x); }

}  // namespace embargo::detail

#endif
