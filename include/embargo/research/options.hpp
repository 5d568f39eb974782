// embargo: the research job's configuration, as nested `_options` aggregates whose fields are
// declared once to Boost.Hana (BOOST_HANA_ADAPT_STRUCT at the end of this file). Everything that
// walks a configuration (the strict JSON reader and the writer in research/config_json.hpp, the
// config hash, the dry-run printout, validate_options below) iterates that declaration, so a new
// key is one member plus one name in the adapt list. Defaults reproduce the demo; every key is
// documented in docs/pipeline.md with the seed it comes from.
#ifndef EMBARGO_RESEARCH_OPTIONS_HPP
#define EMBARGO_RESEARCH_OPTIONS_HPP

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/universe.hpp>
#include <embargo/labelers/triple_barrier.hpp>
#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/cost_model.hpp>

namespace embargo::research {

enum class event_method { cusum, every_bar };
enum class label_method { triple_barrier, forward_return };
enum class barrier_target { vol, atr };
/// `ohlcv6`: log returns over 1, 5, 20 bars, the EWM volatility, log(high/low), volume over its
/// 20-bar mean (the demo). `returns4`: the first four (the research benchmark's features).
enum class feature_set_kind { ohlcv6, returns4 };
enum class validation_method { walk_forward, purged_kfold, cpcv };
/// How a model's scaler weighs the training rows: by the sample weights, or equally (what
/// scikit-learn's StandardScaler does inside a Pipeline).
enum class scaler_weighting { weighted, unweighted };
enum class universe_preset { custom, many_pairs };

/// Limits on what a configuration may ask for, checked before any data is read.
inline constexpr unsigned max_threads_per_core = 4;
inline constexpr std::size_t max_vertical_bars = 100'000;
inline constexpr std::size_t max_folds = 1'000;

struct integrity_section {
  bool enabled = true;               ///< false: the bars are used as given (still checked for NaN and order)
  std::int64_t interval_seconds = 0; ///< expected bar spacing; 0: the median spacing
  bool repair_gaps = true;
  std::int64_t max_fill = 3;         ///< gaps of at most this many bars are filled
  outlier_policy outliers = outlier_policy::winsorize;
  std::size_t hampel_window = 50;
  double hampel_threshold = 8.0;
  double mismatch_threshold = 0.005; ///< relative close difference counted as a vendor mismatch
  double max_mismatch_share = 0.02;

  integrity_options to_options() const {
    integrity_options o;
    o.interval = interval_seconds;
    o.repair_gaps = repair_gaps;
    o.gaps.max_fill = max_fill;
    o.spikes = outliers;
    o.outliers.window = hampel_window;
    o.outliers.threshold = hampel_threshold;
    o.vendor.threshold = mismatch_threshold;
    o.max_mismatch_share = max_mismatch_share;
    return o;
  }
};

struct universe_section {
  bool enabled = true;
  /// `many_pairs`: the many-pairs seed's liquidity and spread floor (min_dollar_volume 1e7,
  /// max_spread 8 bp) replaces those two keys.
  universe_preset preset = universe_preset::custom;
  std::size_t min_history = 500;
  double min_dollar_volume = 0;
  double max_spread = 0.02;
  std::size_t window = 60;
  double max_repaired_fraction = 0.05;

