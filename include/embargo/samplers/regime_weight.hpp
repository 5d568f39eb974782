// embargo: regime loss weights (regime-aware-training seed, module 5 "RegimeWeightedLoss"):
// crash 2.0, recovery 1.5, high-vol 1.3, normal 1.0, low-vol 0.8, so the model pays more for
// mistakes in the rare, costly regimes.
#ifndef EMBARGO_SAMPLERS_REGIME_WEIGHT_HPP
#define EMBARGO_SAMPLERS_REGIME_WEIGHT_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/regime.hpp>

namespace embargo {

struct regime_weight_options {
  /// Weight per regime, indexed by embargo::index(regime): low_vol, normal, high_vol, crash, recovery.
  std::array<double, regime_count> by_regime = {0.8, 1.0, 1.3, 2.0, 1.5};
};

/// w_i = by_regime[regime_i]. Preconditions: every weight finite and >= 0, regimes valid.
inline std::vector<double> regime_weights(std::span<const regime> regimes, const regime_weight_options& opt = {}) {
  for (std::size_t k = 0; k < regime_count; ++k)
    if (!(std::isfinite(opt.by_regime[k]) && opt.by_regime[k] >= 0.0))
      throw invalid_argument("regime_weights: weight for " + std::string(to_string(all_regimes[k])) + " = " +
                             std::to_string(opt.by_regime[k]) + " (expected a finite value >= 0)");
  std::vector<double> w(regimes.size());
  for (std::size_t i = 0; i < regimes.size(); ++i) {
    const std::size_t k = index(regimes[i]);
    if (k >= regime_count) throw data_error("regime_weights: regimes[" + std::to_string(i) + "] is not a regime");
    w[i] = opt.by_regime[k];
  }
  return w;
}

/// Weight scheme over per-event regimes the caller keeps alive (one regime per event).
struct regime_weight {
  std::span<const regime> regimes;
  regime_weight_options options{};
  std::vector<double> weights(std::span<const interval> events, std::size_t /*n_bars*/) const {
    if (regimes.size() != events.size())
      throw invalid_argument("regime_weight: " + std::to_string(regimes.size()) + " regimes for " +
                             std::to_string(events.size()) + " events (expected one per event)");
    return regime_weights(regimes, options);
  }
};
static_assert(weight_scheme<regime_weight>);

}  // namespace embargo

#endif
