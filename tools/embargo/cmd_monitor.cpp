// embargo monitor: the dual-model pair of each symbol's served run on new bars; appends to
// monitoring_history.jsonl, raises drift alerts and applies the switch rule through the registry
// (include/embargo/lifecycle/monitor.hpp).
#include "cli.hpp"

#include <iostream>

#include <embargo/data/bars_csv.hpp>
#include <embargo/lifecycle/monitor.hpp>

namespace embargo::cli {
namespace {

struct monitor_args {
  std::string archive, bars, out;
  lifecycle::monitor_options options;
};

void monitor_command(const monitor_args& a) {
  const panel bars = read_bars_csv(a.bars);
  const auto report = lifecycle::monitor(a.archive, bars, a.options);
  nlohmann::json symbols = nlohmann::json::array();
  for (const auto& s : report.symbols) {
    nlohmann::json j = {{"symbol", s.symbol}, {"monitored", s.monitored}};
    if (!s.monitored) j["reason"] = s.reason;
    else
      j["winner"] = s.record["winner"], j["model_b_win_rate"] = s.record["comparison"]["model_b_win_rate"],
      j["drift_pct"] = s.record["drift"]["model_a_drift_pct"], j["status"] = s.record["drift"]["status"], j["alerts"] = s.alerts,
      j["switched"] = s.switched;
    symbols.push_back(std::move(j));
  }
  emit(dump({{"archive", a.archive}, {"alias", a.options.alias}, {"alerts", report.alerts}, {"switches", report.switches},
             {"symbols", symbols}}),
       a.out);
}

void add_monitor(CLI::App& app) {
  auto a = std::make_shared<monitor_args>();
  auto* cmd = app.add_subcommand("monitor", "Compare each symbol's dual-model pair on new bars; drift alerts; the switch rule");
  cmd->add_option("--archive", a->archive, "Archive folder")->required();
  cmd->add_option("--bars", a->bars, "Bars CSV (long format): history and the new bars after the run's training end")->required();
  cmd->add_option("--alias", a->options.alias, "Registry alias whose run's pair is monitored (and switched)")->capture_default_str();
  cmd->add_option("--window", a->options.window_bars, "Bars per comparison window")->check(between(1, 100000))->capture_default_str();
  cmd->add_option("--warn", a->options.warn_pct, "Drift (%) that warns")->check(between(0, 100))->capture_default_str();
  cmd->add_option("--retrain", a->options.retrain_pct, "Drift (%) that asks for retraining")->check(between(0, 100))->capture_default_str();
  cmd->add_option("--out", a->out, "Write the JSON here instead of stdout");
  cmd->callback([a] { monitor_command(*a); });
}

[[maybe_unused]] const bool registered = register_command("monitor", add_monitor);

}  // namespace
}  // namespace embargo::cli
