// embargo: specified random number generation.
// std::uniform_real_distribution and std::normal_distribution differ between standard
// libraries, so results seeded identically would differ across platforms. These generators and
// transforms are fully specified: same seed, same stream, everywhere.
#ifndef EMBARGO_CORE_RANDOM_HPP
#define EMBARGO_CORE_RANDOM_HPP

#include <cmath>
#include <cstdint>
#include <numbers>

namespace embargo {

/// SplitMix64 (Steele, Lea, Flood 2014): state += 0x9E3779B97F4A7C15, then the standard mix.
/// The same generator the bench baselines and our sequential bootstrap use.
class splitmix64 {
 public:
  using result_type = std::uint64_t;
  constexpr explicit splitmix64(std::uint64_t seed = 0) noexcept : state_(seed) {}

  constexpr std::uint64_t operator()() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static constexpr std::uint64_t min() noexcept { return 0; }
  static constexpr std::uint64_t max() noexcept { return ~std::uint64_t{0}; }

  /// Uniform double in [0, 1): the top 53 bits times 2^-53.
  constexpr double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

/// Mixes several integers into one seed so that (seed, symbol, stream) triples give
/// independent streams; each step is one SplitMix64 output.
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) noexcept {
  splitmix64 g(seed ^ 0x243F6A8885A308D3ULL);
  std::uint64_t s = g() ^ a;
  splitmix64 h(s);
  s = h() ^ b;
  splitmix64 k(s);
  return k();
}

/// Uniform in (0, 1): never exactly 0, so log() is safe.
template <class Rng>
double uniform_open(Rng& rng) noexcept {
  return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
}

/// Standard normal by the Box–Muller transform, one variate per two uniforms (the second is
/// discarded so that every variate consumes exactly two draws and streams stay aligned).
template <class Rng>
double standard_normal(Rng& rng) noexcept {
  const double u1 = uniform_open(rng);
  const double u2 = uniform_open(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace embargo

#endif
