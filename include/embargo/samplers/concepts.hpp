// embargo: the concepts of samplers/ (to be moved to core/concepts.hpp by the lead).
// A sampler draws event indices with a caller-owned generator so that runs are reproducible;
// generators are specified (splitmix64, numpy's MT19937 stream), never std:: distributions.
#ifndef EMBARGO_SAMPLERS_CONCEPTS_HPP
#define EMBARGO_SAMPLERS_CONCEPTS_HPP

#include <concepts>
#include <cstddef>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>

namespace embargo {

/// A generator with a fully specified uniform double in [0, 1): g.uniform().
template <class G>
concept uniform_generator = requires(G& g) {
  { g.uniform() } -> std::same_as<double>;
};

/// sample(events, n, rng) -> std::vector<std::size_t>: n indices into events (DESIGN.md §3).
template <class S, class Events = std::vector<interval>, class Rng = splitmix64>
concept sampler = interval_range<Events> && uniform_generator<Rng> &&
                  requires(const S& s, const Events& e, std::size_t n, Rng& rng) {
                    { s.sample(e, n, rng) } -> std::same_as<std::vector<std::size_t>>;
                  };

}  // namespace embargo

#endif