  universe_options to_options() const {
    universe_options o{.min_history = min_history, .min_dollar_volume = min_dollar_volume, .window = window,
                       .max_spread = max_spread};
    o.max_repaired_fraction = max_repaired_fraction;
    if (preset == universe_preset::many_pairs) o.min_dollar_volume = 1e7, o.max_spread = 0.0008;
    return o;
  }
};

struct events_section {
  event_method method = event_method::cusum;
  double vol_span = 50;          ///< EWM span of the simple-return volatility (pandas ewm(span).std())
  /// CUSUM threshold on log returns: a fixed value when > 0, else cusum_multiplier x the
  /// volatility known at the previous bar.
  double threshold = 0;
  double cusum_multiplier = 2.0;
  std::size_t warmup_bars = 0;   ///< no event before this bar (features need history)
  std::size_t min_events = 50;   ///< fewer events drop the symbol
  /// An event needs a bar after it (an outcome). false keeps an event on the last bar, labelled
  /// at once with a zero return, as the research benchmark's Python baseline does.
  bool need_next_bar = true;
};

struct labels_section {
  label_method method = label_method::triple_barrier;
  barrier_target target = barrier_target::vol;  ///< barrier width: EWM vol, or ATR / close
  std::size_t atr_period = 14;
  double pt = 2.0;
  double sl = 2.0;
  std::size_t vertical_bars = 10;
  label_rule rule = label_rule::sign;
  double min_ret = 0.0;
  std::size_t horizon = 10;      ///< forward_return: bars from entry to exit
  std::size_t latency = 0;       ///< forward_return: bars from signal to entry
  /// Meta-label filter (quant-bot seed): a second model learns, out of fold, whether the first
  /// model's trade makes money; a trade is taken only where its probability >= meta_threshold.
  bool meta_filter = false;
  double meta_threshold = 0.58;
};

struct features_section {
  feature_set_kind set = feature_set_kind::ohlcv6;
};

struct weights_section {
  bool uniqueness = true;        ///< average uniqueness of each label (AFML 4.4)
  double decay = 0.5;            ///< linear time decay of cumulative uniqueness, in (-1, 1]; 1: none
  double recency_half_life = 0;  ///< bars; 0: off
  bool class_balance = false;    ///< equal total weight per label class
};

/// The regime-aware seed's `use_regime_processing`: one key switches on regime weights, the
/// regime-balanced sampler, per-regime validation and the regime gate.
struct regimes_section {
  bool enabled = false;
  std::array<double, regime_count> weights = {0.8, 1.0, 1.3, 2.0, 1.5};  ///< low_vol, normal, high_vol, crash, recovery
  std::array<double, regime_count> shares = {0.2, 0.4, 0.2, 0.1, 0.1};   ///< the balanced sampler's targets
  std::size_t min_trades = 30;  ///< per-regime cells with fewer trades are marked and not judged
  /// Label the regimes for the per-regime breakdown of every model even without regime
  /// processing; false skips the regime labeler (unless `enabled`) and the breakdown.
  bool breakdown = true;
};

struct validation_section {
  validation_method method = validation_method::walk_forward;
  double initial_train_fraction = 0.4;  ///< walk_forward: events that only train
  std::size_t n_tests = 5;              ///< walk_forward: test windows after them
  bool expanding = true;                ///< walk_forward: expanding (true) or rolling training window
  std::size_t n_splits = 5;             ///< purged_kfold
  std::size_t n_groups = 6;             ///< cpcv
  std::size_t n_test_groups = 2;        ///< cpcv
  double embargo_fraction = 0.01;       ///< purged_kfold, cpcv: of the bars (a time embargo)
};

struct models_section {
  /// Model kinds run on every symbol, in order: logit, logit_strong_l2, ridge, stack_ridge_meta,
  /// accuracy_weighted, xgboost (when built with it), consensus (needs two models before it).
  std::vector<std::string> use = {"logit", "logit_strong_l2", "stack_ridge_meta", "consensus"};
  scaler_weighting scaler = scaler_weighting::weighted;
  double logit_lambda = 1.0;            ///< L2 penalty (1/C of scikit-learn)
  double logit_strong_l2_lambda = 50.0;
  double ridge_lambda = 1.0;
  double accuracy_floor = 0.5;          ///< accuracy_weighted: skill counted above this accuracy
  std::size_t xgboost_rounds = 50;
  double xgboost_learning_rate = 0.1;
  std::size_t xgboost_max_depth = 3;
};

struct costs_section {
  double taker_fee = 0.0005;   ///< per unit of turnover
  double maker_fee = 0.0002;
  double maker_share = 0.0;    ///< share of fills that rest as maker orders, in [0, 1]
  double spread = 0.0005;      ///< full quoted spread; a trade pays half
  double slippage = 0.0002;
  double funding = 0.0;        ///< per bar per unit of exposure
  /// Minimum edge after costs (many-pairs seed: 5 bp): a trade is taken only when its expected
  /// return, |2p - 1| x the event's barrier target, exceeds the round trip's cost by this much.
  double min_edge = 0.0;

