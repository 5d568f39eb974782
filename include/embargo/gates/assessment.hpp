// embargo: the result of a gate, and the gate_policy concept that produces it.
// One assessment per model: tier, flags (stable upper-case strings the archive writes), the
// per-criterion outcomes behind them, and the overfitting detector's checkpoint advice.
#ifndef EMBARGO_GATES_ASSESSMENT_HPP
#define EMBARGO_GATES_ASSESSMENT_HPP

#include <algorithm>
#include <concepts>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <embargo/gates/metrics_record.hpp>
#include <embargo/gates/overfitting_detector.hpp>
#include <embargo/gates/tier.hpp>

namespace embargo {

/// How one criterion judged its metric. `value` is nullopt when the metric was absent.
struct criterion_outcome {
  std::string metric;
  std::optional<double> value;
  tier result = tier::drop;
};

/// A gate's verdict on one model.
struct assessment {
  tier classification = tier::drop;
  std::vector<std::string> flags;           ///< in the order raised, no duplicates
  std::vector<criterion_outcome> criteria;  ///< in the gate's criterion order
  overfitting_report checkpoint;            ///< use_checkpoint, best_idx, checkpoint_update

  bool has_flag(std::string_view f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }
  void add_flag(std::string f) {
    if (!has_flag(f)) flags.push_back(std::move(f));
  }
};

/// A gate: assess(metrics, validation history) -> assessment.
template <class G>
concept gate_policy = requires(const G& g, const metrics_record& m, std::span<const double> history) {
  { g.assess(m, history) } -> std::same_as<assessment>;
};

}  // namespace embargo

#endif
