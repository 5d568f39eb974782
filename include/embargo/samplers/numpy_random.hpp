// embargo: numpy's legacy RandomState stream (MT19937, `random_sample`) for parity tests.
// mlfinlab's sequential bootstrap draws with np.random.RandomState(seed).choice; feeding our
// bootstrap this generator reproduces its seeded draws (sequential_bootstrap_textbook.json).
#ifndef EMBARGO_SAMPLERS_NUMPY_RANDOM_HPP
#define EMBARGO_SAMPLERS_NUMPY_RANDOM_HPP

#include <cstdint>
#include <random>

#include <embargo/samplers/concepts.hpp>

namespace embargo {

/// np.random.RandomState(seed) for 0 <= seed < 2^32: MT19937 seeded by init_genrand (the same
/// initialisation std::mt19937 specifies), and random_sample() = (a >> 5, b >> 6) combined into
/// 53 bits: (a * 2^26 + b) / 2^53 (numpy legacy_double).
class numpy_random_state {
 public:
  explicit numpy_random_state(std::uint32_t seed) : mt_(seed) {}
  double uniform() {
    const auto a = static_cast<std::uint32_t>(mt_()) >> 5;
    const auto b = static_cast<std::uint32_t>(mt_()) >> 6;
    return (static_cast<double>(a) * 67108864.0 + static_cast<double>(b)) / 9007199254740992.0;
  }

 private:
  std::mt19937 mt_;
};
static_assert(uniform_generator<numpy_random_state>);
static_assert(uniform_generator<splitmix64>);

}  // namespace embargo

#endif
