// embargo: the instruction sets the hand-vectorised kernels may use. Every x86-64 target has
// SSE2; AVX2 is used only when the build enables it (-march=native or -mavx2), so a default build
// runs on any x86-64. -DEMBARGO_NO_SIMD selects the portable loops everywhere (the tests build
// both paths, so neither can rot).
#ifndef EMBARGO_CORE_SIMD_HPP
#define EMBARGO_CORE_SIMD_HPP

#if !defined(EMBARGO_NO_SIMD) && defined(__SSE2__)
#define EMBARGO_SIMD_SSE2 1
#include <emmintrin.h>
#endif

#if !defined(EMBARGO_NO_SIMD) && defined(__AVX2__)
#define EMBARGO_SIMD_AVX2 1
#include <immintrin.h>
#endif

#if !defined(EMBARGO_NO_SIMD) && defined(__AVX512F__)
#define EMBARGO_SIMD_AVX512 1
#endif

#endif
