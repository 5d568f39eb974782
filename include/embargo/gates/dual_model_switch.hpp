// embargo: the dual-model switch rule (model A on 90 % of the data, model B on 100 %).
// Keep A by default; switch to B only when B won ≥ 75 % of the comparison windows in each of
// the last 3 monitoring runs and A's drift stayed below 10 % (the seed's rule, as options).
#ifndef EMBARGO_GATES_DUAL_MODEL_SWITCH_HPP
#define EMBARGO_GATES_DUAL_MODEL_SWITCH_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>

#include <embargo/core/error.hpp>

namespace embargo {

/// One monitoring pass: B's win rate over the windows (fraction in [0, 1]) and A's drift as a
/// fraction (0.10 = 10 %; the seed's model_a_drift_pct is in percent, the archive converts).
struct monitoring_observation {
  double model_b_win_rate = 0.0;
  double model_a_drift = 0.0;
};

struct dual_model_switch_options {
  double min_win_rate = 0.75;         ///< B's win rate ≥ this
  std::size_t consecutive_runs = 3;   ///< in each of the last this many runs
  double max_drift = 0.10;            ///< and A's drift < this (strictly)
};

struct switch_decision {
  bool use_model_b = false;
  std::size_t qualifying_runs = 0;  ///< trailing runs that meet both conditions
  std::string reason;
};

class dual_model_switch_rule {
 public:
  /// Throws invalid_argument unless consecutive_runs ≥ 1 and the thresholds are not NaN.
  explicit dual_model_switch_rule(dual_model_switch_options opt = {}) : opt_(opt) {
    detail::require(opt.consecutive_runs >= 1, "dual_model_switch_rule: consecutive_runs must be >= 1");
    detail::require(!std::isnan(opt.min_win_rate) && !std::isnan(opt.max_drift),
                    "dual_model_switch_rule: thresholds must not be NaN");
  }

  /// `history` in chronological order (oldest first); NaN values never qualify.
  switch_decision decide(std::span<const monitoring_observation> history) const {
    switch_decision d;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      if (!(it->model_b_win_rate >= opt_.min_win_rate && it->model_a_drift < opt_.max_drift)) break;
      ++d.qualifying_runs;
    }
    d.use_model_b = d.qualifying_runs >= opt_.consecutive_runs;
    d.reason = d.use_model_b ? "USE MODEL B: won >= " + std::to_string(opt_.min_win_rate) + " of windows with drift < " +
                                   std::to_string(opt_.max_drift) + " in the last " +
                                   std::to_string(opt_.consecutive_runs) + " runs"
                             : "USE MODEL A: " + std::to_string(d.qualifying_runs) + " of " +
                                   std::to_string(opt_.consecutive_runs) + " required consecutive qualifying runs";
    return d;
  }

 private:
  dual_model_switch_options opt_;
};

}  // namespace embargo

#endif
