// embargo: the price checks every component runs on its input. Checking is a pass over the whole
// series, so it is written to vectorise (compilers do not vectorise the early-exit loop, nor a
// reduction of comparisons without -ffast-math): a block is screened with vector compares and
// only a block holding a bad value is rescanned to name it.
#ifndef EMBARGO_CORE_PRICE_CHECKS_HPP
#define EMBARGO_CORE_PRICE_CHECKS_HPP

#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/core/simd.hpp>

namespace embargo::detail {

/// Position of the first value that is not in [lo, max double] (NaN, infinite, or below lo; lo
/// itself excluded when strict), or x.size() when every value is.
template <bool Strict>
std::size_t first_outside(std::span<const double> x, double lo) noexcept {
  constexpr double top = std::numeric_limits<double>::max();
  const auto good = [lo](double v) { return (Strict ? v > lo : v >= lo) && v <= top; };
  std::size_t i = 0;
#if defined(EMBARGO_SIMD_AVX2) || defined(EMBARGO_SIMD_SSE2)
  constexpr std::size_t block = 256;
#endif
#if defined(EMBARGO_SIMD_AVX2)
  const __m256d lo4 = _mm256_set1_pd(lo), top4 = _mm256_set1_pd(top);
  for (; i + block <= x.size(); i += block) {
    __m256d ok = _mm256_castsi256_pd(_mm256_set1_epi32(-1));
    for (std::size_t j = i; j < i + block; j += 4) {
      const __m256d v = _mm256_loadu_pd(x.data() + j);
      const __m256d above = Strict ? _mm256_cmp_pd(v, lo4, _CMP_GT_OQ) : _mm256_cmp_pd(v, lo4, _CMP_GE_OQ);
      ok = _mm256_and_pd(ok, _mm256_and_pd(above, _mm256_cmp_pd(v, top4, _CMP_LE_OQ)));
    }
    if (_mm256_movemask_pd(ok) != 15) break;  // the scalar loop names the value
  }
#elif defined(EMBARGO_SIMD_SSE2)
  const __m128d lo2 = _mm_set1_pd(lo), top2 = _mm_set1_pd(top);
  for (; i + block <= x.size(); i += block) {
    __m128d ok = _mm_castsi128_pd(_mm_set1_epi32(-1));
    for (std::size_t j = i; j < i + block; j += 2) {
      const __m128d v = _mm_loadu_pd(x.data() + j);
      const __m128d above = Strict ? _mm_cmpgt_pd(v, lo2) : _mm_cmpge_pd(v, lo2);
      ok = _mm_and_pd(ok, _mm_and_pd(above, _mm_cmple_pd(v, top2)));
    }
    if (_mm_movemask_pd(ok) != 3) break;
  }
#endif
  for (; i < x.size(); ++i)
    if (!good(x[i])) return i;
  return x.size();
}

/// Throws data_error "<fn>: <name>[i] = v is not a finite positive price" for the first value
/// that is NaN, infinite or <= 0.
inline void check_prices(const char* fn, const char* name, std::span<const double> x) {
  if (const std::size_t i = first_outside<true>(x, 0.0); i < x.size())
    throw data_error(std::string(fn) + ": " + name + "[" + std::to_string(i) + "] = " + std::to_string(x[i]) +
                     " is not a finite positive price");
}

/// Throws data_error "<fn>: <name>[i] = v is not finite" for the first NaN or infinite value.
inline void check_finite(const char* fn, const char* name, std::span<const double> x) {
  if (const std::size_t i = first_outside<false>(x, -std::numeric_limits<double>::max()); i < x.size())
    throw data_error(std::string(fn) + ": " + name + "[" + std::to_string(i) + "] = " + std::to_string(x[i]) +
                     " is not finite");
}

}  // namespace embargo::detail

#endif
