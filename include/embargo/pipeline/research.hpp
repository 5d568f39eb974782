// embargo: the stages of the standard research pipeline over one symbol (DESIGN.md §1):
// integrity -> universe -> events -> labels -> features -> weights -> splits -> models
// (out-of-fold predictions) -> strategy returns after costs. Each stage is a small named
// callable on `symbol_research`; compose them with `pipeline<>{} | ...` and leave out what a
// study does not need. Stages after a dropped symbol return at once.
#ifndef EMBARGO_PIPELINE_RESEARCH_HPP
#define EMBARGO_PIPELINE_RESEARCH_HPP

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/universe.hpp>
#include <embargo/events/cusum.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers/regime.hpp>
#include <embargo/labelers/triple_barrier.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>
#include <embargo/splitters/combinatorial_purged_cv.hpp>
#include <embargo/splitters/purged_kfold.hpp>
#include <embargo/splitters/walk_forward.hpp>
#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/cost_model.hpp>

namespace embargo {

/// The out-of-sample record of one model on one symbol.
struct model_run {
  std::string name;
  std::vector<double> probability;     ///< P(up) per event, out of fold (NaN: never tested)
  std::vector<double> position;        ///< bet size per event
  std::vector<double> trade_return;    ///< per event, after costs (0 where no position)
  std::vector<std::size_t> fold_of;    ///< the fold that tested each event (folds.size(): none)
  cost_breakdown costs;                ///< gross and cost totals over the trades
  /// CPCV only: each backtest path's trade return per event (the record above is path 0's).
  std::vector<std::vector<double>> path_trade_return;
};

/// Everything the pipeline knows about one symbol. Stages fill it in order.
struct symbol_research {
  std::string symbol;
  const bars* raw = nullptr;        ///< the input (not owned)
  const bars* reference = nullptr;  ///< a second vendor, optional (not owned)
  bool keep = true;
  std::vector<std::string> dropped_because;

  integrity_report integrity;
  bars clean;                        ///< bars after integrity (or the raw bars without that stage)
  std::vector<bool> synthetic;       ///< per clean bar
  universe_decision universe;
  std::vector<double> volatility;    ///< EWM vol of returns per clean bar (the barrier target)
  std::vector<std::size_t> event_bars;
  std::vector<barrier_label> labels;
  std::vector<interval> events;      ///< [t0, t1] of each label
  std::vector<regime> regimes;       ///< per clean bar, when a regime stage ran
  Eigen::MatrixXd features;          ///< one row per event
  std::vector<std::string> feature_names;
  std::vector<double> weights;       ///< per event, mean 1
  std::vector<fold> folds;
  /// CPCV only: the backtest paths (splitters/combinatorial_purged_cv.hpp); each event is
  /// tested by several folds, and each path takes one prediction per event.
  std::vector<std::vector<path_segment>> paths;
  std::size_t sampled_events = 0;    ///< size of the regime-balanced draw behind the weights (0: none)
  std::vector<model_run> models;

  const bars& series() const noexcept { return clean.empty() && raw ? *raw : clean; }
  void drop(std::string why) {
    keep = false;
    dropped_because.push_back(std::move(why));
  }
};

/// Cleans the bars (data/integrity.hpp); a symbol the integrity pass rejects is dropped.
struct integrity_stage {
  static constexpr const char* name = "integrity";
  integrity_options options{};
  void operator()(symbol_research& r) const {
    auto res = check_integrity(*r.raw, r.reference, options);
    r.integrity = std::move(res.report);
    r.clean = std::move(res.clean);
    r.synthetic = std::move(res.synthetic);
    if (!r.integrity.keep)
      for (const auto& why : r.integrity.reasons) r.drop("integrity: " + why);
  }
};

/// Liquidity, spread and history filter (data/universe.hpp), counting repaired bars.
struct universe_stage {
  static constexpr const char* name = "universe";
  universe_options options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    panel one;
    one.symbols.push_back(r.series());
    const std::size_t repaired = r.integrity.filled_bars + r.integrity.spikes.size();
    r.universe = select_universe(one, options, std::span<const std::size_t>(&repaired, 1)).front();
    if (!r.universe.kept)
      for (const auto& why : r.universe.reasons) r.drop("universe: " + why);
  }
};

