// embargo: the tiered gate (APPROVED / REVIEW / DROP) over compile-time criteria.
// Semantics of the seed's v2.4.1 gate: APPROVED only if every criterion passes its APPROVED
// threshold, DROP if any criterion fails its REVIEW threshold, REVIEW otherwise.
#ifndef EMBARGO_GATES_TIERED_GATE_HPP
#define EMBARGO_GATES_TIERED_GATE_HPP

#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <embargo/core/error.hpp>
#include <embargo/gates/assessment.hpp>
#include <embargo/gates/criteria.hpp>
#include <embargo/gates/overfitting_detector.hpp>

namespace embargo {

namespace detail {
template <class C, class... Cs>
constexpr std::size_t criterion_index() noexcept {
  constexpr bool same[] = {std::is_same_v<C, Cs>...};
  for (std::size_t i = 0; i < sizeof...(Cs); ++i)
    if (same[i]) return i;
  return sizeof...(Cs);
}
template <class C>
constexpr bool flags_below_approved() noexcept {
  if constexpr (requires { C::flag_below_approved; }) return C::flag_below_approved;
  else return false;
}
inline std::string upper_case(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace detail

/// Per-criterion thresholds of a tiered_gate, starting from each criterion's defaults.
/// `thresholds.at<fitness_at_least>() = {.approved = 0.8, .review = 0.6};`
template <gate_criterion... Criteria>
class gate_thresholds {
 public:
  template <class C>
  tier_thresholds& at() noexcept {
    constexpr std::size_t i = detail::criterion_index<C, Criteria...>();
    static_assert(i < sizeof...(Criteria), "gate_thresholds::at<C>: C is not one of this gate's criteria");
    return values_[i];
  }
  template <class C>
  const tier_thresholds& at() const noexcept {
    constexpr std::size_t i = detail::criterion_index<C, Criteria...>();
    static_assert(i < sizeof...(Criteria), "gate_thresholds::at<C>: C is not one of this gate's criteria");
    return values_[i];
  }
  /// The thresholds of the criterion reading `metric`, or nullptr when the gate has none
  /// (how a JSON config addresses criteria by name).
  tier_thresholds* find(std::string_view metric) noexcept {
    constexpr std::array<std::string_view, sizeof...(Criteria)> names{Criteria::metric...};
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == metric) return &values_[i];
    return nullptr;
  }
  /// Calls f(metric, thresholds) for each criterion in order.
  template <class F>
  void for_each(F&& f) const {
    std::size_t i = 0;
    (f(Criteria::metric, values_[i++]), ...);
  }

 private:
  std::array<tier_thresholds, sizeof...(Criteria)> values_{Criteria::defaults...};
};

/// The tiered gate. Flags, exactly:
/// - a criterion's own flag (LOW_FITNESS, LOW_PF, LOW_CONSISTENCY, HIGH_DRAWDOWN, LOW_SORTINO,
///   LOW_DSR, HIGH_TRAIN_OOS_GAP) when its metric is present and fails the REVIEW threshold, as
///   the training-archive seed's flags do ("LOW_FITNESS: below REVIEW threshold"); why a REVIEW
///   model is not APPROVED is in its criteria outcomes. Evidence criteria (flag_below_approved:
///   FEW_TRADES, FEW_TEST_WINDOWS) flag whenever they keep a model from APPROVED;
/// - MISSING_<METRIC> when the metric is absent and NAN_<METRIC> when it is NaN: the criterion
///   counts as failing the REVIEW threshold (DROP), never as a pass;
/// - FITNESS_DECLINE when the detector recommends the checkpoint (decline > decline_threshold);
/// - UNSTABLE_TRAINING when the oscillation exceeds oscillation_threshold;
/// - INVALID_HISTORY when the validation history holds a non-finite value (no detection then);
///   such a model is never APPROVED (REVIEW at best): nothing shows its fitness held up.
/// FITNESS_DECLINE and UNSTABLE_TRAINING advise; they do not change the tier (the seed's behaviour).
template <gate_criterion... Criteria>
class tiered_gate {
  static_assert(sizeof...(Criteria) > 0, "tiered_gate needs at least one criterion (see docs/gates.md)");

 public:
  using thresholds_type = gate_thresholds<Criteria...>;

  /// Throws invalid_argument when a threshold is NaN or an APPROVED threshold is laxer than its
  /// REVIEW threshold (a value exactly at the APPROVED threshold must pass REVIEW).
  explicit tiered_gate(thresholds_type thresholds = {}, overfitting_options overfitting = {})
      : thresholds_(thresholds), detector_(overfitting) {
    (check<Criteria>(), ...);
  }

  const thresholds_type& thresholds() const noexcept { return thresholds_; }
  const overfitting_options& overfitting() const noexcept { return detector_.options(); }

  /// Assesses one model from its metrics and its validation history (may be empty).
  assessment assess(const metrics_record& metrics, std::span<const double> history = {}) const {
    assessment a;
    a.classification = tier::approved;
    (judge<Criteria>(metrics, a), ...);
    bool finite = true;
    for (double v : history) finite = finite && std::isfinite(v);
    if (!finite) {
      a.add_flag("INVALID_HISTORY");
      a.classification = worst(a.classification, tier::review);
    } else {
      a.checkpoint = detector_.detect(history);
      if (a.checkpoint.use_checkpoint) a.add_flag("FITNESS_DECLINE");
      if (a.checkpoint.unstable) a.add_flag("UNSTABLE_TRAINING");
    }
    return a;
  }

 private:
  template <class C>
  void check() const {
    const tier_thresholds& t = thresholds_.template at<C>();
    detail::require(!std::isnan(t.approved) && !std::isnan(t.review),
                    "tiered_gate: " + std::string(C::metric) + " thresholds must not be NaN");
    detail::require(C::passes(t.approved, t.review),
                    "tiered_gate: " + std::string(C::metric) + " thresholds: approved " + std::to_string(t.approved) +
                        " must be at least as strict as review " + std::to_string(t.review));
  }

  template <class C>
  void judge(const metrics_record& metrics, assessment& a) const {
    const tier_thresholds& t = thresholds_.template at<C>();
    criterion_outcome o{std::string(C::metric), metrics.get(C::metric), tier::drop};
    if (!o.value) {
      a.add_flag("MISSING_" + detail::upper_case(C::metric));
    } else if (std::isnan(*o.value)) {
      a.add_flag("NAN_" + detail::upper_case(C::metric));
    } else if (C::passes(*o.value, t.approved)) {
      o.result = tier::approved;
    } else {
      o.result = C::passes(*o.value, t.review) ? tier::review : tier::drop;
      if (o.result == tier::drop || detail::flags_below_approved<C>()) a.add_flag(std::string(C::flag));
    }
    a.classification = worst(a.classification, o.result);
    a.criteria.push_back(std::move(o));
  }

  thresholds_type thresholds_;
  overfitting_detector detector_;
};

/// The seed's v2.4.1 gate: fitness, profit factor, consistency, max drawdown.
using seed_gate = tiered_gate<fitness_at_least, profit_factor_at_least, consistency_at_least, max_drawdown_at_most>;
/// The research job's gate: the seed's four criteria and the evidence a model needs.
using evidence_gate = tiered_gate<fitness_at_least, profit_factor_at_least, consistency_at_least, max_drawdown_at_most,
                                  trades_at_least, test_windows_at_least>;
static_assert(gate_policy<seed_gate>);
static_assert(gate_policy<tiered_gate<sortino_at_least, dsr_at_least, train_oos_gap_at_most>>);

}  // namespace embargo

#endif
