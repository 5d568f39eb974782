// The research pipeline as the embargo tool runs it (`embargo demo`, later `embargo run`):
// per symbol in parallel, merged in symbol order; evaluation, gate and archive.
#ifndef EMBARGO_TOOLS_RESEARCH_RUN_HPP
#define EMBARGO_TOOLS_RESEARCH_RUN_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/data/bars.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/universe.hpp>
#include <embargo/gates/tiered_gate.hpp>
#include <embargo/labelers/triple_barrier.hpp>
#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/cost_model.hpp>

namespace embargo::cli {

struct research_config {
  unsigned threads = 0;
  integrity_options integrity{};
  universe_options universe{.min_history = 500};
  double vol_span = 50;
  double cusum_multiplier = 2.0;
  /// Labels are the sign of the return at the first touch (vertical exits included): the models
  /// predict P(up), so "not up" must mean down, not "down or timed out".
  triple_barrier_options barriers{.pt = 2.0, .sl = 2.0, .vertical_bars = 10, .rule = label_rule::sign};
  double decay = 0.5;
  double initial_train_fraction = 0.4;  ///< expanding walk-forward: events that only train
  std::size_t n_tests = 5;              ///< test windows after them
  cost_model costs{};
  sizing bet = sizing::probit;
  double periods_per_year = 252;  ///< bars per year, to annualise
  seed_gate::thresholds_type gate{};  ///< the seed's v2.4.1 thresholds unless configured
  std::uint64_t seed = 42;
  bool progress = true;           ///< a progress bar when stderr is a terminal
};

/// What one run produced, for the table on stdout.
struct research_row {
  std::string symbol, model, tier;
  double fitness = 0, sharpe = 0, profit_factor = 0, consistency = 0, max_drawdown = 0, dsr = 0;
  std::size_t trades = 0;
  std::vector<std::string> flags;
  bool dropped_before_training = false;
};

struct research_result {
  std::string run_id;
  std::vector<research_row> rows;
  nlohmann::json summary;
};

/// The stages the run executes, in order (what --dry-run prints).
std::vector<std::string> research_plan(const research_config& cfg);

/// Runs the pipeline over `primary` (with `reference` vendor bars when not null, same symbols)
/// and archives the run in `archive_dir`. `data_note` describes the data in the report.
research_result run_research(const research_config& cfg, const panel& primary, const panel* reference,
                             const std::string& archive_dir, const std::string& data_note);

}  // namespace embargo::cli

#endif