/// Events where a symmetric CUSUM of log returns exceeds `multiplier` x the volatility known at
/// the previous bar (causal), skipping synthetic bars and bars without a volatility yet.
namespace detail {
/// The bars where a symmetric CUSUM of log returns exceeds `multiplier` x the volatility known at
/// the previous bar; no event before a volatility is known.
inline std::vector<std::size_t> vol_scaled_cusum(std::span<const double> close, std::span<const double> volatility,
                                                 double multiplier) {
  std::vector<double> h(close.size(), 1e9);
  for (std::size_t t = 1; t < close.size(); ++t)
    if (std::isfinite(volatility[t - 1]) && volatility[t - 1] > 0) h[t] = multiplier * volatility[t - 1];
  return cusum_filter(close, h);
}
}  // namespace detail

struct cusum_event_stage {
  static constexpr const char* name = "events";
  double vol_span = 50;
  double multiplier = 1.0;
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto& b = r.series();
    r.volatility = ewm_volatility(b.close, {.span = vol_span});
    r.event_bars.clear();
    for (std::size_t t : detail::vol_scaled_cusum(b.close, r.volatility, multiplier))
      if (t + 1 < b.size() && std::isfinite(r.volatility[t]) && r.volatility[t] > 0 && (r.synthetic.empty() || !r.synthetic[t]))
        r.event_bars.push_back(t);
    if (r.event_bars.size() < 50) r.drop("events: only " + std::to_string(r.event_bars.size()) + " CUSUM events (50 needed)");
  }
};

/// Triple-barrier labels (labelers/triple_barrier.hpp) with the volatility as the target.
struct triple_barrier_stage {
  static constexpr const char* name = "labels";
  triple_barrier_options options{.pt = 2.0, .sl = 2.0, .vertical_bars = 10};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto& b = r.series();
    r.labels = triple_barrier(barrier_prices{.close = b.close}, r.event_bars, r.volatility, options);
    r.events.clear();
    for (const auto& l : r.labels) r.events.push_back({l.t0, l.t1});
  }
};

/// The regime of every bar from the causal five-regime labeler (labelers/regime.hpp), so that
/// metrics can be broken down by the regime at each event's start.
struct regime_stage {
  static constexpr const char* name = "regimes";
  regime_labeler_options options{};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    r.regimes = label_regimes(r.series().close, options);
  }
};

/// A small causal feature set at each event bar t (only bars <= t are read): log returns over
/// 1, 5 and 20 bars, the EWM volatility, the log high/low range and the volume over its
/// 20-bar mean. Warm-up values (t < 20) use what exists (a shorter window). `columns` keeps the
/// first columns only (the research job's returns4 set keeps four).
struct return_features_stage {
  static constexpr const char* name = "features";
  std::size_t columns = 6;
  /// Column names; they differ from the named features of features/feature_set.hpp (ret5 there
  /// is a simple return), so the manifest's feature_set_hash of these cannot collide with one.
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"log_ret1", "log_ret5", "log_ret20", "ewm_vol", "log_range", "volume_ratio20"};
    return n;
  }
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    std::vector<std::size_t> at(r.labels.size());
    for (std::size_t i = 0; i < at.size(); ++i) at[i] = r.labels[i].t0;
    r.features = compute(r.series(), r.volatility, at, columns);
    r.feature_names.assign(names().begin(), names().begin() + r.features.cols());
  }

  /// The first `columns` features at bars `at` of `b` (volatility: per bar of b). Each value
  /// depends only on bars up to its own, and takes the same path whatever the other rows are, so
  /// the features of a bar are bit-identical whether it is computed in a run or when predicting.
  static Eigen::MatrixXd compute(const bars& b, const std::vector<double>& volatility, const std::vector<std::size_t>& at,
                                 std::size_t columns) {
    const auto k = static_cast<Eigen::Index>(std::min(columns, names().size()));
    const auto n = static_cast<Eigen::Index>(at.size());
    for (std::size_t t : at)
      if (t >= b.size() || (k > 3 && t >= volatility.size()))
        throw invalid_argument("return_features_stage: bar " + std::to_string(t) + " is outside the series");
    Eigen::MatrixXd features(n, k);
    // The logs go through Eigen's vectorised log over whole packets (the rows padded with 1 to a
    // multiple of 16), so that every value takes the same path whatever its row: a feature's
    // bits never depend on how many events follow it. (std::log per value: ~3.5 ms of the
    // research bench's 128k events.)
    static constexpr std::size_t lags[] = {1, 5, 20};
    const Eigen::Index logs = std::min<Eigen::Index>(k, 3) + (k > 4 ? 1 : 0);
    Eigen::ArrayXXd ratio = Eigen::ArrayXXd::Ones((n + 15) / 16 * 16, logs);
    for (Eigen::Index i = 0; i < n; ++i) {
      const std::size_t t = at[static_cast<std::size_t>(i)];
      for (Eigen::Index c = 0; c < std::min<Eigen::Index>(k, 3); ++c) {
        const std::size_t lag = lags[c];
        ratio(i, c) = b.close[t] / b.close[t >= lag ? t - lag : 0];
      }
      if (k > 4) ratio(i, 3) = b.high[t] / b.low[t];
    }
    ratio = ratio.log();
    for (Eigen::Index c = 0; c < std::min<Eigen::Index>(k, 3); ++c) features.col(c) = ratio.col(c).head(n).matrix();
    for (Eigen::Index i = 0; i < n; ++i) {
      const std::size_t t = at[static_cast<std::size_t>(i)];
      if (k > 3) features(i, 3) = volatility[t];
      if (k > 4) features(i, 4) = ratio(i, 3);
      if (k > 5) {
        const std::size_t from = t >= 19 ? t - 19 : 0;
        double vsum = 0;
        for (std::size_t j = from; j <= t; ++j) vsum += b.volume[j];
        const double vmean = vsum / static_cast<double>(t - from + 1);
        features(i, 5) = vmean > 0 ? b.volume[t] / vmean : 1.0;
      }
    }
    return features;
  }
};

