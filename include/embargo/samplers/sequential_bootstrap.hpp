// embargo: sequential bootstrap (López de Prado 2018, ch. 4.5, snippets 4.5-4.6): draws that
// favour labels overlapping little with those already drawn. An exact reference (the textbook
// loop) and a fast path that gives the same draws, with incremental updates and a sum tree.
#ifndef EMBARGO_SAMPLERS_SEQUENTIAL_BOOTSTRAP_HPP
#define EMBARGO_SAMPLERS_SEQUENTIAL_BOOTSTRAP_HPP

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>
#include <embargo/samplers/concepts.hpp>

namespace embargo {

/// What a bootstrap returns.
struct bootstrap_result {
  std::vector<std::size_t> indices;     ///< the drawn events, in draw order (with repetitions)
  std::vector<double> draw_probability; ///< P(drawn index) at its draw (forced warm-up draws too)
  /// Mean over the draws of the drawn label's average uniqueness within the drawn multiset
  /// (c_b counts draws, duplicates included): the quality the bootstrap maximises.
  double average_uniqueness = 0.0;
};

/// The distribution of the next draw given the draws so far.
struct bootstrap_distribution {
  std::vector<double> average_uniqueness_if_added;  ///< U_i = mean_{b in span i} 1/(1 + C_b)
  std::vector<double> draw_probability;             ///< U_i / sum_j U_j
};

namespace detail {

inline void check_bootstrap_input(std::span<const interval> events, std::span<const std::size_t> warmup,
                                  const char* who) {
  validate_events(events, 0, /*require_sorted=*/false);
  for (std::size_t k = 0; k < warmup.size(); ++k)
    if (warmup[k] >= events.size())
      throw invalid_argument(std::string(who) + ": warmup[" + std::to_string(k) + "] = " + std::to_string(warmup[k]) +
                             " is not an event index (there are " + std::to_string(events.size()) + " events)");
}

struct bootstrap_grid {
  std::size_t base = 0, n_bars = 0;
  explicit bootstrap_grid(std::span<const interval> events) {
    std::size_t lo = events[0].t0, hi = events[0].t1;
    for (const auto& e : events) lo = std::min(lo, e.t0), hi = std::max(hi, e.t1);
    base = lo;
    n_bars = hi - lo + 1;
  }
};

/// U_i with the textbook's order of operations: sum over b ascending of 1/(1 + C_b), then divide
/// by the length. Both paths call this, so their U_i are bitwise equal.
inline double uniqueness_if_added(const interval& e, std::size_t base, const std::uint32_t* count) {
  double s = 0.0;
  for (std::size_t b = e.t0 - base; b <= e.t1 - base; ++b) s += 1.0 / (1.0 + static_cast<double>(count[b]));
  return s / static_cast<double>(e.length());
}

/// The reference selection: first i with fl-cumsum(U)_i > u * fl-sum(U), summed left to right
/// (the bench baseline's rule; numpy's choice normalises the cdf first, which differs only on
/// exact ties). Returns the index; `total` receives the sum.
inline std::size_t select_sequential(std::span<const double> avg, double u, double& total) {
  double tot = 0.0;
  for (double a : avg) tot += a;
  total = tot;
  const double target = u * tot;
  double cum = 0.0;
  for (std::size_t i = 0; i < avg.size(); ++i) {
    cum += avg[i];
    if (cum > target) return i;
  }
  return avg.size() - 1;
}

inline double drawn_average_uniqueness(std::span<const interval> events, std::span<const std::size_t> drawn,
                                       std::size_t base, const std::uint32_t* count) {
  if (drawn.empty()) return 0.0;
  double sum = 0.0;
  for (std::size_t i : drawn) {
    const auto& e = events[i];
    double s = 0.0;
    for (std::size_t b = e.t0 - base; b <= e.t1 - base; ++b) s += 1.0 / static_cast<double>(count[b]);
    sum += s / static_cast<double>(e.length());
  }
  return sum / static_cast<double>(drawn.size());
}

}  // namespace detail

/// Distribution of the next draw after the (multi)set `drawn` (AFML 4.5.3): C_b = number of
/// drawn labels covering b, U_i = mean_{b in span i} 1/(1 + C_b), p_i = U_i / sum_j U_j.
/// With nothing drawn every U_i = 1 (uniform first draw). Textbook spans {0,1,2},{2,3},{4,5}
/// after [1]: p = 5/14, 3/14, 6/14.
inline bootstrap_distribution bootstrap_probabilities(std::span<const interval> events,
                                                      std::span<const std::size_t> drawn = {}) {
  detail::check_bootstrap_input(events, drawn, "bootstrap_probabilities");
  const detail::bootstrap_grid g(events);
  std::vector<std::uint32_t> count(g.n_bars, 0);
  for (std::size_t i : drawn)
    for (std::size_t b = events[i].t0; b <= events[i].t1; ++b) ++count[b - g.base];
  bootstrap_distribution d;
  d.average_uniqueness_if_added.resize(events.size());
  double total = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i)
    total += d.average_uniqueness_if_added[i] = detail::uniqueness_if_added(events[i], g.base, count.data());
  d.draw_probability.resize(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) d.draw_probability[i] = d.average_uniqueness_if_added[i] / total;
  return d;
}

