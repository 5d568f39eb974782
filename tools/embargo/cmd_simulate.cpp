// embargo simulate: long-format bars from the built-in market simulator.
#include "cli.hpp"

#include <sstream>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/faults.hpp>
#include <embargo/data/simulator.hpp>

namespace embargo::cli {
namespace {

void add_simulate(CLI::App& app) {
  struct args {
    simulator_options sim;
    std::string out;
    std::string regimes_out;
    std::string faults, reference_out, faults_out;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("simulate", "Write simulated OHLCV bars (long-format CSV) from the built-in market");
  cmd->add_option("--symbols", a->sim.n_symbols, "Number of symbols")->capture_default_str()->check(at_least(1));
  cmd->add_option("--bars", a->sim.n_bars, "Bars per symbol")->capture_default_str()->check(at_least(1));
  cmd->add_option("--seed", a->sim.seed, "Random seed (same seed, same bars on every platform)")->capture_default_str();
  cmd->add_option("--sectors", a->sim.n_sectors, "Number of sectors")->capture_default_str()->check(at_least(1));
  cmd->add_option("--bar-seconds", a->sim.bar_seconds, "Seconds between bars (86400: daily bars, weekdays only)")
      ->capture_default_str()
      ->check(at_least(1));
  cmd->add_option("--out", a->out, "Output CSV (default: stdout)");
  cmd->add_option("--regimes-out", a->regimes_out, "Also write the true regime per bar (CSV timestamp,regime)");
  cmd->add_option("--faults", a->faults, "Inject data faults: a comma list of gaps,spikes,stale,split,vendor");
  cmd->add_option("--reference-out", a->reference_out, "With --faults ...vendor: write the second vendor's bars here");
  cmd->add_option("--faults-out", a->faults_out, "With --faults: write what was injected, per symbol (JSON)");
  cmd->callback([a] {
    // Checked before the simulator allocates: ~60 bytes a bar in memory, ~90 in the CSV.
    check_limit("--symbols x --bars", static_cast<double>(a->sim.n_symbols) * static_cast<double>(a->sim.n_bars), 1e8,
                "bars in all");
    const auto m = simulate_market(a->sim);
    if (a->faults.empty()) {
      if (!a->reference_out.empty() || !a->faults_out.empty())
        throw invalid_argument("--reference-out and --faults-out need --faults");
      emit(format_bars_csv(m.bars), a->out);
    } else {
      fault_options fo;
      fo.gaps = fo.spikes = fo.stale = fo.splits = fo.vendor = false;
      std::stringstream list(a->faults);
      for (std::string f; std::getline(list, f, ',');) {
        if (f == "gaps") fo.gaps = true;
        else if (f == "spikes") fo.spikes = true;
        else if (f == "stale") fo.stale = true;
        else if (f == "split" || f == "splits") fo.splits = true;
        else if (f == "vendor") fo.vendor = true;
        else throw invalid_argument("--faults: unknown fault '" + f + "' (expected gaps, spikes, stale, split, vendor)");
      }
      if (!a->reference_out.empty() && !fo.vendor) throw invalid_argument("--reference-out needs the vendor fault");
      const auto fm = inject_faults(m.bars, fo, a->sim.seed);
      emit(format_bars_csv(fm.bars), a->out);
      if (!a->reference_out.empty()) emit(format_bars_csv(fm.reference), a->reference_out);
      if (!a->faults_out.empty()) {
        const bool daily = a->sim.bar_seconds % 86400 == 0;
        auto times = [&](const std::vector<timestamp>& v) {
          nlohmann::json arr = nlohmann::json::array();
          for (auto t : v) arr.push_back(format_timestamp(t, daily));
          return arr;
        };
        nlohmann::json j = nlohmann::json::array();
        for (const auto& t : fm.truth)
          j.push_back({{"symbol", t.symbol}, {"missing", times(t.missing)}, {"spikes", times(t.spikes)},
                       {"stale", times(t.stale)}, {"splits", times(t.splits)}, {"split_ratios", t.split_ratios},
                       {"vendor_errors", times(t.vendor_errors)}});
        emit(dump(j), a->faults_out);
      }
    }
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