/// Sample weights: average uniqueness x linear time decay (samplers/), scaled to mean 1.
struct uniqueness_decay_weight_stage {
  static constexpr const char* name = "weights";
  double decay = 0.5;
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto u = average_uniqueness(r.events, r.series().size());
    const auto d = time_decay_weights(u, {.decay = decay});
    r.weights.resize(u.size());
    double sum = 0;
    for (std::size_t i = 0; i < u.size(); ++i) sum += r.weights[i] = u[i] * d[i];
    for (auto& w : r.weights) w *= static_cast<double>(r.weights.size()) / sum;
  }
};

/// Purged k-fold with embargo over the label intervals (splitters/purged_kfold.hpp).
struct purged_kfold_stage {
  static constexpr const char* name = "splits";
  purged_kfold_options options{.n_splits = 5, .embargo_fraction = 0.01};
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    r.folds = purged_kfold<>(options).split(r.events);
  }
};

/// Expanding walk-forward over the events (splitters/walk_forward.hpp): the first
/// `initial_train_fraction` of the events only train; the rest is cut into `n_tests` test windows,
/// each trained on everything before it, with training labels that reach into the test window
/// purged. What a live strategy would have seen: no model is ever fitted on the future, so the
/// out-of-sample record is a backtest. (K-fold trains on the future of its test block: its
/// out-of-fold record estimates skill for model selection, but no trader could have had it.)
struct walk_forward_stage {
  static constexpr const char* name = "splits";
  double initial_train_fraction = 0.4;
  std::size_t n_tests = 5;
  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const std::size_t n = r.events.size();
    detail::require(initial_train_fraction > 0 && initial_train_fraction < 1,
                    "walk_forward_stage: initial_train_fraction must lie in (0, 1)");
    detail::require(n_tests >= 1, "walk_forward_stage: n_tests must be at least 1");
    const auto train = std::max<std::size_t>(1, static_cast<std::size_t>(initial_train_fraction * static_cast<double>(n)));
    const std::size_t test = std::max<std::size_t>(1, (n - train + n_tests - 1) / n_tests);
    r.folds = walk_forward<>({.train_size = train, .test_size = test, .expanding = true, .reduce_test = true}).split(r.events);
  }
};