  cost_model to_model() const {
    return {.fee = maker_share * maker_fee + (1 - maker_share) * taker_fee, .spread = spread, .slippage = slippage,
            .funding = funding};
  }
};

/// Thresholds of one gate criterion (APPROVED, REVIEW).
struct threshold_pair {
  double approved = 0;
  double review = 0;
};

/// The seed's v2.4.1 thresholds, plus the evidence a model needs before it may be APPROVED.
struct gate_section {
  threshold_pair fitness{0.70, 0.50};
  threshold_pair profit_factor{1.8, 1.3};
  threshold_pair consistency{0.85, 0.65};
  threshold_pair max_drawdown{0.08, 0.15};
  std::size_t min_trades = 30;        ///< fewer out-of-sample trades: at most REVIEW
  std::size_t min_test_windows = 3;   ///< fewer test windows with a trade: at most REVIEW
};

/// The model lifecycle (lifecycle/, docs/lifecycle.md): what each run exports beside the final
/// fit, and how the registry keeps old champions.
struct lifecycle_section {
  /// Also export the dual-model pair: model A, fitted on the first (1 - validation_fraction) of
  /// the events (purged at the cut) and validated on the rest, and model B, fitted on every event
  /// that ends before the last holdout_bars bars; `embargo monitor` compares them on new bars.
  bool dual_model = true;
  double validation_fraction = 0.10;
  std::size_t holdout_bars = 30;        ///< the seed: the last 30 days
  std::size_t keep_backups = 5;         ///< champion backups kept per symbol
};

struct research_options {
  std::uint64_t seed = 42;
  unsigned threads = 0;              ///< 0: one per core; capped (see research_job). Not hashed.
  double periods_per_year = 252;     ///< bars per year, to annualise
  sizing bet_sizing = sizing::probit;
  integrity_section integrity{};
  universe_section universe{};
  events_section events{};
  labels_section labels{};
  features_section features{};
  weights_section weights{};
  regimes_section regimes{};
  validation_section validation{};
  models_section models{};
  costs_section costs{};
  gate_section gate{};
  lifecycle_section lifecycle{};
};

}  // namespace embargo::research

