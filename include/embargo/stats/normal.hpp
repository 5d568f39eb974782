// embargo: the standard normal CDF and quantile used by the statistical tests.
// Accurate to a few ulps in double precision without a Boost.Math dependency: the CDF through
// std::erfc, the quantile by Acklam's rational approximation refined by one Halley step.
#ifndef EMBARGO_STATS_NORMAL_HPP
#define EMBARGO_STATS_NORMAL_HPP

#include <cmath>
#include <limits>
#include <numbers>

namespace embargo {

/// Φ(x) = ½·erfc(−x/√2). erfc rather than 1 + erf keeps full relative accuracy in the lower
/// tail (Φ(−10) ≈ 7.6e−24 instead of 0). NaN propagates.
inline double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

namespace detail {
// Acklam (2003) rational approximation for p <= 0.5 (relative error < 1.2e−9), then one Halley
// step on Φ(x) − p, which is cubically convergent and brings the error to rounding level.
inline double normal_quantile_lower(double p) noexcept {
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01,  -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}
}  // namespace detail

/// Φ⁻¹(p) for p in (0, 1); −inf at 0, +inf at 1, NaN outside [0, 1] or for NaN.
/// The upper half is computed as −Φ⁻¹(1 − p): 1 − p is exact for p >= 0.5 (Sterbenz), so no
/// accuracy is lost by the reflection.
inline double normal_quantile(double p) noexcept {
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p <= 0.5) return detail::normal_quantile_lower(p);
  return -detail::normal_quantile_lower(1.0 - p);
}

}  // namespace embargo

#endif