/// Books the trade of event i at position `pos`: position × the label's return minus the round
/// trip's costs and the funding over the holding period (strategy/cost_model.hpp).
inline void record_trade(model_run& m, std::size_t i, double pos, const barrier_label& l, const cost_model& costs) {
  const double gross = pos * l.ret;
  const double size = std::abs(pos);
  const double funding = costs.funding * size * static_cast<double>(l.t1 - l.t0);
  m.position[i] = pos;
  m.trade_return[i] = gross - costs.round_trip(size) - funding;
  m.costs.gross += gross;
  m.costs.fees += 2 * size * costs.fee;
  m.costs.spread += size * costs.spread;
  m.costs.slippage += 2 * size * costs.slippage;
  m.costs.funding += funding;
}

/// The position a probability earns: the bet size, or nothing when a minimum edge is set and
/// the expected return |2p − 1| · target does not clear the round trip's cost by it.
inline double position_for(double p, sizing bet, const barrier_label& l, const cost_model& costs, double min_edge) {
  if (!std::isfinite(p)) return 0.0;
  if (min_edge > 0 && !(std::abs(2 * p - 1) * l.target - costs.round_trip(1.0) > min_edge)) return 0.0;
  return bet_size(p, bet);
}

/// Fits `Model` on each fold's training events (features, y = 1 when the label is +1, the
/// stage's weights) and predicts its test events; positions from the probability
/// (strategy/bet_sizing.hpp); each trade earns position x the label's return minus the round
/// trip's costs (strategy/cost_model.hpp). With CPCV backtest paths (r.paths), every fold
/// predicts its test events and each path books its own trades; the main record is path 0.
template <model Model>
struct model_stage {
  static constexpr const char* name = "models";
  std::string model_name;
  Model prototype{};
  cost_model costs{};
  sizing bet = sizing::probit;
  double min_edge = 0;  ///< see position_for

  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto n = static_cast<Eigen::Index>(r.labels.size());
    if (r.features.rows() != n) throw invalid_argument("model_stage: features have " + std::to_string(r.features.rows()) +
                                                       " rows for " + std::to_string(n) + " events");
    Eigen::VectorXd y(n), w(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      y[i] = r.labels[static_cast<std::size_t>(i)].label > 0 ? 1.0 : 0.0;
      w[i] = r.weights.empty() ? 1.0 : r.weights[static_cast<std::size_t>(i)];
    }
    model_run m;
    m.name = model_name;
    m.fold_of.assign(r.labels.size(), r.folds.size());  // r.folds.size(): never tested
    auto book = [&](model_run& run, const std::vector<double>& probability) {
      run.position.resize(r.labels.size());
      run.trade_return.resize(r.labels.size());
      for (std::size_t i = 0; i < r.labels.size(); ++i)
        record_trade(run, i, position_for(probability[i], bet, r.labels[i], costs, min_edge), r.labels[i], costs);
    };
    if (r.paths.empty()) {
      const Eigen::VectorXd p = out_of_fold_predictions(prototype, r.features, y, w, r.folds);
      m.probability.assign(p.data(), p.data() + p.size());
      for (std::size_t f = 0; f < r.folds.size(); ++f)
        for (std::size_t i : r.folds[f].test) m.fold_of[i] = f;
      book(m, m.probability);
    } else {
      // One fold's predictions per split; path p takes group g's events from the split its
      // segment names. Path 0 is the main record; fold_of is the group (a path's test windows).
      std::vector<Eigen::VectorXd> by_split(r.folds.size());
      for (std::size_t f = 0; f < r.folds.size(); ++f)
        by_split[f] = out_of_fold_predictions(prototype, r.features, y, w, std::vector<fold>{r.folds[f]});
      m.path_trade_return.resize(r.paths.size());
      for (std::size_t p = 0; p < r.paths.size(); ++p) {
        std::vector<double> probability(r.labels.size(), std::numeric_limits<double>::quiet_NaN());
        for (const auto& seg : r.paths[p])
          for (std::size_t i = seg.begin; i < seg.end; ++i) {
            probability[i] = by_split[seg.split][static_cast<Eigen::Index>(i)];
            if (p == 0) m.fold_of[i] = seg.group;
          }
        if (p == 0) {
          m.probability = std::move(probability);
          book(m, m.probability);
          m.path_trade_return[0] = m.trade_return;
        } else {
          model_run path;
          book(path, probability);
          m.path_trade_return[p] = std::move(path.trade_return);
        }
      }
    }
    r.models.push_back(std::move(m));
  }
};

}  // namespace embargo

#endif