template <>
struct embargo::enum_names<embargo::research::event_method> {
  static constexpr std::array<std::pair<std::string_view, research::event_method>, 2> entries{
      {{"cusum", research::event_method::cusum}, {"every_bar", research::event_method::every_bar}}};
};
template <>
struct embargo::enum_names<embargo::research::label_method> {
  static constexpr std::array<std::pair<std::string_view, research::label_method>, 2> entries{
      {{"triple_barrier", research::label_method::triple_barrier}, {"forward_return", research::label_method::forward_return}}};
};
template <>
struct embargo::enum_names<embargo::research::barrier_target> {
  static constexpr std::array<std::pair<std::string_view, research::barrier_target>, 2> entries{
      {{"vol", research::barrier_target::vol}, {"atr", research::barrier_target::atr}}};
};
template <>
struct embargo::enum_names<embargo::research::feature_set_kind> {
  static constexpr std::array<std::pair<std::string_view, research::feature_set_kind>, 2> entries{
      {{"ohlcv6", research::feature_set_kind::ohlcv6}, {"returns4", research::feature_set_kind::returns4}}};
};
template <>
struct embargo::enum_names<embargo::research::validation_method> {
  static constexpr std::array<std::pair<std::string_view, research::validation_method>, 3> entries{
      {{"walk_forward", research::validation_method::walk_forward},
       {"purged_kfold", research::validation_method::purged_kfold},
       {"cpcv", research::validation_method::cpcv}}};
};
template <>
struct embargo::enum_names<embargo::research::scaler_weighting> {
  static constexpr std::array<std::pair<std::string_view, research::scaler_weighting>, 2> entries{
      {{"weighted", research::scaler_weighting::weighted}, {"unweighted", research::scaler_weighting::unweighted}}};
};
template <>
struct embargo::enum_names<embargo::research::universe_preset> {
  static constexpr std::array<std::pair<std::string_view, research::universe_preset>, 2> entries{
      {{"custom", research::universe_preset::custom}, {"many_pairs", research::universe_preset::many_pairs}}};
};
/// `sign`: the sign of the return at the exit (vertical exits included); `barrier`: +1 / -1 for
/// the barrier touched, 0 at the vertical barrier.
template <>
struct embargo::enum_names<embargo::label_rule> {
  static constexpr std::array<std::pair<std::string_view, label_rule>, 3> entries{
      {{"sign", label_rule::sign}, {"barrier", label_rule::touch}, {"barrier_else_sign", label_rule::touch_else_sign}}};
};
// enum_names<sizing> and enum_names<outlier_policy> are beside their enums
// (strategy/bet_sizing.hpp, data/integrity.hpp).

// The single declaration of every key. Order here is the order of the JSON writer and the printout.
BOOST_HANA_ADAPT_STRUCT(embargo::research::integrity_section, enabled, interval_seconds, repair_gaps, max_fill, outliers,
                        hampel_window, hampel_threshold, mismatch_threshold, max_mismatch_share);
BOOST_HANA_ADAPT_STRUCT(embargo::research::universe_section, enabled, preset, min_history, min_dollar_volume, max_spread,
                        window, max_repaired_fraction);
BOOST_HANA_ADAPT_STRUCT(embargo::research::events_section, method, vol_span, threshold, cusum_multiplier, warmup_bars,
                        min_events, need_next_bar);
BOOST_HANA_ADAPT_STRUCT(embargo::research::labels_section, method, target, atr_period, pt, sl, vertical_bars, rule, min_ret,
                        horizon, latency, meta_filter, meta_threshold);
BOOST_HANA_ADAPT_STRUCT(embargo::research::features_section, set);
BOOST_HANA_ADAPT_STRUCT(embargo::research::weights_section, uniqueness, decay, recency_half_life, class_balance);
BOOST_HANA_ADAPT_STRUCT(embargo::research::regimes_section, enabled, weights, shares, min_trades, breakdown);
BOOST_HANA_ADAPT_STRUCT(embargo::research::validation_section, method, initial_train_fraction, n_tests, expanding, n_splits,
                        n_groups, n_test_groups, embargo_fraction);
BOOST_HANA_ADAPT_STRUCT(embargo::research::models_section, use, scaler, logit_lambda, logit_strong_l2_lambda, ridge_lambda,
                        accuracy_floor, xgboost_rounds, xgboost_learning_rate, xgboost_max_depth);
BOOST_HANA_ADAPT_STRUCT(embargo::research::costs_section, taker_fee, maker_fee, maker_share, spread, slippage, funding,
                        min_edge);
BOOST_HANA_ADAPT_STRUCT(embargo::research::threshold_pair, approved, review);
BOOST_HANA_ADAPT_STRUCT(embargo::research::gate_section, fitness, profit_factor, consistency, max_drawdown, min_trades,
                        min_test_windows);
BOOST_HANA_ADAPT_STRUCT(embargo::research::lifecycle_section, dual_model, validation_fraction, holdout_bars, keep_backups);
BOOST_HANA_ADAPT_STRUCT(embargo::research::research_options, seed, threads, periods_per_year, bet_sizing, integrity, universe,
                        events, labels, features, weights, regimes, validation, models, costs, gate, lifecycle);

#endif
