// embargo: time-decay sample weights, piecewise linear in cumulative uniqueness (López de Prado
// 2018, ch. 4.7, snippet 4.11; mlfinlab `get_weights_by_time_decay`). Decay runs on cumulative
// uniqueness, not calendar time, so bursts of overlapping labels do not decay faster.
#ifndef EMBARGO_SAMPLERS_TIME_DECAY_HPP
#define EMBARGO_SAMPLERS_TIME_DECAY_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/samplers/uniqueness.hpp>

namespace embargo {

struct time_decay_options {
  /// c: 1 = no decay; 0 < c < 1 linear decay, the oldest weight ~ c; 0 = decay to ~0;
  /// -1 < c < 0: the oldest |c| fraction of cumulative uniqueness gets weight 0; c > 1 makes
  /// weights grow with age (accepted for peer parity). c <= -1 is rejected (division by zero).
  double decay = 1.0;
};

/// Given ubar_i in chronological (t0) order: x_i = sum_{j<=i} ubar_j, X = x_last;
/// slope = (1 - c)/X for c >= 0, 1/((c + 1) X) for c < 0; w_i = max(0, 1 - slope X + slope x_i).
/// The newest weight is always 1. Preconditions: non-empty, every ubar finite and > 0, c > -1.
inline std::vector<double> time_decay_weights(std::span<const double> chronological_uniqueness,
                                              time_decay_options opt = {}) {
  const double c = opt.decay;
  if (!(std::isfinite(c) && c > -1.0))
    throw invalid_argument("time_decay_weights: decay c = " + std::to_string(c) +
                           " (expected c > -1; c = -1 divides by zero)");
  if (chronological_uniqueness.empty()) throw data_error("time_decay_weights: no events (expected at least one)");
  std::vector<double> x(chronological_uniqueness.size());
  double run = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double u = chronological_uniqueness[i];
    if (!(std::isfinite(u) && u > 0.0))
      throw data_error("time_decay_weights: uniqueness[" + std::to_string(i) + "] = " + std::to_string(u) +
                       " (expected a finite value > 0)");
    run += u;
    x[i] = run;
  }
  const double big_x = x.back();
  const double slope = c >= 0.0 ? (1.0 - c) / big_x : 1.0 / ((c + 1.0) * big_x);
  const double constant = 1.0 - slope * big_x;
  for (double& v : x) v = std::max(0.0, constant + slope * v);
  return x;
}

/// Weight scheme: average uniqueness over all events, cumulated in t0 order (ties keep input
/// order), then time_decay_weights; the result is in input order.
struct time_decay_weight {
  time_decay_options options{};

  std::vector<double> weights(std::span<const interval> events, std::size_t n_bars) const {
    const auto u = average_uniqueness(events, n_bars);
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) { return events[a].t0 < events[b].t0; });
    std::vector<double> chrono(u.size());
    for (std::size_t k = 0; k < order.size(); ++k) chrono[k] = u[order[k]];
    const auto wc = time_decay_weights(chrono, options);
    std::vector<double> w(u.size());
    for (std::size_t k = 0; k < order.size(); ++k) w[order[k]] = wc[k];
    return w;
  }
};
static_assert(weight_scheme<time_decay_weight>);

}  // namespace embargo

#endif
