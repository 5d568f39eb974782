// Shared by the single-header test programs: a deterministic price path and printing. Only the
// standard library, so that a program sees embargo through one header and nothing else.
#ifndef EMBARGO_TESTS_SINGLE_INCLUDE_COMMON_HPP
#define EMBARGO_TESTS_SINGLE_INCLUDE_COMMON_HPP

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace single_test {

/// A uniform in [0, 1) from a 64-bit LCG (same numbers with every standard library).
struct lcg {
  std::uint64_t s;
  double operator()() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) * 0x1.0p-53;
  }
};

/// n closes of a random walk in log prices with steps of up to +-2 %.
inline std::vector<double> price_path(std::size_t n, std::uint64_t seed) {
  lcg u{seed};
  std::vector<double> close(n);
  double log_p = std::log(100.0);
  for (auto& c : close) {
    log_p += 0.04 * (u() - 0.5);
    c = std::exp(log_p);
  }
  return close;
}

/// One result per line, doubles in full (the two builds must agree bit for bit).
inline void put(const char* key, double v) { std::printf("%s %.17g\n", key, v); }
inline void put(const char* key, std::size_t v) { std::printf("%s %zu\n", key, v); }

/// Exits with a message unless ok: the result is not only the same in both builds, but sane.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "check failed: %s\n", what);
    std::exit(1);
  }
}

}  // namespace single_test

#endif
