// embargo: label concurrency per bar and average uniqueness per event (López de Prado 2018,
// ch. 4, snippets 4.1-4.2). One difference-array pass over the bars plus one pass over each
// event's span: O(n_bars + sum of event lengths), never the dense indicator matrix.
#ifndef EMBARGO_SAMPLERS_UNIQUENESS_HPP
#define EMBARGO_SAMPLERS_UNIQUENESS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

namespace detail {

/// Events must be non-empty, t1 >= t0 and inside [0, n_bars). Weights do not need sorted t0
/// (positional identity is kept; mlfinlab keyed by timestamp and lost duplicates, openquant#91).
inline void check_weight_events(std::span<const interval> events, std::size_t n_bars, const char* who) {
  if (n_bars == 0) throw invalid_argument(std::string(who) + ": n_bars is 0 (expected the length of the bar series)");
  validate_events(events, n_bars, /*require_sorted=*/false);
}

}  // namespace detail

/// Concurrency and average uniqueness of a set of events.
/// - concurrency[b] = c_b = #{i : t0_i <= b <= t1_i}, b = 0..n_bars-1 (spans closed on both ends,
///   as in every peer); counted over ALL events passed, not only a training subset.
/// - average_uniqueness[i] = ubar_i = mean_{b in [t0_i, t1_i]} 1 / c_b   (in (0, 1]).
/// The values equal mlfinlab's `get_av_uniqueness_from_triple_barrier` to within 1e-15 relative
/// (ours are the exact means correctly rounded; see label_uniqueness).
struct uniqueness_result {
  std::vector<std::uint32_t> concurrency;  ///< one count per bar (32 bits: half the memory traffic)
  std::vector<double> average_uniqueness;  ///< one value per event, in input order
};

