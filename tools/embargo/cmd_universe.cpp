// embargo universe: which symbols are liquid, tight and long enough to trade, and why not.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/universe.hpp>

namespace embargo::cli {
namespace {

void add_universe(CLI::App& app) {
  struct args {
    std::string bars, estimator = "corwin-schultz";
    universe_options opt;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("universe", "Filter symbols by history, dollar volume and estimated spread");
  cmd->add_option("--bars", a->bars, "Bars CSV (long format)")->required();
  cmd->add_option("--min-history", a->opt.min_history, "Minimum number of bars")->capture_default_str();
  cmd->add_option("--min-dollar-volume", a->opt.min_dollar_volume, "Minimum median close x volume over the window")->capture_default_str();
  cmd->add_option("--max-spread", a->opt.max_spread, "Maximum estimated relative spread")->capture_default_str();
  cmd->add_option("--window", a->opt.window, "Bars for the dollar volume and the spread")->capture_default_str()->check(at_least(1));
  cmd->add_option("--estimator", a->estimator, "Spread estimator")->capture_default_str()->check(CLI::IsMember({"corwin-schultz", "abdi-ranaldo"}));
  cmd->callback([a] {
    a->opt.estimator = a->estimator == "abdi-ranaldo" ? spread_estimator::abdi_ranaldo : spread_estimator::corwin_schultz;
    const auto decisions = select_universe(read_bars_csv(a->bars), a->opt);
    nlohmann::json kept = nlohmann::json::array(), excluded = nlohmann::json::array();
    for (const auto& d : decisions) {
      nlohmann::json j = {{"symbol", d.symbol}, {"history", d.history}, {"median_dollar_volume", d.median_dollar_volume},
                          {"spread", d.spread}};
      if (d.kept) kept.push_back(j);
      else j["reasons"] = d.reasons, excluded.push_back(j);
    }
    emit(dump({{"kept", kept}, {"excluded", excluded}}), "");
  });
}

[[maybe_unused]] const bool registered = register_command("universe", add_universe);

}  // namespace
}  // namespace embargo::cli
