// The computing half of the research run (per-symbol pipeline, evaluation, deflated Sharpe),
// kept apart from the archive half so that neither translation unit pays for both the models'
// Eigen instantiations and the JSON archive.
#ifndef EMBARGO_TOOLS_RESEARCH_COMPUTE_HPP
#define EMBARGO_TOOLS_RESEARCH_COMPUTE_HPP

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <embargo/gates/metrics_record.hpp>
#include <embargo/pipeline/research.hpp>

#include "research_run.hpp"

namespace embargo::cli {

/// Out-of-sample evaluation of one model's trades on one symbol.
struct evaluation {
  metrics_record metrics;
  std::vector<double> fitness_history;  ///< fitness of the cumulative OOS trades after each fold
  std::uint64_t validation_interval = 0;
  double per_trade_sharpe = NAN;
  std::vector<double> trades;           ///< returns of the events with a position, in t0 order
  /// Per regime at the event's start (regime order): trades, mean trade, annualised Sharpe, hit rate.
  struct regime_slice {
    std::size_t trades = 0;
    double mean = NAN, sharpe = NAN, hit_rate = NAN;
  };
  std::array<regime_slice, regime_count> by_regime{};
};

struct symbol_outcome {
  symbol_research research;
  std::vector<evaluation> evaluations;  ///< one per model, in model order
};

/// Runs the stages on every symbol (in parallel, merged in symbol order), evaluates every model
/// and sets each evaluation's "dsr" with all (symbol, model) pairs as the trials.
std::vector<symbol_outcome> compute_research(const research_config& cfg, const panel& primary, const panel* reference);

}  // namespace embargo::cli

#endif