/// Preconditions: events non-empty, t1 >= t0, t1 < n_bars (throws data_error naming the event).
///
/// Arithmetic: with L = lcm(1..K) for the largest K such that L * (longest span) < 2^32, every
/// 1/c_b with c_b <= K is the integer L/c_b in units of 1/L, so one pass over the bars builds an
/// exact 32-bit prefix sum (wrap-around is harmless: span sums stay below 2^32) and
/// ubar_i = (Q[t1+1] - Q[t0]) / (L len_i) is the exact mean, correctly rounded, in O(1) per
/// event. If some c_b exceeds K (very concurrent labels) the means are summed in double over each
/// span instead, in increasing b (mlfinlab's order). Both agree to within 1e-15 relative.
inline uniqueness_result label_uniqueness(std::span<const interval> events, std::size_t n_bars) {
  detail::check_weight_events(events, n_bars, "label_uniqueness");
  uniqueness_result r;
  auto& c = r.concurrency;
  // Difference array: +1 at t0, -1 after t1. Unsigned wrap-around is harmless because every
  // prefix sum is a true (non-negative) count.
  c = detail::filled_large<std::uint32_t>(n_bars + 1, 0);  // 400 MB at 1e8 bars: huge pages
  std::size_t max_len = 0;
  for (const auto& e : events) {
    ++c[e.t0];
    --c[e.t1 + 1];
    max_len = e.length() > max_len ? e.length() : max_len;
  }
  // Largest K with lcm(1..K) * max_len < 2^32 (K = 18 for spans up to 21 bars).
  std::uint64_t big_l = 1;
  std::uint32_t k_max = 0;
  for (std::uint64_t k = 1; k <= 64; ++k) {
    std::uint64_t a = big_l, b = k;
    while (b != 0) a %= b, std::swap(a, b);
    const std::uint64_t next = big_l / a * k;
    constexpr std::uint64_t two32m1 = (std::uint64_t{1} << 32) - 1;
    if (next > two32m1 || max_len > two32m1 / next) break;  // need max_len * L <= 2^32 - 1
    big_l = next;
    k_max = static_cast<std::uint32_t>(k);
  }
  std::vector<std::uint32_t> tab(static_cast<std::size_t>(k_max) + 2, 0);
  for (std::size_t k = 1; k <= k_max; ++k) tab[k] = static_cast<std::uint32_t>(big_l / k);
  // Events are finalised in t0 order while their Q values are still in a small rolling buffer,
  // so the prefix never needs an n-sized array (4 MB less to write per million bars).
  const std::size_t m = events.size();
  std::vector<std::size_t> order;
  bool sorted = true;
  for (std::size_t i = 1; i < m && sorted; ++i) sorted = events[i - 1].t0 <= events[i].t0;
  if (!sorted) {
    order.resize(m);
    for (std::size_t i = 0; i < m; ++i) order[i] = i;
    std::ranges::stable_sort(order, [&](std::size_t x, std::size_t y) { return events[x].t0 < events[y].t0; });
  }
  auto event_at = [&](std::size_t k) -> std::size_t { return sorted ? k : order[k]; };
  detail::reserve_large(r.average_uniqueness, m);
  r.average_uniqueness.resize(m);
  double* out = r.average_uniqueness.data();
  const std::size_t hist = max_len;                        // Q history kept across blocks
  const std::size_t block = std::max<std::size_t>(4096, 4 * hist);
  std::vector<std::uint32_t> qb(block + hist + 1, 0);      // qb[k + hist - s] = Q[k]
  std::uint32_t run = 0, max_c = 0, acc = 0;
  std::uint32_t* cp = c.data();
  std::uint32_t* qp = qb.data();
  const std::uint32_t* tp = tab.data();
  const std::uint32_t clamp = k_max + 1;  // tab[K + 1] = 0; such bars trigger the fallback below
  std::size_t next = 0;
  auto finalise = [&](std::size_t s, std::size_t upto) {
    // Every unfinalised event has t0 > s - hist, and t1 + 1 <= t0 + hist <= upto.
    for (; next < m; ++next) {
      const auto& e = events[event_at(next)];
      if (e.t0 + hist > upto) break;
      const std::uint32_t sum = qp[e.t1 + 1 + hist - s] - qp[e.t0 + hist - s];
      out[event_at(next)] = static_cast<double>(sum) / static_cast<double>(big_l * e.length());
    }
  };
  std::size_t s = 0;
  for (; s < n_bars; s += block) {
    const std::size_t e = std::min(s + block, n_bars);
    std::uint32_t* q = qp + hist;  // q[b - s] = Q[b]
    std::uint32_t* cb = cp + s;
    for (std::size_t j = 0; j < e - s; ++j) {
      run += cb[j];
      cb[j] = run;
      max_c = run > max_c ? run : max_c;
      q[j] = acc;
      acc += tp[run < clamp ? run : clamp];
    }
    q[e - s] = acc;
    finalise(s, e);
    if (e < n_bars) std::copy(qp + (e - s), qp + (e - s) + hist + 1, qp);  // keep Q[e - hist .. e]
  }
  finalise(s - block, n_bars + hist);  // the tail: all remaining indices lie in [n - hist, n]
  c.pop_back();
  if (max_c <= k_max) return r;
  std::vector<double> inv(static_cast<std::size_t>(max_c) + 1, 0.0);
  for (std::size_t k = 1; k < inv.size(); ++k) inv[k] = 1.0 / static_cast<double>(k);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    double s = 0.0;
    for (std::size_t b = e.t0; b <= e.t1; ++b) s += inv[cp[b]];
    r.average_uniqueness[i] = s / static_cast<double>(e.length());
  }
  return r;
}

/// c_b for b in [0, n_bars) (see label_uniqueness).
inline std::vector<std::uint32_t> concurrency(std::span<const interval> events, std::size_t n_bars) {
  return label_uniqueness(events, n_bars).concurrency;
}

/// ubar_i per event (see label_uniqueness).
inline std::vector<double> average_uniqueness(std::span<const interval> events, std::size_t n_bars) {
  return label_uniqueness(events, n_bars).average_uniqueness;
}

/// mlfinlab's `get_ind_mat_average_uniqueness` (AFML 4.5.3): the mean over all non-zero entries
/// u_{b,i} = 1/c_b of the indicator matrix, i.e. sum_i sum_{b in span i} 1/c_b / sum_i len_i.
/// Not the mean of the per-event averages (textbook example: 0.857 vs 0.861).
inline double overall_average_uniqueness(std::span<const interval> events, std::size_t n_bars) {
  const auto r = label_uniqueness(events, n_bars);
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const double len = static_cast<double>(events[i].length());
    num += r.average_uniqueness[i] * len;
    den += len;
  }
  return num / den;
}

/// Weight scheme: w_i = ubar_i (AFML 4.4: weight by average uniqueness so that overlapping labels
/// do not count several times).
struct uniqueness_weight {
  std::vector<double> weights(std::span<const interval> events, std::size_t n_bars) const {
    return average_uniqueness(events, n_bars);
  }
};
static_assert(weight_scheme<uniqueness_weight>);

}  // namespace embargo

#endif
