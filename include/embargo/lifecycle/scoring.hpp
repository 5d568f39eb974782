// embargo: how a model did on a set of labelled events, in the run's own terms: the positions its
// probabilities earn (bet sizing, costs, min_edge as in the run) and their net returns, and its
// accuracy (the direction of P > 0.5 against the label). The dual-model baselines at training and
// the monitor's windows on new bars are both scored by this one function.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_SCORING_HPP
#define EMBARGO_LIFECYCLE_SCORING_HPP

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/json_number.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/research/options.hpp>
#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/consensus.hpp>

namespace embargo::lifecycle {

struct event_score {
  std::size_t events = 0, trades = 0;
  double accuracy = std::numeric_limits<double>::quiet_NaN();     ///< share of events whose direction was right
  double total_return = 0;                                       ///< sum of the net trade returns
  double mean_trade = std::numeric_limits<double>::quiet_NaN();  ///< per trade
};

/// The position a served model takes at an event: what the run's bet sizing gives its probability
/// (position_for) or, for a model that decides itself whether to trade (the consensus, `level`
/// given), the bet size where it trades, as the run's consensus stage booked it.
inline double served_position(double p, const consensus_level* level, const barrier_label& l, const research::research_options& o,
                              const cost_model& costs) {
  if (level) return *level != consensus_level::none && std::isfinite(p) ? bet_size(p, o.bet_sizing) : 0.0;
  return position_for(p, o.bet_sizing, l, costs, o.costs.min_edge);
}

/// Scores the events `rows` of `labels` with probabilities `p` (one per row, in the same order)
/// and, for a model that decides itself, its decisions `level` (empty otherwise).
inline event_score score_events(std::span<const double> p, std::span<const consensus_level> level, std::span<const barrier_label> labels,
                                std::span<const std::size_t> rows, const research::research_options& o) {
  if (!level.empty() && level.size() != p.size()) throw invalid_argument("score_events: one decision per probability needed");
  event_score s;
  model_run run;
  run.position.assign(labels.size(), 0.0);
  run.trade_return.assign(labels.size(), 0.0);
  const cost_model costs = o.costs.to_model();
  double right = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const std::size_t i = rows[k];
    if (!std::isfinite(p[k])) continue;
    ++s.events;
    right += ((p[k] > 0.5) == (labels[i].label > 0)) ? 1.0 : 0.0;
    const double pos = served_position(p[k], level.empty() ? nullptr : &level[k], labels[i], o, costs);
    if (pos == 0) continue;
    record_trade(run, i, pos, labels[i], costs);
    ++s.trades;
    s.total_return += run.trade_return[i];
  }
  if (s.events) s.accuracy = right / static_cast<double>(s.events);
  if (s.trades) s.mean_trade = s.total_return / static_cast<double>(s.trades);
  return s;
}

inline nlohmann::json to_json(const event_score& s) {
  return {{"events", s.events}, {"trades", s.trades}, {"accuracy", number_or_null(s.accuracy)}, {"total_return", number_or_null(s.total_return)},
          {"mean_trade", number_or_null(s.mean_trade)}};
}

}  // namespace embargo::lifecycle

#endif
