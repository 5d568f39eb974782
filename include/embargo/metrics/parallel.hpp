// embargo: accumulate a long series on several threads with a result that does not depend on
// the number of threads (DESIGN.md §5): the series is cut into chunks of a fixed size, each chunk
// is pushed into its own set, and the sets are merged in time order. Threads only decide who
// computes which chunk, never where the cuts are.
#ifndef EMBARGO_METRICS_PARALLEL_HPP
#define EMBARGO_METRICS_PARALLEL_HPP

#include <algorithm>
#include <cstddef>
#include <span>
#include <thread>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/metrics/metric_set.hpp>

namespace embargo {

template <class Set>
Set accumulate_parallel(std::span<const double> xs, const metric_options& options, unsigned threads,
                        std::size_t chunk = std::size_t{1} << 16) {
  embargo::detail::require(chunk > 0, "accumulate_parallel: chunk must be positive");
  const std::size_t n_chunks = (xs.size() + chunk - 1) / chunk;
  std::vector<Set> parts(n_chunks, Set(options));
  auto work = [&](std::size_t first, std::size_t stride) {
    for (std::size_t c = first; c < n_chunks; c += stride)
      parts[c].push(xs.subspan(c * chunk, std::min(chunk, xs.size() - c * chunk)));
  };
  const std::size_t t = std::max<std::size_t>(1, std::min<std::size_t>(threads, n_chunks));
  std::vector<std::jthread> pool;
  for (std::size_t k = 1; k < t; ++k) pool.emplace_back(work, k, t);
  work(0, t);
  pool.clear();  // joins
  Set total(options);
  for (const auto& p : parts) total.merge(p);
  return total;
}

}  // namespace embargo

#endif