/// Sequential bootstrap, reference algorithm (AFML snippet 4.5; mlfinlab `seq_bootstrap`):
/// n_draws draws with replacement (0 = one per event). Draw k: forced to warmup[k] while warm-up
/// indices remain (mlfinlab `warmup_samples`; no random number is consumed), else u = rng.uniform()
/// and the first i with cumsum(U)_i > u * sum(U) (see bootstrap_probabilities for U).
/// O(n_draws * sum of event lengths): use it as the specification; sequential_bootstrap_fast
/// returns the same draws much faster. Events need not be sorted.
template <uniform_generator Rng>
bootstrap_result sequential_bootstrap_exact(std::span<const interval> events, std::size_t n_draws, Rng& rng,
                                            std::span<const std::size_t> warmup = {}) {
  detail::check_bootstrap_input(events, warmup, "sequential_bootstrap_exact");
  if (n_draws == 0) n_draws = events.size();
  const detail::bootstrap_grid g(events);
  std::vector<std::uint32_t> count(g.n_bars, 0);
  std::vector<double> avg(events.size());
  bootstrap_result r;
  r.indices.reserve(n_draws);
  r.draw_probability.reserve(n_draws);
  for (std::size_t d = 0; d < n_draws; ++d) {
    for (std::size_t i = 0; i < events.size(); ++i) avg[i] = detail::uniqueness_if_added(events[i], g.base, count.data());
    std::size_t ch;
    double total;
    if (d < warmup.size()) {
      ch = warmup[d];
      total = 0.0;
      for (double a : avg) total += a;
    } else {
      ch = detail::select_sequential(avg, rng.uniform(), total);
    }
    r.indices.push_back(ch);
    r.draw_probability.push_back(avg[ch] / total);
    for (std::size_t b = events[ch].t0; b <= events[ch].t1; ++b) ++count[b - g.base];
  }
  r.average_uniqueness = detail::drawn_average_uniqueness(events, r.indices, g.base, count.data());
  return r;
}

