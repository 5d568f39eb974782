// embargo: the regime gate, a model (or engine) enabled per market regime.
// Each regime's own metrics go through a gate; a model can be fine in normal markets and
// dangerous in a crash, so it is switched on only where its evidence is good enough.
#ifndef EMBARGO_GATES_REGIME_GATE_HPP
#define EMBARGO_GATES_REGIME_GATE_HPP

#include <array>
#include <map>
#include <vector>

#include <embargo/core/regime.hpp>
#include <embargo/gates/assessment.hpp>
#include <embargo/gates/tiered_gate.hpp>

namespace embargo {

struct regime_gate_options {
  bool enable_on_review = false;  ///< also enable where the regime's tier is REVIEW
  bool enable_missing = false;    ///< fallback for regimes without metrics (default: off)
};

/// The verdict for one regime; `assessed` is false when the regime had no metrics.
struct regime_decision {
  regime which = regime::normal;
  bool enabled = false;
  bool assessed = false;
  assessment result;
};

/// Applies `Gate` to every regime's metrics. Enabled iff APPROVED (or REVIEW with
/// enable_on_review); a regime absent from the map follows enable_missing.
template <gate_policy Gate = seed_gate>
class regime_gate {
 public:
  explicit regime_gate(Gate gate = Gate(), regime_gate_options opt = {}) : gate_(std::move(gate)), opt_(opt) {}

  /// One decision per regime, in all_regimes order.
  std::array<regime_decision, regime_count> evaluate(const std::map<regime, metrics_record>& per_regime) const {
    std::array<regime_decision, regime_count> out{};
    for (std::size_t i = 0; i < regime_count; ++i) {
      regime_decision& d = out[i];
      d.which = all_regimes[i];
      auto it = per_regime.find(d.which);
      if (it == per_regime.end()) {
        d.enabled = opt_.enable_missing;
        continue;
      }
      d.assessed = true;
      d.result = gate_.assess(it->second, {});
      d.enabled = d.result.classification == tier::approved ||
                  (opt_.enable_on_review && d.result.classification == tier::review);
    }
    return out;
  }

 private:
  Gate gate_;
  regime_gate_options opt_;
};

}  // namespace embargo

#endif
