// embargo: gate criteria, one metric compared with a threshold per tier.
// A criterion is a type (chosen at compile time in tiered_gate<Criteria...>); its thresholds are
// runtime numbers with the seed's v2.4.1 defaults, so a config file can change them.
#ifndef EMBARGO_GATES_CRITERIA_HPP
#define EMBARGO_GATES_CRITERIA_HPP

#include <concepts>
#include <string_view>

namespace embargo {

/// Thresholds of one criterion: the value must pass `approved` for APPROVED and `review` for
/// REVIEW; failing `review` drops the model. `approved` must be at least as strict as `review`.
struct tier_thresholds {
  double approved = 0.0;
  double review = 0.0;
};

/// A gate criterion: the metric it reads, the flag raised when it is the reason a model is not
/// approved, default thresholds, and `passes(value, threshold)`, which must return false for NaN.
template <class C>
concept gate_criterion = requires(double v) {
  { C::metric } -> std::convertible_to<std::string_view>;
  { C::flag } -> std::convertible_to<std::string_view>;
  { C::defaults } -> std::convertible_to<tier_thresholds>;
  { C::passes(v, v) } -> std::same_as<bool>;
};

namespace detail {
// Comparisons written so that NaN fails both: v >= t and v <= t are false for NaN.
struct at_least_criterion {
  static constexpr bool passes(double value, double threshold) noexcept { return value >= threshold; }
};
struct at_most_criterion {
  static constexpr bool passes(double value, double threshold) noexcept { return value <= threshold; }
};
}  // namespace detail

/// Validation fitness ≥ threshold (seed v2.4.1: 0.70 approved, 0.50 review). Flag LOW_FITNESS.
struct fitness_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "fitness";
  static constexpr std::string_view flag = "LOW_FITNESS";
  static constexpr tier_thresholds defaults{0.70, 0.50};
};
static_assert(gate_criterion<fitness_at_least>);

/// Profit factor (gross gains / gross losses) ≥ threshold (seed: 1.8, 1.3); +inf passes. Flag LOW_PF.
struct profit_factor_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "profit_factor";
  static constexpr std::string_view flag = "LOW_PF";
  static constexpr tier_thresholds defaults{1.8, 1.3};
};
static_assert(gate_criterion<profit_factor_at_least>);

/// Consistency (fraction of windows with a positive result, in [0, 1]) ≥ threshold (seed: 0.85,
/// 0.65). Flag LOW_CONSISTENCY.
struct consistency_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "consistency";
  static constexpr std::string_view flag = "LOW_CONSISTENCY";
  static constexpr tier_thresholds defaults{0.85, 0.65};
};
static_assert(gate_criterion<consistency_at_least>);

/// Maximum drawdown (positive fraction of the running peak) ≤ threshold (seed: 0.08, 0.15).
/// Flag HIGH_DRAWDOWN. Ours is a real equity drawdown; the gate only compares the number.
struct max_drawdown_at_most : detail::at_most_criterion {
  static constexpr std::string_view metric = "max_drawdown";
  static constexpr std::string_view flag = "HIGH_DRAWDOWN";
  static constexpr tier_thresholds defaults{0.08, 0.15};
};
static_assert(gate_criterion<max_drawdown_at_most>);

/// Annualised OOS Sortino ratio ≥ threshold (ours: 1.2 approved as quant-bot's promotion gate,
/// 0.8 review). Flag LOW_SORTINO.
struct sortino_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "sortino";
  static constexpr std::string_view flag = "LOW_SORTINO";
  static constexpr tier_thresholds defaults{1.2, 0.8};
};
static_assert(gate_criterion<sortino_at_least>);

/// Deflated Sharpe ratio (a probability, Bailey and López de Prado 2014) ≥ threshold (ours: 0.95,
/// 0.90). Flag LOW_DSR.
struct dsr_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "dsr";
  static constexpr std::string_view flag = "LOW_DSR";
  static constexpr tier_thresholds defaults{0.95, 0.90};
};
static_assert(gate_criterion<dsr_at_least>);

/// Relative train-vs-OOS gap, (train − OOS) / |train| of the same score, ≤ threshold (ours: 0.10,
/// 0.25): a model much better in sample than out of sample is overfitted. Flag HIGH_TRAIN_OOS_GAP.
struct train_oos_gap_at_most : detail::at_most_criterion {
  static constexpr std::string_view metric = "train_oos_gap";
  static constexpr std::string_view flag = "HIGH_TRAIN_OOS_GAP";
  static constexpr tier_thresholds defaults{0.10, 0.25};
};
static_assert(gate_criterion<train_oos_gap_at_most>);

/// Evidence: out-of-sample trades ≥ threshold (ours: 30 for APPROVED, none for REVIEW): a model
/// is never APPROVED on a handful of trades. Flag FEW_TRADES whenever it keeps a model from APPROVED.
struct trades_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "trades";
  static constexpr std::string_view flag = "FEW_TRADES";
  static constexpr tier_thresholds defaults{30, 0};
  static constexpr bool flag_below_approved = true;
};
static_assert(gate_criterion<trades_at_least>);

/// Evidence: test windows that hold at least one trade ≥ threshold (ours: 3 for APPROVED, none
/// for REVIEW): consistency over one or two windows says nothing. Flag FEW_TEST_WINDOWS.
struct test_windows_at_least : detail::at_least_criterion {
  static constexpr std::string_view metric = "test_windows";
  static constexpr std::string_view flag = "FEW_TEST_WINDOWS";
  static constexpr tier_thresholds defaults{3, 0};
  static constexpr bool flag_below_approved = true;
};
static_assert(gate_criterion<test_windows_at_least>);

}  // namespace embargo

#endif