/// Sequential bootstrap, fast path with the same semantics and the same draws as
/// sequential_bootstrap_exact (López de Prado's algorithm, spec [REC] 4.3):
/// - C_b is a dense bar array; after drawing i only the labels overlapping span(i) change U, so
///   only they are recomputed (same formula and summation order as the reference: bitwise
///   equal U). Cost per draw: O(sum of the lengths of the labels overlapping the drawn one).
/// - The U_i sit in a sum tree (segment tree whose nodes are recomputed from their children, so
///   rounding never accumulates over updates); a draw descends it in O(log n).
/// - The tree's prefix sums round differently from the reference's left-to-right cumsum, by at
///   most delta = (2n + 4 log2 n + 16) 2^-53 * sum(U) (standard summation error bounds). When
///   u * sum(U) lies within delta of the chosen interval's ends the draw is re-done with the
///   reference's O(n) scan, so the draws are IDENTICAL to the reference for the same generator
///   (not merely close); this happens with probability about 4 n^2 2^-53 per draw.
/// Memory: O(n_bars + sum of lengths) for the bar -> covering-labels index.
template <uniform_generator Rng>
bootstrap_result sequential_bootstrap_fast(std::span<const interval> events, std::size_t n_draws, Rng& rng,
                                           std::span<const std::size_t> warmup = {}) {
  detail::check_bootstrap_input(events, warmup, "sequential_bootstrap_fast");
  if (n_draws == 0) n_draws = events.size();
  const std::size_t m = events.size();
  if (m > 0xFFFFFFFFu) throw invalid_argument("sequential_bootstrap_fast: more than 2^32 - 1 events");
  const detail::bootstrap_grid g(events);
  // Bar -> labels covering it (CSR).
  std::vector<std::size_t> start(g.n_bars + 1, 0);
  for (const auto& e : events)
    for (std::size_t b = e.t0 - g.base; b <= e.t1 - g.base; ++b) ++start[b + 1];
  for (std::size_t b = 0; b < g.n_bars; ++b) start[b + 1] += start[b];
  std::vector<std::uint32_t> cover(start.back());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t b = events[i].t0 - g.base; b <= events[i].t1 - g.base; ++b)
        cover[fill[b]++] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint32_t> count(g.n_bars, 0);
  // Sum tree: leaves at [p, p + m), padding leaves 0; U_i = 1 before the first draw.
  const std::size_t p = std::bit_ceil(m);
  const double depth = static_cast<double>(std::bit_width(p));
  std::vector<double> tree(2 * p, 0.0);
  for (std::size_t i = 0; i < m; ++i) tree[p + i] = 1.0;
  for (std::size_t k = p - 1; k >= 1; --k) tree[k] = tree[2 * k] + tree[2 * k + 1];
  const double delta_factor = (2.0 * static_cast<double>(m) + 4.0 * depth + 16.0) * 0x1.0p-53 * 1.0625;
  std::vector<std::size_t> stamp(m, 0);

  bootstrap_result r;
  r.indices.reserve(n_draws);
  r.draw_probability.reserve(n_draws);
  for (std::size_t d = 0; d < n_draws; ++d) {
    std::size_t ch;
    double total = tree[1];
    if (d < warmup.size()) {
      ch = warmup[d];
    } else {
      const double u = rng.uniform();
      const double target = u * total;
      std::size_t node = 1;
      double acc = 0.0;
      while (node < p) {
        const std::size_t left = 2 * node;
        if (acc + tree[left] > target) {
          node = left;
        } else {
          acc += tree[left];
          node = left + 1;
        }
      }
      ch = node - p;
      const double delta = delta_factor * total;
      if (ch >= m || !(target - acc > delta) || !(acc + tree[node] - target > delta))
        ch = detail::select_sequential(std::span<const double>(tree.data() + p, m), u, total);
    }
    r.indices.push_back(ch);
    r.draw_probability.push_back(tree[p + ch] / total);
    const auto& e = events[ch];
    for (std::size_t b = e.t0 - g.base; b <= e.t1 - g.base; ++b) ++count[b];
    for (std::size_t b = e.t0 - g.base; b <= e.t1 - g.base; ++b)
      for (std::size_t k = start[b]; k < start[b + 1]; ++k) {
        const std::size_t j = cover[k];
        if (stamp[j] == d + 1) continue;
        stamp[j] = d + 1;
        std::size_t node = p + j;
        tree[node] = detail::uniqueness_if_added(events[j], g.base, count.data());
        for (node >>= 1; node >= 1; node >>= 1) tree[node] = tree[2 * node] + tree[2 * node + 1];
      }
  }
  r.average_uniqueness = detail::drawn_average_uniqueness(events, r.indices, g.base, count.data());
  return r;
}

/// Method tags for the sequential_bootstrap sampler.
struct bootstrap_exact {};
struct bootstrap_fast {};

struct sequential_bootstrap_options {
  std::vector<std::size_t> warmup{};  ///< forced first draws (mlfinlab warmup_samples)
};

/// The sequential bootstrap as a `sampler`: sample(events, n, rng) draws n indices (0 = one per
/// event). Method = bootstrap_fast (default) or bootstrap_exact; both give the same draws.
template <class Method = bootstrap_fast>
class sequential_bootstrap {
 public:
  explicit sequential_bootstrap(sequential_bootstrap_options opt = {}) : opt_(std::move(opt)) {}

  template <uniform_generator Rng>
  bootstrap_result run(std::span<const interval> events, std::size_t n_draws, Rng& rng) const {
    if constexpr (std::is_same_v<Method, bootstrap_exact>)
      return sequential_bootstrap_exact(events, n_draws, rng, opt_.warmup);
    else
      return sequential_bootstrap_fast(events, n_draws, rng, opt_.warmup);
  }
  template <uniform_generator Rng>
  std::vector<std::size_t> sample(std::span<const interval> events, std::size_t n_draws, Rng& rng) const {
    return run(events, n_draws, rng).indices;
  }

 private:
  sequential_bootstrap_options opt_;
};
static_assert(sampler<sequential_bootstrap<>>);
static_assert(sampler<sequential_bootstrap<bootstrap_exact>>);

}  // namespace embargo

#endif
