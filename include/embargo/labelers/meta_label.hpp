// embargo: meta-labels (AFML §3.6): given the side a primary model bet on, 1 when the bet made
// money over the event's span, else 0. The secondary model then learns when to trust the
// primary one (bet or pass), not the direction.
#ifndef EMBARGO_LABELERS_META_LABEL_HPP
#define EMBARGO_LABELERS_META_LABEL_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

struct meta_label_options {
  double min_return = 0.0;  ///< the bet counts as profitable when side * (P[t1]/P[t0] - 1) > min_return (costs)
};

/// label_k = 1 if side_k * (close[t1_k] / close[t0_k] - 1) > min_return, else 0.
/// Preconditions: one side (+1 or -1) per event; t0 <= t1 < n; prices finite and > 0.
inline std::vector<int> meta_labels(std::span<const double> close, std::span<const interval> events,
                                    std::span<const double> side, meta_label_options opt = {}) {
  detail::require(side.size() == events.size(), "meta_labels: " + std::to_string(side.size()) + " sides for " +
                                                    std::to_string(events.size()) + " events (expected one per event)");
  detail::require(std::isfinite(opt.min_return), "meta_labels: min_return must be finite");
  std::vector<int> out(events.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    const auto [t0, t1] = events[k];
    if (t0 > t1 || t1 >= close.size())
      throw data_error("meta_labels: event " + std::to_string(k) + " [" + std::to_string(t0) + ", " + std::to_string(t1) +
                       "] is not inside the series of " + std::to_string(close.size()) + " bars with t0 <= t1");
    if (side[k] != 1.0 && side[k] != -1.0)
      throw data_error("meta_labels: side[" + std::to_string(k) + "] = " + std::to_string(side[k]) + " (expected +1 or -1)");
    const double p0 = close[t0], p1 = close[t1];
    if (!(std::isfinite(p0) && p0 > 0.0 && std::isfinite(p1) && p1 > 0.0))
      throw data_error("meta_labels: event " + std::to_string(k) + " has a non-positive or non-finite price");
    out[k] = side[k] * (p1 / p0 - 1.0) > opt.min_return ? 1 : 0;
  }
  return out;
}

/// One meta-label with its span.
struct meta_label {
  std::size_t t0 = 0;
  std::size_t t1 = 0;
  int label = 0;  ///< 1: the primary bet made money over [t0, t1], else 0
};

/// meta_labels as a labeler (core/concepts.hpp): the sides (one per event) and options are fixed;
/// label(close, events) takes the events' spans.
struct meta_labeler {
  std::span<const double> side;
  meta_label_options options{};

  std::vector<meta_label> label(std::span<const double> close, std::span<const interval> events) const {
    const auto labels = meta_labels(close, events, side, options);
    std::vector<meta_label> out(events.size());
    for (std::size_t k = 0; k < events.size(); ++k) out[k] = {events[k].t0, events[k].t1, labels[k]};
    return out;
  }
};
static_assert(labeler<meta_labeler, std::span<const double>, std::span<const interval>>);

}  // namespace embargo

#endif
