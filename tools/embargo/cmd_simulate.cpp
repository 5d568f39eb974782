// embargo simulate: long-format bars from the built-in market simulator.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/simulator.hpp>

namespace embargo::cli {
namespace {

void add_simulate(CLI::App& app) {
  struct args {
    simulator_options sim;
    std::string out;
    std::string regimes_out;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("simulate", "Write simulated OHLCV bars (long-format CSV) from the built-in market");
  cmd->add_option("--symbols", a->sim.n_symbols, "Number of symbols")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--bars", a->sim.n_bars, "Bars per symbol")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--seed", a->sim.seed, "Random seed (same seed, same bars on every platform)")->capture_default_str();
  cmd->add_option("--sectors", a->sim.n_sectors, "Number of sectors")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--bar-seconds", a->sim.bar_seconds, "Seconds between bars (86400: daily bars, weekdays only)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out", a->out, "Output CSV (default: stdout)");
  cmd->add_option("--regimes-out", a->regimes_out, "Also write the true regime per bar (CSV timestamp,regime)");
  cmd->callback([a] {
    const auto m = simulate_market(a->sim);
    emit(format_bars_csv(m.bars), a->out);
    if (!a->regimes_out.empty()) {
      std::string csv = "timestamp,regime\n";
      const auto& t = m.bars.symbols.front().time;
      const bool daily = a->sim.bar_seconds % 86400 == 0;
      for (std::size_t i = 0; i < m.true_regime.size(); ++i)
        csv += format_timestamp(t[i], daily) + "," + std::string(to_string(m.true_regime[i])) + "\n";
      emit(csv, a->regimes_out);
    }
  });
}

[[maybe_unused]] const bool registered = register_command("simulate", add_simulate);

}  // namespace
}  // namespace embargo::cli
