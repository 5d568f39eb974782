// embargo: class-balance weights (scikit-learn's class_weight="balanced", spec §4.6 [REC]):
// every class present contributes the same total weight, so a rare label is not drowned out.
// Works for any integer grouping: labels -1/0/+1, or regime indices.
#ifndef EMBARGO_SAMPLERS_CLASS_BALANCE_HPP
#define EMBARGO_SAMPLERS_CLASS_BALANCE_HPP

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

/// w_i = n / (K n_{g(i)}): n samples, K distinct groups present, n_g members of group g.
/// The weights sum to n and every group's weights sum to n / K. Precondition: non-empty.
inline std::vector<double> class_balance_weights(std::span<const int> groups) {
  if (groups.empty()) throw data_error("class_balance_weights: no labels (expected at least one)");
  std::map<int, std::size_t> count;
  for (int g : groups) ++count[g];
  const double n = static_cast<double>(groups.size()), k = static_cast<double>(count.size());
  std::vector<double> w(groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) w[i] = n / (k * static_cast<double>(count[groups[i]]));
  return w;
}

/// Weight scheme over per-event labels the caller keeps alive (one label per event).
struct class_balance_weight {
  std::span<const int> labels;
  std::vector<double> weights(std::span<const interval> events, std::size_t /*n_bars*/) const {
    if (labels.size() != events.size())
      throw invalid_argument("class_balance_weight: " + std::to_string(labels.size()) + " labels for " +
                             std::to_string(events.size()) + " events (expected one per event)");
    return class_balance_weights(labels);
  }
};
static_assert(weight_scheme<class_balance_weight>);

}  // namespace embargo

#endif
