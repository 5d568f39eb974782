// embargo: recency weights with an exponential half-life (quant-bot seed: "weight samples by
// recency and uniqueness", decay = 0.95 per sample). Unlike time_decay (AFML 4.7, linear in
// cumulative uniqueness) this decays in bars, so a quiet month and a busy month age alike.
#ifndef EMBARGO_SAMPLERS_RECENCY_HPP
#define EMBARGO_SAMPLERS_RECENCY_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/samplers/uniqueness.hpp>

namespace embargo {

struct recency_options {
  /// Bars after which a weight halves. A per-sample factor d (the seed's decay = 0.95, one
  /// sample per bar) is the half-life h = ln 2 / -ln d (13.5 bars for 0.95).
  double half_life = 252.0;
};

/// w_i = 2^(-(T - t0_i) / h), T = the latest t0: the newest event weighs 1, an event h bars
/// older 0.5. Preconditions: events valid (t1 >= t0, inside [0, n_bars)), h finite and > 0.
inline std::vector<double> recency_weights(std::span<const interval> events, std::size_t n_bars,
                                           recency_options opt = {}) {
  if (!(std::isfinite(opt.half_life) && opt.half_life > 0.0))
    throw invalid_argument("recency_weights: half_life = " + std::to_string(opt.half_life) +
                           " (expected a finite number of bars > 0)");
  detail::check_weight_events(events, n_bars, "recency_weights");
  std::size_t newest = 0;
  for (const auto& e : events) newest = e.t0 > newest ? e.t0 : newest;
  std::vector<double> w(events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    w[i] = std::exp2(-static_cast<double>(newest - events[i].t0) / opt.half_life);
  return w;
}

/// Weight scheme form of recency_weights.
struct recency_weight {
  recency_options options{};
  std::vector<double> weights(std::span<const interval> events, std::size_t n_bars) const {
    return recency_weights(events, n_bars, options);
  }
};
static_assert(weight_scheme<recency_weight>);

}  // namespace embargo

#endif
