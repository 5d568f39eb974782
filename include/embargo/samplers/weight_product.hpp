// embargo: composition of weight schemes at compile time: weights<uniqueness_weight,
// time_decay_weight, regime_weight> multiplies their weights event by event (spec §4.6 [REC]:
// balancing composes multiplicatively with uniqueness and decay) and renormalises.
#ifndef EMBARGO_SAMPLERS_WEIGHT_PRODUCT_HPP
#define EMBARGO_SAMPLERS_WEIGHT_PRODUCT_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

struct weight_product_options {
  /// Rescale the product so that it sums to the number of events (mean 1): keeps a model's
  /// regularisation strength independent of which schemes are multiplied.
  bool normalise = true;
};

/// w_i = prod_s w_i^(s), each scheme asked for weights(events, n_bars) in order. Throws
/// data_error if normalising and the product sums to 0 (e.g. decay zeroed every event).
template <weight_scheme... Schemes>
  requires(sizeof...(Schemes) >= 1)
class weight_product {
 public:
  explicit weight_product(Schemes... s) : schemes_(std::move(s)...) {}
  weight_product(weight_product_options opt, Schemes... s) : schemes_(std::move(s)...), opt_(opt) {}

  std::vector<double> weights(std::span<const interval> events, std::size_t n_bars) const {
    std::vector<double> w(events.size(), 1.0);
    std::apply(
        [&](const auto&... s) {
          (
              [&] {
                const auto f = s.weights(events, n_bars);
                if (f.size() != w.size())
                  throw invalid_argument("weight_product: a scheme returned " + std::to_string(f.size()) +
                                         " weights for " + std::to_string(w.size()) + " events");
                for (std::size_t i = 0; i < w.size(); ++i) w[i] *= f[i];
              }(),
              ...);
        },
        schemes_);
    if (opt_.normalise) {
      double total = 0.0;
      for (double x : w) total += x;
      if (!(total > 0.0 && std::isfinite(total)))
        throw data_error("weight_product: the weights sum to " + std::to_string(total) +
                         " (expected a finite sum > 0 to normalise)");
      const double scale = static_cast<double>(w.size()) / total;
      for (double& x : w) x *= scale;
    }
    return w;
  }

  template <std::size_t I>
  const auto& scheme() const noexcept {
    return std::get<I>(schemes_);
  }

 private:
  std::tuple<Schemes...> schemes_;
  weight_product_options opt_{};
};

/// The product of the schemes' weights: `weights<uniqueness_weight, time_decay_weight>{{}, {{.decay = 0.5}}}`.
template <weight_scheme... Schemes>
using weights = weight_product<Schemes...>;

}  // namespace embargo

#endif
