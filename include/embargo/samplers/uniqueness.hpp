// embargo: label concurrency per bar and average uniqueness per event (López de Prado 2018,
// ch. 4, snippets 4.1-4.2). One difference-array pass over the bars plus one pass over each
// event's span: O(n_bars + sum of event lengths), never the dense indicator matrix.
#ifndef EMBARGO_SAMPLERS_UNIQUENESS_HPP
#define EMBARGO_SAMPLERS_UNIQUENESS_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
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
/// Summation order is increasing b, so the values equal mlfinlab's `get_av_uniqueness_from_
/// triple_barrier` and the numba baseline bit for bit.
struct uniqueness_result {
  std::vector<std::uint32_t> concurrency;  ///< one count per bar (32 bits: half the memory traffic)
  std::vector<double> average_uniqueness;  ///< one value per event, in input order
};

/// Preconditions: events non-empty, t1 >= t0, t1 < n_bars (throws data_error naming the event).
inline uniqueness_result label_uniqueness(std::span<const interval> events, std::size_t n_bars) {
  detail::check_weight_events(events, n_bars, "label_uniqueness");
  uniqueness_result r;
  auto& c = r.concurrency;
  // Difference array: +1 at t0, -1 after t1. Unsigned wrap-around is harmless because every
  // prefix sum is a true (non-negative) count.
  c.assign(n_bars + 1, 0);
  for (const auto& e : events) {
    ++c[e.t0];
    --c[e.t1 + 1];
  }
  std::uint32_t run = 0, max_c = 0;
  for (std::size_t b = 0; b < n_bars; ++b) {
    run += c[b];
    c[b] = run;
    max_c = run > max_c ? run : max_c;
  }
  c.pop_back();
  // 1/k from a table: the same IEEE quotient as dividing at every bar, without the divisions.
  std::vector<double> inv(static_cast<std::size_t>(max_c) + 1, 0.0);
  for (std::size_t k = 1; k < inv.size(); ++k) inv[k] = 1.0 / static_cast<double>(k);
  r.average_uniqueness.resize(events.size());
  const std::uint32_t* cp = c.data();
  const double* ip = inv.data();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    double s = 0.0;
    for (std::size_t b = e.t0; b <= e.t1; ++b) s += ip[cp[b]];
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
