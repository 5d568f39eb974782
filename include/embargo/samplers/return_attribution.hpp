// embargo: sample weights by attributed absolute log return (López de Prado 2018, ch. 4.6,
// snippet 4.10; mlfinlab `get_weights_by_return`): labels with large, unshared moves weigh more.
// The return of each bar is split equally among the labels alive on it.
#ifndef EMBARGO_SAMPLERS_RETURN_ATTRIBUTION_HPP
#define EMBARGO_SAMPLERS_RETURN_ATTRIBUTION_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/samplers/uniqueness.hpp>

namespace embargo {

struct return_attribution_options {
  /// true (peer parity): a span [t0, t1] attributes r_{t0} = log P_{t0} - log P_{t0-1}, the move
  /// INTO t0, which predates the bet. false [REC option]: only returns strictly after t0.
  bool include_t0 = true;
};

/// r_b = log P_b - log P_{b-1} (r_0 = 0: pandas' NaN, skipped by its sum);
/// raw_i = | sum_{b in span i} r_b / c_b | with c_b the concurrency of all events;
/// w_i = raw_i * N / sum_j raw_j, so the weights sum to the number of events N.
/// Preconditions: close.size() is the bar count, every close finite and > 0, events inside it,
/// and not every raw weight zero (throws data_error: nothing to normalise by).
inline std::vector<double> return_attribution_weights(std::span<const interval> events, std::span<const double> close,
                                                      return_attribution_options opt = {}) {
  const std::size_t n = close.size();
  detail::check_weight_events(events, n, "return_attribution_weights");
  detail::check_prices("return_attribution_weights", "close", close);  // log returns need P > 0
  const auto c = concurrency(events, n);
  std::vector<double> w(events.size());
  double total = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    double s = 0.0;
    for (std::size_t b = opt.include_t0 ? e.t0 : e.t0 + 1; b <= e.t1; ++b)
      if (b > 0) s += (std::log(close[b]) - std::log(close[b - 1])) / static_cast<double>(c[b]);
    w[i] = std::fabs(s);
    total += w[i];
  }
  if (!(total > 0.0))
    throw data_error("return_attribution_weights: every attributed return is 0 (flat prices?); cannot normalise");
  const double scale = static_cast<double>(events.size()) / total;
  for (double& x : w) x *= scale;
  return w;
}

/// Weight scheme over a close series the caller keeps alive (the span is not copied).
/// `n_bars` passed to weights() must equal close.size().
struct return_attribution_weight {
  std::span<const double> close;
  return_attribution_options options{};

  std::vector<double> weights(std::span<const interval> events, std::size_t n_bars) const {
    if (n_bars != close.size())
      throw invalid_argument("return_attribution_weight: n_bars = " + std::to_string(n_bars) + " but close has " +
                             std::to_string(close.size()) + " bars");
    return return_attribution_weights(events, close, options);
  }
};
static_assert(weight_scheme<return_attribution_weight>);

}  // namespace embargo

#endif
