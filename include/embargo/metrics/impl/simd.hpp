// embargo: short double vectors for the bulk kernels of the metric states. Without -ffast-math a
// compiler may not reorder a floating-point sum, so a plain loop adds one value at a time; GCC's
// and Clang's vector extension states the reordering explicitly (and deterministically: the same
// lanes in the same order on every run of the same build). The width follows the target: 4
// doubles when AVX is enabled (-march=native on a recent x86), else 2 (SSE2, NEON), so no vector
// ever crosses a function boundary wider than the ABI allows. Other compilers, or
// -DEMBARGO_NO_SIMD (core/simd.hpp), take the scalar loops, which the tests also build.
#ifndef EMBARGO_METRICS_DETAIL_SIMD_HPP
#define EMBARGO_METRICS_DETAIL_SIMD_HPP

#if (defined(__GNUC__) || defined(__clang__)) && !defined(EMBARGO_NO_SIMD)
#define EMBARGO_METRICS_VECTOR 1

#include <cstddef>
#include <cstring>

namespace embargo::detail {

#ifdef __AVX__
inline constexpr std::size_t vlanes = 4;
#else
inline constexpr std::size_t vlanes = 2;
#endif
typedef double vecd __attribute__((vector_size(vlanes * sizeof(double))));
typedef long long vecm __attribute__((vector_size(vlanes * sizeof(double))));  // comparison masks

inline vecd loadv(const double* p) noexcept {
  vecd v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline vecd splat(double a) noexcept {
  vecd v;
  for (std::size_t j = 0; j < vlanes; ++j) v[j] = a;
  return v;
}
inline vecd vmin(vecd a, vecd b) noexcept { return a < b ? a : b; }
inline vecd vabs(vecd a) noexcept { return a < 0.0 ? -a : a; }
inline double hsum(vecd a) noexcept {
  double s = 0;
  for (std::size_t j = 0; j < vlanes; ++j) s += a[j];
  return s;
}
inline long long hsum(vecm a) noexcept {
  long long s = 0;
  for (std::size_t j = 0; j < vlanes; ++j) s += a[j];
  return s;
}

}  // namespace embargo::detail

#endif
#endif
